//! # Exercise 09c: keep what finished (solution)
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
    let mut outcomes = vec![Outcome::Unfinished; urls.len()];
    // Each request carries its place in the list, so that results coming in finish
    // order still land where they were asked.
    let mut running: FuturesUnordered<_> = urls
        .into_iter()
        .enumerate()
        .map(|(place, url)| {
            let request = fetch(url);
            async move { (place, request.await) }
        })
        .collect();
    // The deadline on each `next()`: a result is moved out of `running` as soon as it
    // is in, so the deadline can only drop requests that had not finished.
    while let Ok(Some((place, result))) = tokio::time::timeout_at(deadline, running.next()).await {
        outcomes[place] = match result {
            Ok(body) => Outcome::Done(body),
            Err(error) => Outcome::Failed(error),
        };
    }
    // `running` is dropped here, and with it every request still in it.
    outcomes
}
