//! Wrong: abort_all, then keeps reading join_next, which gives the cancelled tasks.
//! Expect: come back from join_next

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::task::JoinSet;

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
    let mut set = JoinSet::new();
    for (name, seconds, fails) in steps {
        set.spawn(step(name, seconds, fails));
    }
    let mut finished = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(name)) => finished.push(name),
            Ok(Err(_)) => set.abort_all(),
            Err(join_error) => return Err(join_error.to_string()),
        }
    }
    Ok(finished)
}
