//! Wrong: takes the lock and logs first, then visits: the log is in the order asked, not the order finished.
//! Expect: the visits finished in the order

use std::sync::{Arc, Mutex, PoisonError};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and logs each page as its visit
/// ends.
pub async fn visit_and_log(site: Arc<Site>, pages: Vec<String>, log: Arc<Mutex<Vec<String>>>) {
    let mut tasks = Vec::new();
    for page in pages {
        let (site, log) = (Arc::clone(&site), Arc::clone(&log));
        log.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(page.clone());
        tasks.push(tokio::spawn(async move {
            site.visit(&page).await;
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}
