//! Wrong: runs both at once but forgets to count about twice.
//! Expect: expected the results

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits `home` and `about` at once; returns `[home's ms, about's ms × 2]`.
pub async fn home_and_about(site: Arc<Site>, home: String, about: String) -> Vec<u64> {
    let (home_ms, about_ms) = tokio::join!(site.visit(&home), site.visit(&about));
    vec![home_ms, about_ms]
}
