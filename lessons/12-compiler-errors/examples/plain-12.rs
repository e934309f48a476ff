//! Lesson 12, the plain version: the three fixes a Python hand needs first in async Rust,
//! in one program that compiles: `Arc` (not `Rc`) in a spawned task, a borrowed client
//! in `.map(|url| async move { .. })`, and the error type named on an `async` block.
//!
//! Run it: `just plain-12` (or `cargo run -p lesson-12-compiler-errors --example
//! plain-12`). The whole catalogue, each error with its message and its fix, run:
//! `just lesson-12`.
//! The Python it mirrors: `python/lesson_12.py` (`just compare 12` runs both).
//!
//! Beside Python: the Python program runs as written, because nothing in it is checked
//! before it runs; each of these three shapes is a compiler error in Rust until it says
//! who owns what, what may cross threads, and which error comes out.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::num::ParseIntError;
use std::sync::Arc;

use futures::future::join_all;

struct Client;

impl Client {
    async fn get(&self, url: &str) -> usize {
        url.len()
    }
}

async fn read_port(text: &str) -> Result<u16, ParseIntError> {
    text.parse()
}

#[tokio::main]
async fn main() {
    // 1. A spawned task may move between threads: `Arc`, not `Rc`, across an `.await`.
    let name = Arc::new(String::from("report.txt"));
    let task = tokio::spawn(async move {
        tokio::task::yield_now().await;
        name.len()
    });
    println!("spawned task: {} chars", task.await.unwrap_or_default());

    // 2. Many futures share one client: borrow it, so `async move` moves the reference.
    let client = Client;
    let client = &client;
    let urls = ["https://a.example", "https://bb.example"];
    let lengths = join_all(urls.iter().map(|url| async move { client.get(url).await })).await;
    println!("shared client: {lengths:?}");

    // 3. `?` in an `async` block: name the error type on its last value.
    let port = async {
        let port = read_port("8080").await?;
        Ok::<_, ParseIntError>(port)
    };
    println!("port: {:?}", port.await);
}
