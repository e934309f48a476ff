//! Wrong: awaits each request in turn under the deadline: right only while the sum of the waits fits.
//! Expect: not all asked at once

use std::future::Future;

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
    let mut outcomes = Vec::new();
    for url in urls {
        outcomes.push(match tokio::time::timeout_at(deadline, fetch(url)).await {
            Ok(Ok(body)) => Outcome::Done(body),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(_elapsed) => Outcome::Unfinished,
        });
    }
    outcomes
}
