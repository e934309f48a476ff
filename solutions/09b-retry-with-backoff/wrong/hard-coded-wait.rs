//! Wrong: the first wait written in as 100 ms, whatever backoff is given.
//! Expect: with first_wait

//! # Exercise 09b: retry with backoff (solution)
//!
//! Follows lesson 9, Part 6 (`just lesson-9`; the plain version: `just plain-9`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def with_retries(attempt, first_wait, attempts):
//!     wait = first_wait
//!     for n in range(1, attempts + 1):
//!         try:
//!             return await attempt()
//!         except HttpError as error:
//!             if not error.worth_retrying() or n == attempts:
//!                 raise
//!             await asyncio.sleep(wait)
//!             wait *= 2
//! ```
//!
//! **What to do:** `with_retries` makes one attempt and gives up. Make it try again when
//! the failure is worth retrying ([`Failure::is_worth_retrying`]), waiting
//! `backoff.first_wait` before the second attempt and twice as long before each next
//! one, and making at most `backoff.attempts` attempts in all. A failure not worth
//! retrying (a 404) comes back at once; after the last attempt, its failure comes back
//! (no wait after it). Edit `with_retries` only.

use std::future::Future;
use std::time::Duration;

/// How to retry.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    /// The wait before the second attempt; each later wait is twice the one before.
    pub first_wait: Duration,
    /// The most attempts, the first one included.
    pub attempts: u32,
}

/// Why an attempt failed: the HTTP status the server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure(pub u16);

impl Failure {
    /// 503 (overloaded) and the like may succeed next time; 404 never will.
    pub fn is_worth_retrying(self) -> bool {
        matches!(self.0, 429 | 502 | 503 | 504)
    }
}

/// Calls `attempt` until it succeeds, retrying as `backoff` says.
pub async fn with_retries<F, Fut>(mut attempt: F, backoff: Backoff) -> Result<String, Failure>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<String, Failure>>,
{
    let mut wait = Duration::from_millis(100);
    let mut made = 1;
    loop {
        match attempt().await {
            Ok(body) => return Ok(body),
            Err(failure) if failure.is_worth_retrying() && made < backoff.attempts => {
                // The pause between attempts; it doubles each time.
                tokio::time::sleep(wait).await;
                wait *= 2;
                made += 1;
            }
            Err(failure) => return Err(failure),
        }
    }
}
