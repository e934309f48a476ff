//! Wrong: join_all without spawning: at once, but inside run_jobs's own future.
//! Expect: not as tasks

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
    futures::future::join_all(jobs.into_iter().map(job)).await
}
