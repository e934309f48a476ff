//! Wrong: counts the visits instead of adding up the milliseconds they return.
//! Expect: but the visits returned

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    let total = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for page in pages {
        let (site, total) = (Arc::clone(&site), Arc::clone(&total));
        tasks.push(tokio::spawn(async move {
            site.visit(&page).await;
            total.fetch_add(1, Ordering::Relaxed);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    total.load(Ordering::Relaxed)
}
