//! Wrong: waits for a change, without looking at the value already there.
//! Expect: a server already ready

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
    let waiting = async {
        loop {
            if ready.changed().await.is_err() {
                return Err(NotReady);
            }
            if *ready.borrow() {
                return Ok(start.elapsed());
            }
        }
    };
    tokio::time::timeout(limit, waiting)
        .await
        .unwrap_or(Err(NotReady))
}
