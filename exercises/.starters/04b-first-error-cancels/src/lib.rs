//! # Exercise 04b: the first error stops the rest
//!
//! Follows lesson 4, Part 5 (`JoinSet`, `abort_all`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async with asyncio.TaskGroup() as tg:        # the first exception cancels the rest
//!     for name, seconds, fails in steps:
//!         tg.create_task(step(name, seconds, fails))
//! ```
//!
//! **What to do:** `run_all` runs every step as a task, at once, but on an error it still
//! waits for all the others. Make it return the first error as soon as it comes in, and
//! stop the tasks still running: a step that is stopped never finishes. Edit `run_all`
//! only.

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
    let mut first_error = None;
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(name)) => finished.push(name),
            Ok(Err(error)) => {
                first_error.get_or_insert(error);
            }
            Err(join_error) => return Err(join_error.to_string()),
        }
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(finished),
    }
}
