//! Wrong: looks every millisecond instead of waiting for the change.
//! Expect: a server ready after 15 ms: expected Ok(15 ms)

use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

/// The server did not say it was ready in time (or went away first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotReady;

/// Waits until `ready` is `true`, at most `limit`; how long it took.
pub async fn wait_until_ready(
    ready: watch::Receiver<bool>,
    limit: Duration,
) -> Result<Duration, NotReady> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if *ready.borrow() {
            return Ok(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Err(NotReady)
}
