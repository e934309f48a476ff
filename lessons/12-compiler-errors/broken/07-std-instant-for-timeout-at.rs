//! Error: mismatched types
//! Code: E0308
//! Python: `time.monotonic()` deadlines, one clock for everything
//! Why: `tokio::time::timeout_at` takes tokio's `Instant`, the clock a test can pause
//!   (lesson 11); `std::time::Instant` is the operating system's, which tokio cannot
//!   pause.
//! Fix: `tokio::time::Instant::now()` for deadlines, or `deadline.into()` to convert a
//!   std one. The course uses tokio's everywhere, so its paused-clock tests are
//!   exact.

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let deadline = Instant::now() + Duration::from_secs(1);
    let slept = tokio::time::timeout_at(deadline, tokio::time::sleep(Duration::from_secs(2))).await;
    println!("{slept:?}");
}
