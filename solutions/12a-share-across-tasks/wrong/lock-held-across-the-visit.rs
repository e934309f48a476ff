//! Wrong: shares a tokio Mutex and holds it across each visit: it compiles, and the visits take turns.
//! Expect: hold no lock across

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    let total = Arc::new(tokio::sync::Mutex::new(0));
    let mut tasks = Vec::new();
    for page in pages {
        let (site, total) = (Arc::clone(&site), Arc::clone(&total));
        tasks.push(tokio::spawn(async move {
            let mut total = total.lock().await;
            *total += site.visit(&page).await;
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let sum = *total.lock().await;
    sum
}
