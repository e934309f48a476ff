//! Wrong: spawns each visit and awaits it before spawning the next.
//! Expect: Spawn them all before awaiting any

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    let total = Arc::new(AtomicU64::new(0));
    for page in pages {
        let (site, total) = (Arc::clone(&site), Arc::clone(&total));
        let _ = tokio::spawn(async move {
            let ms = site.visit(&page).await;
            total.fetch_add(ms, Ordering::Relaxed);
        })
        .await;
    }
    total.load(Ordering::Relaxed)
}
