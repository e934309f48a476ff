//! Wrong: a JoinSet read with join_next: results in the order they finish.
//! Expect: not in the order they finish

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
    let mut set = tokio::task::JoinSet::new();
    for seconds in jobs {
        set.spawn(job(seconds));
    }
    let mut results = Vec::new();
    while let Some(Ok(result)) = set.join_next().await {
        results.push(result);
    }
    results
}
