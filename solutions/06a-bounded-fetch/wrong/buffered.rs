//! Wrong: buffered(limit): in order, but a finished result behind a slower one holds its place.
//! Expect: buffered(2) waits for the oldest

use reqwest::Client;

/// The length of one page's text, or `None` if the request failed.
pub async fn fetch_len(client: &Client, url: &str) -> Option<usize> {
    let response = client.get(url).send().await.ok()?;
    let text = response.text().await.ok()?;
    Some(text.len())
}

/// Fetches every URL, at most `limit` at a time; the lengths in the order of `urls`.
pub async fn fetch_all(client: &Client, urls: &[String], limit: usize) -> Vec<Option<usize>> {
    use futures::StreamExt;
    futures::stream::iter(urls.iter().map(|url| fetch_len(client, url)))
        .buffered(limit)
        .collect()
        .await
}
