//! Wrong: fixed batches of limit (chunks + join_all): each batch waits for its slowest.
//! Expect: fixed batches wait for their slowest

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
    let mut lengths = Vec::new();
    for batch in urls.chunks(limit) {
        lengths.extend(join_all(batch.iter().map(|url| fetch_len(client, url))).await);
    }
    lengths
}
