//! Wrong: keeps every result, but in the order they finished, not in the order asked.
//! Expect: in the wrong places

use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::time::Instant;

/// How one request stood when `fetch_all` returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It finished with this body.
    Done(String),
    /// It finished with this error.
    Failed(String),
    /// It was still running at the deadline.
    Unfinished,
}

/// Fetches every URL at once with `fetch` and returns, by `deadline`, one outcome per
/// URL in the order given.
pub async fn fetch_all<F, Fut>(urls: Vec<String>, fetch: F, deadline: Instant) -> Vec<Outcome>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    let count = urls.len();
    let mut running: FuturesUnordered<_> = urls.into_iter().map(fetch).collect();
    let mut outcomes = Vec::new();
    while let Ok(Some(result)) = tokio::time::timeout_at(deadline, running.next()).await {
        outcomes.push(match result {
            Ok(body) => Outcome::Done(body),
            Err(error) => Outcome::Failed(error),
        });
    }
    outcomes.resize(count, Outcome::Unfinished);
    outcomes
}
