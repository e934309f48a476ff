//! Wrong: returns the first error at once but leaves the spawned tasks running.
//! Expect: kept running and finished later

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
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let count = steps.len();
    for (name, seconds, fails) in steps {
        let sender = sender.clone();
        tokio::spawn(async move {
            let _ = sender.send(step(name, seconds, fails).await);
        });
    }
    let mut finished = Vec::new();
    for _ in 0..count {
        match receiver.recv().await {
            Some(Ok(name)) => finished.push(name),
            Some(Err(error)) => return Err(error),
            None => break,
        }
    }
    Ok(finished)
}
