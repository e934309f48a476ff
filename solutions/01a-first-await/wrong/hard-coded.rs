//! Wrong: waits, then returns the greeting for Ada whatever the name.
//! Expect: expected "Hello, Grace Hopper!"

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::from_secs(1);

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(_name: &str) -> String {
    tokio::time::sleep(DELAY).await;
    "Hello, Ada!".to_owned()
}
