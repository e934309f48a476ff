//! Wrong: awaits home, then about: it compiles, and the jobs take turns.
//! Expect: took turns

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits `home` and `about` at once; returns `[home's ms, about's ms × 2]`.
pub async fn home_and_about(site: Arc<Site>, home: String, about: String) -> Vec<u64> {
    let home_ms = site.visit(&home).await;
    let about_ms = site.visit(&about).await * 2;
    vec![home_ms, about_ms]
}
