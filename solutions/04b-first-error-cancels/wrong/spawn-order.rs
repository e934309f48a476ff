//! Wrong: awaits the handles in the order they were spawned.
//! Expect: in the order they were spawned

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// One step of a job: a name, how long it takes (s), and whether it fails.
pub type Step = (&'static str, u64, bool);

/// The steps that ran to their end, in order. Read by the check.
pub static FINISHED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// Waits `seconds`, records that it finished, then succeeds or fails.
pub async fn step(name: &'static str, seconds: u64, fails: bool) -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    FINISHED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(name);
    if fails {
        Err(format!("{name} failed"))
    } else {
        Ok(name)
    }
}

/// Runs every step as a task, all at once. `Ok(names in the order they finished)` if all
/// succeed; on the first error, stops the other steps at once and returns that error.
pub async fn run_all(steps: Vec<Step>) -> Result<Vec<&'static str>, String> {
    let handles: Vec<_> = steps
        .into_iter()
        .map(|(name, seconds, fails)| tokio::spawn(step(name, seconds, fails)))
        .collect();
    let stoppers: Vec<_> = handles.iter().map(|handle| handle.abort_handle()).collect();
    let mut finished = Vec::new();
    for (index, handle) in handles.into_iter().enumerate() {
        match handle.await {
            Ok(Ok(name)) => finished.push(name),
            Ok(Err(error)) => {
                stoppers.iter().for_each(|stopper| stopper.abort());
                return Err(error);
            }
            Err(join_error) => return Err(format!("step {index}: {join_error}")),
        }
    }
    Ok(finished)
}
