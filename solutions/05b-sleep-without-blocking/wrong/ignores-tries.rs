//! Wrong: ignores tries: retries until it works.
//! Expect: still retrying

use std::time::Duration;

/// Calls `attempt` up to `tries` times until it gives `Some`, pausing `pause` between
/// tries; `None` if every try failed.
pub async fn retry(
    mut attempt: impl FnMut() -> Option<u32>,
    tries: u32,
    pause: Duration,
) -> Option<u32> {
    let _ = tries;
    loop {
        if let Some(value) = attempt() {
            return Some(value);
        }
        tokio::time::sleep(pause).await;
    }
}
