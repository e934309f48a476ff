//! Wrong: drops tokio::spawn to make the error go away: join_all over the visits, an Rc still inside.
//! Expect: not every visit ran in a spawned task

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use exercise_kit::visits::Site;

/// Visits every page at once, each in a spawned task, and returns the sum of the
/// milliseconds the visits returned.
pub async fn total_time(site: Arc<Site>, pages: Vec<String>) -> u64 {
    let total = Rc::new(RefCell::new(0));
    let visits = pages.iter().map(|page| {
        let (site, total) = (Arc::clone(&site), Rc::clone(&total));
        async move {
            let ms = site.visit(page).await;
            *total.borrow_mut() += ms;
        }
    });
    futures::future::join_all(visits).await;
    let sum = *total.borrow();
    sum
}
