//! Wrong: spawns each visit and awaits it before spawning the next.
//! Expect: took turns

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task; the results in the order given.
pub async fn visit_all(site: Arc<Site>, pages: &[String]) -> Vec<u64> {
    let mut results = Vec::new();
    for page in pages {
        let (site, page) = (Arc::clone(&site), page.clone());
        results.push(
            tokio::spawn(async move { site.visit(&page).await })
                .await
                .unwrap_or_default(),
        );
    }
    results
}
