//! Wrong: spawns the visits but returns the first case's total, written by hand.
//! Expect: total_time returned 600

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    let mut tasks = Vec::new();
    for page in pages {
        let site = Arc::clone(&site);
        tasks.push(tokio::spawn(async move { site.visit(&page).await }));
    }
    for task in tasks {
        let _ = task.await;
    }
    600
}
