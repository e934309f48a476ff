//! Wrong: runs both at once but returns them in the wrong order.
//! Expect: expected the results

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits `home` and `about` at once; returns `[home's ms, about's ms × 2]`.
pub async fn home_and_about(site: Arc<Site>, home: String, about: String) -> Vec<u64> {
    let (home_ms, about_ms) = tokio::join!(async { site.visit(&home).await }, async {
        site.visit(&about).await * 2
    },);
    vec![about_ms, home_ms]
}
