//! Wrong: wraps the work in a tokio Mutex held across the visit: it compiles, and the tasks take turns.
//! Expect: each waited for the one before

use std::sync::{Arc, Mutex, PoisonError};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and logs each page as its visit
/// ends.
pub async fn visit_and_log(site: Arc<Site>, pages: Vec<String>, log: Arc<Mutex<Vec<String>>>) {
    let turn = Arc::new(tokio::sync::Mutex::new(()));
    let mut tasks = Vec::new();
    for page in pages {
        let (site, log, turn) = (Arc::clone(&site), Arc::clone(&log), Arc::clone(&turn));
        tasks.push(tokio::spawn(async move {
            let _turn = turn.lock().await;
            site.visit(&page).await;
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(page);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}
