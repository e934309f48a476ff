//! One page fetched upstream within the shared limit, each attempt with its own
//! timeout, retried with backoff while the failure is transient and the deadline allows.

use std::time::Duration;

use serde::Serialize;
use thiserror::Error;
use tokio::time::Instant;

use crate::app::AppState;

/// The first wait before a retry; each later one doubles.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// What an attempt that succeeded brings back: enough to answer `ok`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// The upstream's status (2xx).
    pub http_status: u16,
    /// The body's length in characters.
    pub chars: usize,
}

/// How one URL ended, as the JSON answer shows it (`"status": "ok"` ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// The page came.
    Ok {
        /// The upstream's status.
        http_status: u16,
        /// The body's length in characters (Python's `len(text)`).
        chars: usize,
        /// Upstream attempts made.
        attempts: u32,
        /// Whether the answer came from the cache (none until step 5: always false).
        cached: bool,
    },
    /// It failed for good: a 4xx, a 5xx or a connect error after the retries, a body
    /// that is not text.
    Failed {
        /// What went wrong, in one line.
        error: String,
        /// Upstream attempts made.
        attempts: u32,
    },
    /// Not done by the deadline: its upstream request was dropped.
    Unfinished,
}

/// Why one attempt failed: the service's exception classes.
#[derive(Debug, Error)]
pub enum FetchError {
    /// The upstream answered with a status that is not 2xx.
    #[error("HTTP {0}")]
    Status(u16),
    /// A 429 or 503 that said when to come back (`Retry-After: S`, in seconds).
    #[error("HTTP {code} (Retry-After: {} s)", retry_after.as_secs())]
    ComeBackLater {
        /// 429 or 503.
        code: u16,
        /// How long the upstream asked us to wait.
        retry_after: Duration,
    },
    /// No connection: refused, unreachable, or the name does not resolve.
    #[error("could not connect: {0}")]
    Connect(String),
    /// The attempt ran out of its own time (`--attempt-timeout-ms`).
    #[error("timed out")]
    Timeout,
    /// The body is not UTF-8 text.
    #[error("the body is not UTF-8 text")]
    NotText,
    /// Anything else reqwest reports (a broken connection mid-body, ...).
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// Worth another attempt: a connect error, a timeout, or a status that means "not
    /// now": 408 (the server gave up waiting), 429 (too many requests), 500, 502, 503,
    /// 504. Never 501 or 505 (the server will never do it), another 4xx (the request
    /// itself is wrong), nor a body that is not text (it would come back the same).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Status(code) => matches!(code, 408 | 429 | 500 | 502 | 503 | 504),
            Self::ComeBackLater { .. } | Self::Connect(_) | Self::Timeout => true,
            Self::NotText | Self::Other(_) => false,
        }
    }

    /// How long the upstream asked us to wait before the next attempt, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::ComeBackLater { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// The error of a response whose status is not 2xx: a 429 or 503 with a
    /// `Retry-After` in seconds says when to come back (the HTTP-date form is read as no
    /// advice).
    pub fn of_status(response: &reqwest::Response) -> Self {
        let code = response.status().as_u16();
        let retry_after = matches!(code, 429 | 503)
            .then(|| response.headers().get(reqwest::header::RETRY_AFTER))
            .flatten()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        match retry_after {
            Some(retry_after) => Self::ComeBackLater { code, retry_after },
            None => Self::Status(code),
        }
    }

    /// reqwest's error, sorted: a timeout, a connect error, or anything else.
    pub fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_connect() {
            Self::Connect(innermost(&error))
        } else {
            Self::Other(innermost(&error))
        }
    }
}

/// The deepest cause of an error, on one line ("Connection refused (os error 111)").
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string().replace('\n', " ")
}

// ANCHOR: fetch
/// Fetches `url` for a request that must be answered by `deadline`. The caller drops
/// this future at the deadline (the page is then `unfinished`).
pub async fn fetch(state: &AppState, url: &str, deadline: Instant) -> Outcome {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let error = match attempt(state, url).await {
            Ok(page) => {
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
        let wait = error.retry_after().unwrap_or_default().max(backoff(attempts));
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
async fn attempt(state: &AppState, url: &str) -> Result<Page, FetchError> {
    // Waits for one of the `limit` places, shared by every request the service
    // handles; the permit goes back when this attempt ends or is dropped.
    let _permit = state
        .limit
        .acquire()
        .await
        .map_err(|_| FetchError::Other("the service is stopping".to_owned()))?;
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
    Ok(Page {
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
