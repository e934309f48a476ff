//! Wrong: awaits each visit in a loop: it compiles, and the visits take turns.
//! Expect: took turns

use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, all sharing `site`; the results in the order given.
pub async fn visit_together(site: Arc<Site>, pages: Vec<String>) -> Vec<u64> {
    let mut results = Vec::new();
    for page in &pages {
        results.push(site.visit(page).await);
    }
    results
}
