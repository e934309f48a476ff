//! # Exercise 10b: drain on shutdown
//!
//! Follows lesson 10, Part 5 (`just lesson-10`; the plain version: `just plain-10`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def serve(stop: asyncio.Event):
//!     running = set()
//!     while not stop.is_set():
//!         running.add(asyncio.create_task(job(next_number())))
//!         try:                                # the next job, or the stop
//!             await asyncio.wait_for(stop.wait(), EVERY)
//!         except TimeoutError:
//!             pass
//!     await asyncio.gather(*running)          # let the jobs in flight finish
//! ```
//!
//! **What to do:** `serve` starts a job every [`EVERY`] until `stop` says `true`. When
//! it does, `serve` returns at once, and the jobs still running are lost: dropping a
//! `JoinSet` aborts its tasks. Make `serve` start no new job after the stop, but wait for
//! the jobs in flight to finish before it returns. Edit `serve` only.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

/// How often a new job starts.
pub const EVERY: Duration = Duration::from_millis(200);

/// How long a job takes.
pub const JOB_TAKES: Duration = Duration::from_millis(500);

/// Starts a job every [`EVERY`] until `stop` turns `true`.
pub async fn serve(mut stop: watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(EVERY);
    let mut jobs = JoinSet::new();
    let mut number = 0;
    loop {
        tokio::select! {
            // The stop is checked first, so a tick due at the same moment loses.
            biased;
            _ = stop.wait_for(|stopped| *stopped) => return,
            _ = ticker.tick() => {
                number += 1;
                jobs.spawn(job(number));
            }
        }
    }
}

// ---- The jobs. Do not edit below: the check reads what they record. ----

/// Job numbers in the order they started.
pub static STARTED: Mutex<Vec<u32>> = Mutex::new(Vec::new());
/// Job numbers in the order they finished.
pub static FINISHED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// One job: records its start, works for [`JOB_TAKES`], records its end.
pub async fn job(number: u32) {
    record(&STARTED, number);
    tokio::time::sleep(JOB_TAKES).await;
    record(&FINISHED, number);
}

fn record(list: &Mutex<Vec<u32>>, number: u32) {
    list.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(number);
}
