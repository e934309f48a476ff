//! Wrong: moves the clock with tokio::time::advance instead of sleeping.
//! Expect: moved forward by hand

use std::time::Duration;

/// Calls `attempt` up to `tries` times until it gives `Some`, pausing `pause` between
/// tries; `None` if every try failed.
pub async fn retry(
    mut attempt: impl FnMut() -> Option<u32>,
    tries: u32,
    pause: Duration,
) -> Option<u32> {
    for i in 0..tries {
        if let Some(value) = attempt() {
            return Some(value);
        }
        if i + 1 < tries {
            tokio::time::advance(pause).await;
        }
    }
    None
}
