//! Wrong: borrows correctly but visits only the first page.
//! Expect: expected one visit to each

use std::sync::Arc;

use futures::future::join_all;

use exercise_kit::visits::Site;

/// Visits every page at once, all sharing `site`; the results in the order given.
pub async fn visit_together(site: Arc<Site>, pages: Vec<String>) -> Vec<u64> {
    let site = &site;
    join_all(
        pages
            .iter()
            .take(1)
            .map(|page| async move { site.visit(page).await }),
    )
    .await
}
