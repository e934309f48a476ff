//! # Exercise 04a: spawn the jobs, collect the results
//!
//! Follows lesson 4, Parts 1 and 2 (`just lesson-4`; the plain version: `just plain-4`).
//!
//! The Python it mirrors:
//!
//! ```python
//! tasks = [asyncio.create_task(job(seconds)) for seconds in jobs]
//! return [await task for task in tasks]
//! ```
//!
//! **What to do:** `run_jobs` runs one job after another, inside its own future. Run
//! every job as a task of its own (`tokio::spawn`), all at once, and return their
//! results in the order of `jobs`. `[3, 1, 2]` then takes 3 s, not 6 s. Edit `run_jobs`
//! only; `job` records which task ran it, for the check.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Which task ran each job (`None`: no task, the caller's own future). Read by the check.
pub static RAN_ON: Mutex<Vec<Option<tokio::task::Id>>> = Mutex::new(Vec::new());

/// One job: waits `seconds`, then returns `seconds * 10`.
pub async fn job(seconds: u64) -> u64 {
    RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(tokio::task::try_id());
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    seconds * 10
}

/// Runs every job as its own task, all at once; their results in the order of `jobs`.
pub async fn run_jobs(jobs: Vec<u64>) -> Vec<u64> {
    let mut results = Vec::new();
    for seconds in jobs {
        results.push(job(seconds).await);
    }
    results
}
