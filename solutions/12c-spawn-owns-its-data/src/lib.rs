//! # Exercise 12c: a spawned task owns its data (solution)
//!
//! Follows lesson 12, error 3 (`just lesson-12 --only 3`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def visit_all(site, pages):
//!     tasks = [asyncio.create_task(site.visit(page)) for page in pages]
//!     return [await task for task in tasks]      # in the order of pages
//! ```
//!
//! **What to do:** `visit_all` visits every page in a spawned task of its own, all at
//! once, and returns what each visit returned, in the order of `pages`. It does not
//! compile: read the compiler's message. Make it compile and keep the point: spawned
//! tasks, all at once, the results in order. Edit `visit_all` only (and the `use` lines).

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task; the results in the order given.
pub async fn visit_all(site: Arc<Site>, pages: &[String]) -> Vec<u64> {
    let mut tasks = Vec::new();
    for page in pages {
        // The task gets its own copy of the page: a spawned task may outlive `pages`,
        // so it may not borrow from it.
        let (site, page) = (Arc::clone(&site), page.clone());
        tasks.push(tokio::spawn(async move { site.visit(&page).await }));
    }
    let mut results = Vec::new();
    for task in tasks {
        // Awaited in the order spawned: the results come in the order of `pages`.
        results.push(task.await.unwrap_or_default());
    }
    results
}
