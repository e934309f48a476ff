//! Lesson 3, the plain version: awaiting one after another (6 s) vs all at once (2 s),
//! results collected in order.
//!
//! Run it: `just plain-3` (or `cargo run -p lesson-03-sequential-vs-gather --example
//! plain-03`). The same program, measured with timeline charts: `just lesson-3`.
//! The Python it mirrors: `python/lesson_03.py` (`just compare 3` runs both).
//!
//! Beside Python: `gather` wraps each coroutine in a task, so they start at once and run
//! on even if nobody awaits the gather; `join_all` is a lazy future that polls them
//! itself, on this task, and nothing starts until it is awaited. The results come in the
//! order given in both.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

use futures::future::join_all;

/// Waits 2 s, then returns a greeting.
async fn greet_after_delay(name: &str) -> String {
    println!("Starting {name}...");
    tokio::time::sleep(Duration::from_secs(2)).await;
    format!("Hello, {name}!")
}

#[tokio::main]
async fn main() {
    let names = ["Alice", "Bob", "Charlie"];

    // One after another: each `.await` finishes before the next greeting is created.
    println!("One after another (an .await per name):");
    let start = Instant::now();
    let mut greetings = Vec::new();
    for name in names {
        greetings.push(greet_after_delay(name).await);
    }
    println!("{greetings:?}");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());

    // All at once: `asyncio.gather(*coros)`. `join_all` polls the three futures
    // together and gives their results in the order given.
    println!("All at once (join_all):");
    let start = Instant::now();
    let greetings: Vec<String> = join_all(names.iter().map(|name| greet_after_delay(name))).await;
    println!("{greetings:?}");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
