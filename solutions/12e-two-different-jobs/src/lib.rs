//! # Exercise 12e: two different jobs (solution)
//!
//! Follows lesson 12, error 8 (`just lesson-12 --only 8`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def home_and_about(site, home, about):
//!     async def home_job(): return await site.visit(home)
//!     async def about_job(): return 2 * await site.visit(about)   # about counts double
//!     return list(await asyncio.gather(home_job(), about_job()))
//! ```
//!
//! **What to do:** `home_and_about` runs two different jobs at once: visit `home`, and
//! visit `about` counting its time twice; it returns `[home's ms, about's ms × 2]`. It
//! does not compile: read the compiler's message. Make it compile and keep the point:
//! both at once, in that order. Edit `home_and_about` only (and the `use` lines).

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits `home` and `about` at once; returns `[home's ms, about's ms × 2]`.
pub async fn home_and_about(site: Arc<Site>, home: String, about: String) -> Vec<u64> {
    // Two different async blocks are two different types: `join!` takes each as it
    // is and polls both at once, on this task.
    let (home_ms, about_ms) = tokio::join!(async { site.visit(&home).await }, async {
        site.visit(&about).await * 2
    },);
    vec![home_ms, about_ms]
}
