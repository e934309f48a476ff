//! Your playground. Change anything here, then `just play` (or `cargo run -p playground`).
//!
//! A few things to try, one lesson at a time:
//! - greet five names concurrently with `futures::future::join_all` and collect a
//!   `Vec<String>` in about 2 s (lesson 3);
//! - spawn tasks with `tokio::spawn` and await their handles (lesson 4);
//! - fetch a page with `reqwest` from the course server: run `just serve --port 8000`
//!   in a second terminal, then GET `http://127.0.0.1:8000/` here (lesson 6).
//!
//! The course's lints apply here too: forgetting an `.await` is a compile error.

// The course's lessons print through a transcript and document every item; your
// playground prints with println! and needs no documentation.
#![allow(clippy::print_stdout, reason = "the playground prints with println!")]
#![allow(missing_docs, reason = "the playground is yours to scribble in")]

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    // reqwest is built with rustls and no default crypto provider in this course: pick
    // one once, before the first request. (Outside the course, reqwest's defaults do it.)
    // `let _ =` ignores the Result it returns (an error only means one was picked already).
    let _ = rustls::crypto::ring::default_provider().install_default();

    let start = Instant::now();
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!("Hello from your playground after {:.2?}", start.elapsed());
}
