//! # Exercise 09a: keep the permit (solution)
//!
//! Follows lesson 9, Part 1 (`just lesson-9`; the plain version: `just plain-9`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def download_all(sizes, limit):
//!     sem = asyncio.Semaphore(limit)
//!     async def one(size):
//!         async with sem:                   # held until the block ends
//!             return await download(size)
//!     return await asyncio.gather(*(one(s) for s in sizes))   # in the order of sizes
//! ```
//!
//! **What to do:** `download_all` spawns one task per download and means to let only
//! `limit` of them download at once, but every download starts straight away. Make the
//! limit hold (a new download starts as soon as one ends), and return the results in the
//! order of `sizes`, not in the order they finish. Edit `download_all` only.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Downloads every size as its own task, at most `limit` at once; the results in the
/// order of `sizes`.
pub async fn download_all(sizes: &[u64], limit: usize) -> Vec<String> {
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for (index, &size) in sizes.iter().enumerate() {
        let semaphore = Arc::clone(&semaphore);
        tasks.spawn(async move {
            // A named variable: the permit is held until the task ends.
            let _permit = semaphore.acquire_owned().await;
            // The index travels with the result, which comes back in finish order.
            (index, download(size).await)
        });
    }
    let mut results = vec![String::new(); sizes.len()];
    while let Some(Ok((index, result))) = tasks.join_next().await {
        results[index] = result;
    }
    results
}

// ---- The pretend downloads. Do not edit below: the check counts through them. ----

/// Downloads running right now.
pub static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// The most downloads that ran at once.
pub static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// Counts one download as running for as long as it lives.
struct Running;

impl Running {
    fn start() -> Self {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A download of `size` units: one unit takes 100 ms.
pub async fn download(size: u64) -> String {
    let _running = Running::start();
    tokio::time::sleep(Duration::from_millis(100 * size)).await;
    format!("file of {size}")
}
