//! How one URL ended ([`Outcome`], the JSON answer's words) and why an attempt failed
//! ([`FetchError`], the service's exception classes).

use std::time::Duration;

use serde::Serialize;
use thiserror::Error;

/// How one URL ended, as the JSON answer shows it (`"status": "ok"` ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    /// The page came (now or from the cache).
    Ok {
        /// The upstream's status (any 2xx).
        http_status: u16,
        /// The body's length in characters (Python's `len(text)`).
        chars: usize,
        /// Upstream attempts made for this answer: 0 when cached; a request that joined
        /// a fetch of the same URL already in flight shares its count.
        attempts: u32,
        /// Whether the answer came from the cache.
        cached: bool,
    },
    /// It failed for good: a status that is not 2xx, a connect error or timeout after
    /// the retries, a body that is not text.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_connect_errors_timeouts_and_not_now_statuses_are_transient() {
        assert!(FetchError::Status(503).is_transient());
        assert!(FetchError::Timeout.is_transient());
        assert!(FetchError::Connect("refused".into()).is_transient());
        assert!(!FetchError::Status(404).is_transient());
        assert!(FetchError::Status(429).is_transient());
        assert!(FetchError::Status(408).is_transient());
        let later = FetchError::ComeBackLater {
            code: 429,
            retry_after: Duration::from_secs(2),
        };
        assert!(later.is_transient());
        assert_eq!(later.retry_after(), Some(Duration::from_secs(2)));
        assert_eq!(later.to_string(), "HTTP 429 (Retry-After: 2 s)");
        assert!(!FetchError::Status(501).is_transient());
        assert!(!FetchError::Status(505).is_transient());
        assert!(!FetchError::NotText.is_transient());
    }
}
