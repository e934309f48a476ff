//! One page fetched: from the cache, or upstream within the shared limit (one fetch per
//! URL at a time), each attempt with its own timeout, retried with backoff while the
//! failure is transient and the deadline allows.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use crate::app::AppState;
use crate::cache::CachedPage;
use crate::outcome::{FetchError, Outcome};

/// The first wait before a retry; each later one doubles.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// Counts the upstream requests in flight: one more while it lives. Dropped when the
/// attempt ends *or is cancelled* (the deadline drops the future), so the count stays
/// right either way.
struct InFlight<'a>(&'a AtomicU64);

impl<'a> InFlight<'a> {
    fn new(count: &'a AtomicU64) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Self(count)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

// ANCHOR: fetch
/// Fetches `url` for a request that must be answered by `deadline`: from the cache, or
/// by joining the fetch of `url` already in flight, or by starting it. The caller drops
/// this future at the deadline (the page is then `unfinished`); the fetch itself goes
/// on while another request still waits for it (it then keeps the first asker's
/// deadline for its retries).
pub async fn fetch(state: &Arc<AppState>, url: &str, deadline: Instant) -> Outcome {
    if let Some(page) = state.cache.get(url) {
        state.counters.cache_hits.fetch_add(1, Ordering::Relaxed);
        return Outcome::Ok {
            http_status: page.http_status,
            chars: page.chars,
            attempts: 0,
            cached: true,
        };
    }
    let fetch = state.fetches.join_or_start(url, || {
        let (state, url) = (Arc::clone(state), url.to_owned());
        async move { fetch_upstream(&state, &url, deadline).await }
    });
    fetch.await
}

/// The attempts for one URL, and the page cached when one succeeds.
async fn fetch_upstream(state: &AppState, url: &str, deadline: Instant) -> Outcome {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let error = match attempt(state, url).await {
            Ok(page) => {
                state.cache.put(url, page);
                return Outcome::Ok {
                    http_status: page.http_status,
                    chars: page.chars,
                    attempts,
                    cached: false,
                };
            }
            Err(error) => error,
        };
        // At least what the upstream asked for (`Retry-After`), else the backoff.
        let wait = error
            .retry_after()
            .unwrap_or_default()
            .max(backoff(attempts));
        // Give up now, with the real error, when no attempt is left or the next one
        // could not start before the deadline.
        if !error.is_transient() || attempts >= state.config.retries {
            return Outcome::Failed {
                error: error.to_string(),
                attempts,
            };
        }
        if Instant::now() + wait >= deadline {
            let error = match error.retry_after() {
                Some(_) => format!("{error}: that is past the deadline, so no retry"),
                None => error.to_string(),
            };
            return Outcome::Failed { error, attempts };
        }
        // No permit is held while waiting: the place goes to another request.
        tokio::time::sleep(wait).await;
    }
}
// ANCHOR_END: fetch

/// One upstream request, inside the shared limit, with its own timeout.
async fn attempt(state: &AppState, url: &str) -> Result<CachedPage, FetchError> {
    // Waits for one of the `limit` places, shared by every request the service
    // handles; the permit goes back when this attempt ends or is dropped.
    let _permit = state
        .limit
        .acquire()
        .await
        .map_err(|_| FetchError::Other("the service is stopping".to_owned()))?;
    let _in_flight = InFlight::new(&state.counters.upstream_in_flight);
    state
        .counters
        .upstream_requests
        .fetch_add(1, Ordering::Relaxed);
    // The attempt's own timeout (reqwest's, from the send to the body's end): a stalled
    // upstream costs one attempt, and the next one may succeed. The request's deadline
    // is the caller's `timeout_at`, over all the attempts.
    let response = state
        .client
        .get(url)
        .timeout(state.config.attempt_timeout())
        .send()
        .await
        .map_err(FetchError::from_reqwest)?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::of_status(&response));
    }
    // The whole body, then a check that it is text: `response.text()` would replace
    // invalid bytes silently.
    let body = response.bytes().await.map_err(FetchError::from_reqwest)?;
    let text = std::str::from_utf8(&body).map_err(|_| FetchError::NotText)?;
    Ok(CachedPage {
        http_status: status.as_u16(),
        chars: text.chars().count(),
    })
}

/// The wait after attempt `attempt` failed: 100 ms, doubling, each picked at random
/// between half and all of it (jitter, from `fastrand`), so clients that failed
/// together do not all come back together.
pub fn backoff(attempt: u32) -> Duration {
    let full = FIRST_BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1).min(10));
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_half_and_all_of_it() {
        for attempt in 1..=5 {
            let full = FIRST_BACKOFF * 2u32.pow(attempt - 1);
            let waits: Vec<Duration> = (0..50).map(|_| backoff(attempt)).collect();
            for wait in &waits {
                assert!(*wait >= full / 2 && *wait <= full, "{attempt}: {wait:?}");
            }
            assert!(
                waits.iter().any(|wait| *wait != waits[0]),
                "jitter: 50 waits, all {:?}",
                waits[0]
            );
        }
    }
}
