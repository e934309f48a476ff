//! Wrong: collects the results as the tasks finish (a JoinSet), not in the order asked.
//! Expect: in the order of the pages

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task; the results in the order given.
pub async fn visit_all(site: Arc<Site>, pages: &[String]) -> Vec<u64> {
    let mut tasks = tokio::task::JoinSet::new();
    for page in pages {
        let (site, page) = (Arc::clone(&site), page.clone());
        tasks.spawn(async move { site.visit(&page).await });
    }
    let mut results = Vec::new();
    while let Some(result) = tasks.join_next().await {
        results.push(result.unwrap_or_default());
    }
    results
}
