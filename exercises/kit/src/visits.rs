//! Given to exercises 12a and 12b: a pretend site whose pages take their time, which
//! notes every visit: when it started and ended, and in which task it ran.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// A site to visit. Page names carry their time: `home:300` takes 300 ms.
#[derive(Debug)]
pub struct Site {
    start: Instant,
    visits: Mutex<Vec<Visit>>,
}

/// One visit, as the site saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The page.
    pub page: String,
    /// When it started, from the site's creation.
    pub started: Duration,
    /// When it ended (`None`: it never did).
    pub ended: Option<Duration>,
    /// The task it ran in (`None`: not in a spawned task).
    pub task: Option<tokio::task::Id>,
    /// How many tasks the runtime had alive when it started (the check's own included):
    /// tasks spawned together and waiting show here, tasks spawned one by one do not.
    pub tasks_alive: usize,
}

impl Site {
    /// A site whose clock starts now.
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            start: Instant::now(),
            visits: Mutex::new(Vec::new()),
        })
    }

    /// Visits `page`: waits its time (`home:300`: 300 ms), and returns that time in
    /// milliseconds.
    pub async fn visit(&self, page: &str) -> u64 {
        let ms: u64 = page
            .rsplit_once(':')
            .and_then(|(_, ms)| ms.parse().ok())
            .unwrap_or(0);
        let index = {
            let mut visits = self.visits.lock().unwrap_or_else(PoisonError::into_inner);
            visits.push(Visit {
                page: page.to_owned(),
                started: self.start.elapsed(),
                ended: None,
                task: tokio::task::try_id(),
                tasks_alive: tokio::runtime::Handle::try_current()
                    .map_or(0, |runtime| runtime.metrics().num_alive_tasks()),
            });
            visits.len() - 1
        };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let ended = self.start.elapsed();
        self.visits.lock().unwrap_or_else(PoisonError::into_inner)[index].ended = Some(ended);
        ms
    }

    /// For the check: every visit so far, in the order they started.
    #[doc(hidden)]
    pub fn visits(&self) -> Vec<Visit> {
        self.visits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
