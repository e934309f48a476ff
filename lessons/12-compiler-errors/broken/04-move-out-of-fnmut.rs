//! Error: cannot move out of `client`, a captured variable in an `FnMut` closure
//! Code: E0507
//! Python: `[fetch(session, url) for url in urls]`: every coroutine shares one session
//! Why: `async move` moves `client` into the first future; but `.map` calls the closure
//!   once per URL (an `FnMut`), and the second call would find `client` gone.
//! Fix: borrow it: `let client = &client;` before the `.map`, so `async move` moves
//!   only the reference; or, for a type that is `Clone`, clone per future: `let
//!   client = client.clone();` inside the closure. A `reqwest::Client` is `Clone` and
//!   an `Arc` inside: a clone is cheap and shares one pool.

use futures::future::join_all;

struct Client;

impl Client {
    async fn get(&self, url: &str) -> usize {
        url.len()
    }
}

#[tokio::main]
async fn main() {
    let client = Client;
    let urls = ["https://a.example", "https://b.example"];
    let pages = join_all(urls.iter().map(|url| async move { client.get(url).await })).await;
    println!("{pages:?}");
}
