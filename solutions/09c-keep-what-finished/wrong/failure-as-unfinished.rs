//! Wrong: treats a failed request like one that did not finish.
//! Expect: is Done (its body) or Failed

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
    let each = urls
        .into_iter()
        .map(|url| tokio::time::timeout_at(deadline, fetch(url)));
    futures::future::join_all(each)
        .await
        .into_iter()
        .map(|result| match result {
            Ok(Ok(body)) => Outcome::Done(body),
            _ => Outcome::Unfinished,
        })
        .collect()
}
