//! Wrong: runs them all at once, but gives the results as they finish.
//! Expect: in the order of the pages

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, all sharing `site`; the results in the order given.
pub async fn visit_together(site: Arc<Site>, pages: Vec<String>) -> Vec<u64> {
    use futures::StreamExt;
    let site = &site;
    let mut running: futures::stream::FuturesUnordered<_> =
        pages.iter().map(|page| site.visit(page)).collect();
    let mut results = Vec::new();
    while let Some(ms) = running.next().await {
        results.push(ms);
    }
    results
}
