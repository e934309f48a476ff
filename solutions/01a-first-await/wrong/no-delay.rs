//! Wrong: sets DELAY to zero, so nothing waits.
//! Expect: DELAY is 0.00 s

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::ZERO;

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(name: &str) -> String {
    tokio::time::sleep(DELAY).await;
    format!("Hello, {name}!")
}
