//! # Exercise 08a: a timeout with a fallback
//!
//! Follows lesson 8, Part 1 (`just lesson-8`; the plain version: `just plain-8`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def price_with_fallback(primary, cached):
//!     try:
//!         return await asyncio.wait_for(primary, LIMIT)
//!     except asyncio.TimeoutError:
//!         return cached
//! ```
//!
//! **What to do:** `price_with_fallback` waits for the primary source however long it
//! takes. Give it [`LIMIT`]: if the primary has not answered by then, answer `cached`
//! instead (and let the primary's work stop). Edit `price_with_fallback` only.

use std::future::Future;
use std::time::Duration;

/// How long the primary source may take.
pub const LIMIT: Duration = Duration::from_secs(1);

/// The primary's price, or `cached` if the primary takes longer than [`LIMIT`].
pub async fn price_with_fallback(primary: impl Future<Output = u32>, cached: u32) -> u32 {
    let _ = cached; // TODO: nothing falls back yet
    primary.await
}
