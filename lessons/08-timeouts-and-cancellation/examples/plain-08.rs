//! Lesson 8, the plain version: a timeout, a race with `select!`, what a cancelled
//! future still runs, and `select!` in a loop until every branch is off.
//!
//! Run it: `just plain-8` (or `cargo run -p lesson-08-timeouts-and-cancellation --example
//! plain-08`). The same ideas, measured (shield, cancel safety, interval): `just lesson-8`.
//! The Python it mirrors: `python/lesson_08.py` (`just compare 8` runs both).
//!
//! Beside Python: a timeout and a race look alike in both. A cancelled coroutine gets a
//! `CancelledError` it may catch and ignore; a dropped Rust future has no say: it stops
//! at the `.await` where it waited, and only `Drop` runs (the Goodbye line).

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

/// Waits `ms`, then returns `name`.
async fn download(name: &'static str, ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    name
}

/// Prints when it is dropped: all that runs of a cancelled future.
struct Goodbye;

impl Drop for Goodbye {
    fn drop(&mut self) {
        println!("cancelled: Drop runs, the rest of the job does not");
    }
}

async fn long_job() {
    let _goodbye = Goodbye;
    tokio::time::sleep(Duration::from_secs(10)).await;
    println!("never printed");
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    // asyncio.wait_for(download(...), 1): gives up, and drops the download.
    match tokio::time::timeout(Duration::from_secs(1), download("slow", 3000)).await {
        Ok(name) => println!("{name} finished"),
        Err(_) => println!("timed out after 1 s"),
    }
    // asyncio.wait(FIRST_COMPLETED): the first to finish wins; the other is dropped.
    let winner = tokio::select! {
        name = download("mirror A", 300) => name,
        name = download("mirror B", 500) => name,
    };
    println!("{winner} won");
    // task.cancel(): dropping the future is all there is to it.
    let _ = tokio::time::timeout(Duration::from_millis(200), long_job()).await;

    // asyncio.wait over a set you change each turn: `select!` in a loop. A closed,
    // empty queue's `recv()` gives `None`, which `Some(..)` does not match, so that
    // branch is off; when every branch is off, `else` ends the loop.
    let (prices_in, mut prices) = tokio::sync::mpsc::channel(4);
    let (news_in, mut news) = tokio::sync::mpsc::channel(4);
    tokio::spawn(async move {
        for price in [1, 2] {
            let _ = prices_in.send(price).await;
        }
    });
    tokio::spawn(async move {
        let _ = news_in.send("hello").await;
    });
    let mut taken = Vec::new();
    loop {
        tokio::select! {
            Some(price) = prices.recv() => taken.push(format!("price {price}")),
            Some(item) = news.recv() => taken.push(format!("news {item}")),
            else => break,
        }
    }
    taken.sort();
    println!("took {taken:?}, then both queues were closed");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
