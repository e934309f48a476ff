//! Wrong: waits with std::thread::sleep, which blocks the thread.
//! Expect: kept the thread busy

use std::time::Duration;

/// How long the greeting waits.
pub const DELAY: Duration = Duration::from_secs(1);

/// Waits [`DELAY`], then returns `"Hello, NAME!"`.
pub async fn greet_after_delay(name: &str) -> String {
    std::thread::sleep(DELAY);
    format!("Hello, {name}!")
}
