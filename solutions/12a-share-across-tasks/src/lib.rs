//! # Exercise 12a: share across tasks (solution)
//!
//! Follows lesson 12, error 1 (`just lesson-12 --only 1`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def total_time(site, pages):
//!     total = 0
//!     async def one(page):
//!         nonlocal total
//!         total += await site.visit(page)     # one thread: nobody else touches it
//!     await asyncio.gather(*(asyncio.create_task(one(p)) for p in pages))
//!     return total
//! ```
//!
//! **What to do:** `total_time` visits every page in a task of its own (`tokio::spawn`),
//! all at once, and adds up the milliseconds each visit returns. It does not compile:
//! read the compiler's message. Make it compile *and* keep the point: every visit in a
//! spawned task of its own, all running at once, the total right. Edit `total_time`
//! only (and the `use` lines).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    // An `Arc` (shared across threads) around an atomic (updated without a lock): the
    // spawned tasks' futures are `Send` again.
    let total = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for page in pages {
        let (site, total) = (Arc::clone(&site), Arc::clone(&total));
        tasks.push(tokio::spawn(async move {
            let ms = site.visit(&page).await;
            total.fetch_add(ms, Ordering::Relaxed);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    total.load(Ordering::Relaxed)
}
