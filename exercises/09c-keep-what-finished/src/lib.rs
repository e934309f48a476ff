//! # Exercise 09c: keep what finished
//!
//! Follows lesson 9, Part 7 (`just lesson-9`; the plain version: `just plain-9`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def fetch_all(urls, fetch, timeout):
//!     tasks = [asyncio.create_task(fetch(url)) for url in urls]
//!     done, pending = await asyncio.wait(tasks, timeout=timeout)
//!     for task in pending:
//!         task.cancel()
//!     return [outcome(task) if task in done else UNFINISHED for task in tasks]
//! ```
//!
//! **What to do:** `fetch_all` asks for every URL at once and must return by `deadline`
//! with one [`Outcome`] per URL, in the order of `urls`: `Done` with the body, `Failed`
//! with the error, or `Unfinished` for a request still running at the deadline (drop
//! it: dropping a future cancels it, lesson 8). When every request is
//! in before the deadline, return then, not at the deadline. Today one timeout wraps
//! the whole batch, so when the deadline comes the results that had finished are lost
//! with it. Edit `fetch_all` only (and the `use` lines).

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
    let everything = futures::future::join_all(urls.iter().map(|url| fetch(url.clone())));
    match tokio::time::timeout_at(deadline, everything).await {
        Ok(results) => results
            .into_iter()
            .map(|result| match result {
                Ok(body) => Outcome::Done(body),
                Err(error) => Outcome::Failed(error),
            })
            .collect(),
        // TODO: the deadline dropped join_all, and the finished results inside it.
        Err(_elapsed) => urls.iter().map(|_| Outcome::Unfinished).collect(),
    }
}
