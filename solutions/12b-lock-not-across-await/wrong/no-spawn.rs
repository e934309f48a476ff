//! Wrong: drops tokio::spawn to make the error go away (join_all), and locks only after each visit.
//! Expect: not every visit ran in a spawned task

use std::sync::{Arc, Mutex, PoisonError};

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and logs each page as its visit
/// ends.
pub async fn visit_and_log(site: Arc<Site>, pages: Vec<String>, log: Arc<Mutex<Vec<String>>>) {
    let visits = pages.into_iter().map(|page| {
        let (site, log) = (Arc::clone(&site), Arc::clone(&log));
        async move {
            site.visit(&page).await;
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(page);
        }
    });
    futures::future::join_all(visits).await;
}
