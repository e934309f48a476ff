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

/// A connection whose `open` and `close` each take a round trip, and whose server
/// refuses one message: given by the course's exercise kit. `Log` records what happened
/// (`open`, `sent a`, `refused bad`, `closed`) for the check.
pub use exercise_kit::connection::{Connection, Log};

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
