//! # Exercise 07b: an async close that runs on error
//!
//! Follows lesson 7, Part 2 (`async with` ↔ `open().await` ... `close().await`, and
//! `with_connection`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def send_all(messages):
//!     async with Connection() as connection:      # __aexit__ awaited, even on error
//!         for message in messages:
//!             await connection.send(message)
//! ```
//!
//! **What to do:** there is no async `Drop`, so the close must be awaited by hand. In
//! `send_all`, the `?` after a failed send returns at once and the close never runs.
//! Make `send_all` always await `close()`, also when a send fails, and then return the
//! send's error. Edit `send_all` only.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What happened, in order. Read by the check.
pub type Log = Arc<Mutex<Vec<String>>>;

fn note(log: &Log, event: impl Into<String>) {
    log.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(event.into());
}

/// A connection whose opening and closing both take a round trip.
pub struct Connection {
    log: Log,
}

impl Connection {
    /// `__aenter__`
    pub async fn open(log: &Log) -> Self {
        tokio::time::sleep(Duration::from_millis(100)).await;
        note(log, "open");
        Self {
            log: Arc::clone(log),
        }
    }

    /// Sends one message; the message `"bad"` is refused.
    pub async fn send(&mut self, message: &str) -> Result<(), String> {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if message == "bad" {
            return Err(format!("the server refused {message:?}"));
        }
        note(&self.log, format!("sent {message}"));
        Ok(())
    }

    /// `__aexit__`: says goodbye, which takes a round trip.
    pub async fn close(self) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        note(&self.log, "closed");
    }
}

/// Opens a connection, sends every message, and always closes it, also when a send
/// fails; then returns how many were sent, or the first error.
pub async fn send_all(log: &Log, messages: &[&str]) -> Result<usize, String> {
    let mut connection = Connection::open(log).await;
    for message in messages {
        connection.send(message).await?;
    }
    connection.close().await;
    Ok(messages.len())
}
