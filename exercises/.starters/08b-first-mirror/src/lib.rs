//! # Exercise 08b: the first mirror wins
//!
//! Follows lesson 8, Part 2 (`tokio::select!`).
//!
//! The Python it mirrors:
//!
//! ```python
//! done, pending = await asyncio.wait({a, b}, return_when=asyncio.FIRST_COMPLETED)
//! for task in pending:
//!     task.cancel()
//! return done.pop().result()
//! ```
//!
//! **What to do:** `fastest` downloads from both mirrors at once but waits for both.
//! Return the first answer as soon as it comes, and let the slower download stop.
//! Edit `fastest` only.

use std::future::Future;

/// The answer of whichever mirror answers first; the other download stops.
pub async fn fastest(
    mirror_a: impl Future<Output = String>,
    mirror_b: impl Future<Output = String>,
) -> String {
    let (a, _b) = tokio::join!(mirror_a, mirror_b);
    a
}
