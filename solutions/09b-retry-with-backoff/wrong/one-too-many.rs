//! Wrong: one attempt too many (the count starts at 0).
//! Expect: 4 attempts at most

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
    let mut wait = backoff.first_wait;
    let mut made = 0;
    loop {
        match attempt().await {
            Ok(body) => return Ok(body),
            Err(failure) if failure.is_worth_retrying() && made < backoff.attempts => {
                tokio::time::sleep(wait).await;
                wait *= 2;
                made += 1;
            }
            Err(failure) => return Err(failure),
        }
    }
}
