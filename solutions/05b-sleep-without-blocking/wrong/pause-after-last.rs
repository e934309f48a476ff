//! Wrong: pauses after the last try too.
//! Expect: no pause after the last attempt

use std::time::Duration;

/// Calls `attempt` up to `tries` times until it gives `Some`, pausing `pause` between
/// tries; `None` if every try failed.
pub async fn retry(
    mut attempt: impl FnMut() -> Option<u32>,
    tries: u32,
    pause: Duration,
) -> Option<u32> {
    for _ in 0..tries {
        if let Some(value) = attempt() {
            return Some(value);
        }
        tokio::time::sleep(pause).await;
    }
    None
}
