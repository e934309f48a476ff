//! Wrong: spawns each visit and awaits it before the next.
//! Expect: spawned only after the one before

use std::sync::{Arc, Mutex, PoisonError};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and logs each page as its visit
/// ends.
pub async fn visit_and_log(site: Arc<Site>, pages: Vec<String>, log: Arc<Mutex<Vec<String>>>) {
    for page in pages {
        let (site, log) = (Arc::clone(&site), Arc::clone(&log));
        let _ = tokio::spawn(async move {
            site.visit(&page).await;
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(page);
        })
        .await;
    }
}
