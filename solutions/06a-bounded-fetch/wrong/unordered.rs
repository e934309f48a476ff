//! Wrong: buffer_unordered(limit): fast, but results in the order they finish.
//! Expect: in the order they finished

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
        .buffer_unordered(limit)
        .collect()
        .await
}
