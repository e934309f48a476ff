//! Lesson 6, the plain version: fetch URLs concurrently with one `reqwest::Client`.
//!
//! Run it: `just plain-6 URL...` (or `cargo run -p lesson-06-fetch --example plain-06 --
//! URL...`); with no URL it fetches https://example.com (that needs the network). For an
//! offline try, run `just serve --port 8000` in another terminal and fetch
//! `http://127.0.0.1:8000/delay/500` a few times.
//! The same ideas, measured (blocking clients, limits, timeouts): `just lesson-6`.
//! The Python it mirrors: `python/lesson_06.py` (`just compare 6` runs both).
//!
//! Beside Python: one `aiohttp.ClientSession` is one `reqwest::Client`, shared by every
//! request, and `len(text)` is `.chars().count()` (both count characters). aiohttp's
//! response needs an `async with`; reqwest's is consumed by `.text()`, and its connection
//! goes back to the pool.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::Instant;

use futures::future::join_all;

/// `async def fetch(session, url): ... return await response.text()`
async fn fetch(client: &reqwest::Client, url: &str) -> Result<String, reqwest::Error> {
    let response = client.get(url).send().await?.error_for_status()?;
    response.text().await
}

#[tokio::main]
async fn main() {
    // This course builds reqwest with rustls and *no* default crypto provider (it builds
    // faster), so it picks one here, once. With reqwest's default features you would
    // not need this line.
    let _ = rustls::crypto::ring::default_provider().install_default();

    let mut urls: Vec<String> = std::env::args().skip(1).collect();
    if urls.is_empty() {
        urls.push("https://example.com".to_owned());
    }
    let start = Instant::now();
    // One client (aiohttp's ClientSession), shared by every request.
    let client = reqwest::Client::new();
    // All at once, like asyncio.gather; results in the order of the URLs. Each future
    // borrows the client (`&client`). Written `|url| async move { client.get(url)... }`,
    // it would not build: the first future would take the client away from the closure
    // (E0507); clone it per future or borrow it (lesson 6's `src/lib.rs` shows both).
    let pages = join_all(urls.iter().map(|url| fetch(&client, url))).await;
    for (url, page) in urls.iter().zip(pages) {
        match page {
            // `.chars().count()` counts characters, like Python's len(); `.len()` counts bytes.
            Ok(html) => println!("{url}: fetched {} characters", html.chars().count()),
            Err(error) => println!("{url}: failed: {error}"),
        }
    }
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
