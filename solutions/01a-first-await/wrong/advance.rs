//! Wrong: moves the clock with tokio::time::advance (a test control) instead of waiting.
//! Expect: the clock was moved forward by hand

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::from_secs(1);

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(name: &str) -> String {
    tokio::time::advance(DELAY).await;
    format!("Hello, {name}!")
}
