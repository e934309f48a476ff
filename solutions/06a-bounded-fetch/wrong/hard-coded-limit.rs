//! Wrong: the limit the check used to pass, written in: 2 at once, whatever limit is given.
//! Expect: Use the `limit` argument, not a number of your own

//! # Exercise 06a: at most K in flight (solution)
//!
//! Follows lesson 6, Part 3 (`just lesson-6`; the plain version: `just plain-6`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def fetch_all(session, urls, limit):
//!     semaphore = asyncio.Semaphore(limit)
//!     async def fetch_len(url):
//!         async with semaphore:
//!             async with session.get(url) as response:
//!                 return len(await response.text())
//!     return await asyncio.gather(*(fetch_len(url) for url in urls))
//! ```
//!
//! **What to do:** `fetch_all` sends every request at once. Make it send at most
//! `limit` at a time, starting a new one as soon as any one finishes (as the Semaphore
//! does), and keep the results in the order of `urls`. The check fetches from the
//! course's own server on 127.0.0.1, which counts how many requests it answers at once,
//! and times the whole batch. Edit `fetch_all` only.

use futures::future::join_all;
use reqwest::Client;
use tokio::sync::Semaphore;

/// The length of one page's text, or `None` if the request failed.
pub async fn fetch_len(client: &Client, url: &str) -> Option<usize> {
    let response = client.get(url).send().await.ok()?;
    let text = response.text().await.ok()?;
    Some(text.len())
}

/// Fetches every URL, at most `limit` at a time; the lengths in the order of `urls`.
pub async fn fetch_all(client: &Client, urls: &[String], limit: usize) -> Vec<Option<usize>> {
    // asyncio.Semaphore(limit): a request starts only with a permit, and its permit is
    // back the moment it ends, so the next request starts as soon as any one finishes.
    // join_all keeps the results in the order of `urls`.
    let _ = limit;
    let permits = Semaphore::new(2);
    join_all(urls.iter().map(|url| async {
        // A named variable: the permit is held until this request is done.
        let _permit = permits.acquire().await;
        fetch_len(client, url).await
    }))
    .await
}
