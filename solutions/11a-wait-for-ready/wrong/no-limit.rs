//! Wrong: waits for the value with no limit: a server that never gets ready is waited for forever.
//! Expect: still waiting after

use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

/// The server did not say it was ready in time (or went away first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotReady;

/// Waits until `ready` is `true`, at most `limit`; how long it took.
pub async fn wait_until_ready(
    mut ready: watch::Receiver<bool>,
    limit: Duration,
) -> Result<Duration, NotReady> {
    let start = Instant::now();
    let _ = limit;
    match ready.wait_for(|ready| *ready).await {
        Ok(_) => Ok(start.elapsed()),
        Err(_) => Err(NotReady),
    }
}
