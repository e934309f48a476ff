//! Lesson 1, the plain version: an `async fn`, called without `.await`, then awaited.
//!
//! Run it: `just plain-1` (or `cargo run -p lesson-01-coroutines --example plain-01`).
//! The same program, measured and explained line by line: `just lesson-1`.
//! The Python it mirrors: `python/lesson_01.py` (`just compare 1` runs both).
//!
//! Beside Python: the same shape, line for line. The difference is when a mistake is
//! caught: a coroutine that is never awaited is a warning at run time in Python ("was
//! never awaited"); an unused future is a warning from the compiler in Rust
//! (`unused_must_use`: futures do nothing unless you `.await` them).
//!
//! Nothing here but tokio: copy it into your own project (see the book's "Your own
//! project") or into the playground (`just play`).

// The course's lessons print through a transcript; a plain program uses println!.
#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

/// `async def greet_after_delay():`
async fn greet_after_delay() {
    println!("Starting...");
    // Pauses this function (not the thread) for 2 s: `await asyncio.sleep(2)`.
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!("Hello!");
}

/// `asyncio.run(main())`: #[tokio::main] starts a runtime and runs `main` on it.
#[tokio::main]
async fn main() {
    let start = Instant::now();
    // Calling the async fn only creates a future; nothing inside it runs yet.
    let greeting = greet_after_delay();
    println!("created the future; nothing has printed yet");
    // `.await` runs it to the end: "Starting...", 2 s of waiting, "Hello!".
    greeting.await;
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
