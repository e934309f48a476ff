//! Lesson 2, the plain version: one event loop, three coroutines, switching while
//! each one waits.
//!
//! Run it: `just plain-2` (or `cargo run -p lesson-02-event-loop --example plain-02`).
//! The same program, traced step by step by the runtime itself: `just lesson-2`.
//! The Python it mirrors: `python/lesson_02.py` (`just compare 2` runs both).
//!
//! Beside Python: both run three coroutines on one thread and take the longest wait, not
//! the sum. asyncio's loop is part of the language's library, started by `asyncio.run`;
//! tokio's runtime is a crate, started by `#[tokio::main]` (here asked for one thread,
//! `current_thread`, to match).

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

/// One coroutine: say hello after `seconds` of waiting.
async fn greet_after_delay(name: &str, seconds: u64) {
    println!("Starting {name}...");
    // Pending: the runtime (the event loop) goes on with the other greetings.
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    println!("Hello, {name}!");
}

/// `flavor = "current_thread"`: one thread, like asyncio's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    // Three coroutines of 2, 1 and 3 s on one loop: while one waits, the loop runs the
    // others, so the whole takes the longest wait (3 s), not the sum (6 s).
    tokio::join!(
        greet_after_delay("Alice", 2),
        greet_after_delay("Bob", 1),
        greet_after_delay("Charlie", 3),
    );
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
