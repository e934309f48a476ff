//! Wrong: a Semaphore whose permit is dropped at once (let _ =).
//! Expect: the limit is 2

use futures::future::join_all;
use reqwest::Client;

/// The length of one page's text, or `None` if the request failed.
pub async fn fetch_len(client: &Client, url: &str) -> Option<usize> {
    let response = client.get(url).send().await.ok()?;
    let text = response.text().await.ok()?;
    Some(text.len())
}

/// Fetches every URL, at most `limit` at a time; the lengths in the order of `urls`.
pub async fn fetch_all(client: &Client, urls: &[String], limit: usize) -> Vec<Option<usize>> {
    let permits = tokio::sync::Semaphore::new(limit);
    join_all(urls.iter().map(|url| async {
        let _ = permits.acquire().await;
        fetch_len(client, url).await
    }))
    .await
}
