//! # Exercise 12d: one site, many futures (solution)
//!
//! Follows lesson 12, error 4 (`just lesson-12 --only 4`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def visit_together(site, pages):
//!     return await asyncio.gather(*(site.visit(page) for page in pages))
//! ```
//!
//! **What to do:** `visit_together` visits every page at once, all sharing the one
//! `site`, on this task (no spawn needed), and returns what each visit returned, in the
//! order of `pages`. It does not compile: read the compiler's message. Make it compile
//! and keep the point: all at once, the results in order. Edit `visit_together` only
//! (and the `use` lines).

use std::sync::Arc;

use futures::future::join_all;

use exercise_kit::visits::Site;

/// Visits every page at once, all sharing `site`; the results in the order given.
pub async fn visit_together(site: Arc<Site>, pages: Vec<String>) -> Vec<u64> {
    // Each future borrows the site: `async move` then moves only the reference, which
    // the `.map` closure can hand out as often as it is called.
    let site = &site;
    join_all(
        pages
            .iter()
            .map(|page| async move { site.visit(page).await }),
    )
    .await
}
