//! The code under test in Parts 1 to 3: a watchdog that declares a peer down when its
//! heartbeats stop for longer than a limit, and up again when they come back.

use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::time::timeout;

/// What the watchdog thinks of the peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// A heartbeat came within the limit.
    Up,
    /// No heartbeat for longer than the limit.
    Down,
}

/// Watches `heartbeats`: after `limit` without one, sets `health` to `Down`; at the
/// next one, `Up` again. Ends when every heartbeat sender is gone.
pub async fn watchdog(
    mut heartbeats: mpsc::Receiver<()>,
    limit: Duration,
    health: watch::Sender<Health>,
) {
    loop {
        // Waits for the next heartbeat, but at most `limit`; `recv` is cancel safe, so
        // a timeout loses nothing (lesson 8).
        match timeout(limit, heartbeats.recv()).await {
            Ok(Some(())) => {
                // `send_if_modified` tells the watchers only about real changes.
                health.send_if_modified(|now| std::mem::replace(now, Health::Up) != Health::Up);
            }
            Ok(None) => return,
            Err(_elapsed) => {
                health.send_if_modified(|now| std::mem::replace(now, Health::Down) != Health::Down);
            }
        }
    }
}
