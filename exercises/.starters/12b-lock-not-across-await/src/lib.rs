//! # Exercise 12b: the lock, not across the `.await`
//!
//! Follows lesson 12, error 2 (`just lesson-12 --only 2`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def visit_and_log(site, pages, log, lock):
//!     async def one(page):
//!         async with lock:                    # held across the await: harmless-looking
//!             await site.visit(page)
//!             log.append(page)
//!     await asyncio.gather(*(asyncio.create_task(one(p)) for p in pages))
//! ```
//!
//! **What to do:** `visit_and_log` visits every page in a spawned task of its own, all at
//! once, and appends each page to `log` when its visit is done (so the log ends up in
//! the order the visits finished). It does not compile: read the compiler's message.
//! Make it compile and keep the point: spawned tasks, all at once, the log in finish
//! order. Edit `visit_and_log` only (and the `use` lines).

use std::sync::{Arc, Mutex};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and logs each page as its visit
/// ends.
pub async fn visit_and_log(site: Arc<Site>, pages: Vec<String>, log: Arc<Mutex<Vec<String>>>) {
    let mut tasks = Vec::new();
    for page in pages {
        let (site, log) = (Arc::clone(&site), Arc::clone(&log));
        tasks.push(tokio::spawn(async move {
            let mut log = log.lock().unwrap();
            site.visit(&page).await;
            log.push(page);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}
