//! # Exercise 01a: your first `.await` (solution)
//!
//! `tokio::time::sleep(DELAY)` makes a future; `.await` pauses this function (not the
//! thread) until it is done, like `await asyncio.sleep(1)`.

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::from_secs(1);

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(name: &str) -> String {
    tokio::time::sleep(DELAY).await;
    format!("Hello, {name}!")
}
