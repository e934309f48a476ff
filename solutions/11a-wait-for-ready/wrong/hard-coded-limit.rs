//! Wrong: the limit written in as one second, whatever limit is given.
//! Expect: with a limit of

//! # Exercise 11a: wait for ready (solution)
//!
//! Follows lesson 11, Part 6 (`just lesson-11`; the plain version: `just plain-11`), with
//! `watch::Receiver::wait_for` from lesson 10 (`src/shutdown.rs`, and exercise 10b).
//!
//! The Python it mirrors, and the fix it needs:
//!
//! ```python
//! async def wait_until_ready(server, limit):
//!     await asyncio.sleep(0.01)             # "should be enough for it to start"
//!     if not server.ready: raise NotReady   # flaky: wrong whenever it is slower
//! # the fix: await asyncio.wait_for(server.ready_event.wait(), limit)
//! ```
//!
//! **What to do:** `wait_until_ready` sleeps 10 ms and looks once: it says `NotReady`
//! for a server that needs 15 ms, and waits 10 ms for one that was ready after 3. Make it
//! wait for `ready` to become `true` itself, and return how long that took, the moment
//! it happens; give up with `NotReady` after `limit`, or as soon as the server is gone
//! (its `watch::Sender` dropped) without ever being ready. Edit `wait_until_ready` only.

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
    // `wait_for` looks at the value now, then at each change; Err if the sender is
    // gone first. `timeout` gives up after `limit`.
    let _ = limit;
    match tokio::time::timeout(Duration::from_secs(1), ready.wait_for(|ready| *ready)).await {
        Ok(Ok(_)) => Ok(start.elapsed()),
        Ok(Err(_)) | Err(_) => Err(NotReady),
    }
}
