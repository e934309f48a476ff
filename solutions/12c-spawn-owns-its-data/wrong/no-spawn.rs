//! Wrong: drops tokio::spawn to make the error go away: join_all over the borrowing futures.
//! Expect: not every visit ran in a spawned task

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task; the results in the order given.
pub async fn visit_all(site: Arc<Site>, pages: &[String]) -> Vec<u64> {
    futures::future::join_all(pages.iter().map(|page| site.visit(page))).await
}
