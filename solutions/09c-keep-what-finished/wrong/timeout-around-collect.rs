//! Wrong: collects a FuturesUnordered under one timeout: the deadline drops the collected results too.
//! Expect: were lost

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
    let running: FuturesUnordered<_> = urls
        .into_iter()
        .enumerate()
        .map(|(place, url)| {
            let request = fetch(url);
            async move { (place, request.await) }
        })
        .collect();
    let mut outcomes = vec![Outcome::Unfinished; count];
    if let Ok(results) = tokio::time::timeout_at(deadline, running.collect::<Vec<_>>()).await {
        for (place, result) in results {
            outcomes[place] = match result {
                Ok(body) => Outcome::Done(body),
                Err(error) => Outcome::Failed(error),
            };
        }
    }
    outcomes
}
