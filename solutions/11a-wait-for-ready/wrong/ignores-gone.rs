//! Wrong: ignores the error changed() gives once the sender is gone, and spins.
//! Expect: (a spin, or a retry that never gives up)

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
    while !*ready.borrow_and_update() {
        if start.elapsed() >= limit {
            return Err(NotReady);
        }
        let _ = ready.changed().await;
    }
    Ok(start.elapsed())
}
