//! Wrong: the results for [3, 1, 2] written out.
//! Expect: expected [10, 40, 20, 20]

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
    let handles: Vec<_> = jobs.into_iter().map(|s| tokio::spawn(job(s))).collect();
    for handle in handles {
        let _ = handle.await;
    }
    vec![30, 10, 20]
}
