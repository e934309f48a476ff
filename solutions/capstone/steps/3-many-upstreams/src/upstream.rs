//! One page fetched upstream within the shared limit, by the deadline.

use std::time::Duration;

use serde::Serialize;
use thiserror::Error;
use tokio::time::Instant;

use crate::app::AppState;

/// How long an attempt's own timeout runs past the request's deadline.
pub const ATTEMPT_MARGIN: Duration = Duration::from_millis(100);

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
    /// The upstream answered with an error status.
    #[error("HTTP {0}")]
    Status(u16),
    /// No connection: refused, unreachable, or the name does not resolve.
    #[error("could not connect: {0}")]
    Connect(String),
    /// The attempt ran out of time.
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
    /// Worth another attempt (step 4 retries these): a connect error, a timeout, or a
    /// status that means "not now": 408, 429, 500, 502, 503, 504. Never 501 or 505 (the
    /// server will never do it), another 4xx (the request itself is wrong), nor a body
    /// that is not text (it would come back the same).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Status(code) => matches!(code, 408 | 429 | 500 | 502 | 503 | 504),
            Self::Connect(_) | Self::Timeout => true,
            Self::NotText | Self::Other(_) => false,
        }
    }

    fn from_reqwest(error: reqwest::Error) -> Self {
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
/// Fetches `url` for a request that must be answered by `deadline`, in one attempt. The
/// caller drops this future at the deadline (the page is then `unfinished`).
pub async fn fetch(state: &AppState, url: &str, deadline: Instant) -> Outcome {
    match attempt(state, url, deadline).await {
        Ok(page) => Outcome::Ok {
            http_status: page.http_status,
            chars: page.chars,
            attempts: 1,
            cached: false,
        },
        Err(error) => Outcome::Failed {
            error: error.to_string(),
            attempts: 1,
        },
    }
}
// ANCHOR_END: fetch

/// One upstream request, inside the shared limit.
async fn attempt(state: &AppState, url: &str, deadline: Instant) -> Result<Page, FetchError> {
    // Waits for one of the `limit` places, shared by every request the service
    // handles; the permit goes back when this attempt ends or is dropped.
    let _permit = state
        .limit
        .acquire()
        .await
        .map_err(|_| FetchError::Other("the service is stopping".to_owned()))?;
    // The request's own timeout, a backstop just after the deadline: at the deadline
    // itself the caller's `timeout_at` drops this attempt and reports `unfinished`
    // (were both timers due at the same instant, the answer could say "timed out").
    let remaining = deadline.saturating_duration_since(Instant::now()) + ATTEMPT_MARGIN;
    let response = state
        .client
        .get(url)
        .timeout(remaining)
        .send()
        .await
        .map_err(FetchError::from_reqwest)?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_connect_errors_timeouts_and_5xx_are_transient() {
        assert!(FetchError::Status(503).is_transient());
        assert!(FetchError::Timeout.is_transient());
        assert!(FetchError::Connect("refused".into()).is_transient());
        assert!(!FetchError::Status(404).is_transient());
        assert!(!FetchError::NotText.is_transient());
    }
}
