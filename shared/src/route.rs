//! The course server's routes as values: one parser for a request's path, used by the
//! real server (`http_server`, behind the `http` feature) and by lesson 9's simulated
//! server alike, so both accept the same paths with the same limits and refuse the same
//! mistakes. Std only: it costs the lessons that do not speak HTTP nothing.
//!
//! | path | route |
//! |---|---|
//! | `/` | [`Route::Page`] |
//! | `/delay/{ms}` | [`Route::Delay`] with status 200 |
//! | `/delay/{ms}/{code}` | [`Route::Delay`] with that status (a failure that takes time) |
//! | `/bytes/{n}` | [`Route::Bytes`] |
//! | `/status/{code}` | [`Route::Status`] |
//! | `/not-utf8` | [`Route::NotUtf8`] |
//! | `/slow/{ms}` | [`Route::Slow`]: ten chunks, `ms` apart |
//! | `/stall` | [`Route::Stall`] |
//! | `/flaky/{n}/{key}` | [`Route::Flaky`]: 503 for the first `n` requests with `key` |
//! | `/stall-once/{key}` | [`Route::StallOnce`]: the first request with `key` never gets an answer |
//! | `/busy/{s}/{key}` | [`Route::Busy`]: 429 with `Retry-After: s` for the first request with `key` |

use std::fmt;
use std::time::Duration;

/// The longest `/delay/{ms}`: a minute.
pub const MAX_DELAY_MS: u64 = 60_000;

/// The longest `Retry-After` of `/busy/{s}/{key}`, in seconds.
pub const MAX_RETRY_AFTER_S: u64 = 60;

/// The widest gap between `/slow/{ms}`'s chunks.
pub const MAX_CHUNK_INTERVAL_MS: u64 = 10_000;

/// The largest body `/bytes/{n}` sends.
pub const MAX_BYTES: usize = 64 << 20;

/// How many chunks `/slow/{ms}` sends.
pub const SLOW_CHUNKS: u32 = 10;

/// What a path asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// `/`: the page of known content.
    Page,
    /// `/delay/{ms}` or `/delay/{ms}/{code}`: wait, then answer with `status`.
    Delay {
        /// How long to wait before answering.
        wait: Duration,
        /// The status of the answer (200 unless the path gave one).
        status: u16,
    },
    /// `/bytes/{n}`: a body of exactly `n` bytes.
    Bytes(usize),
    /// `/status/{code}`: an answer with that status.
    Status(u16),
    /// `/not-utf8`: a body that is not valid UTF-8.
    NotUtf8,
    /// `/slow/{ms}`: [`SLOW_CHUNKS`] chunks, `every` apart.
    Slow {
        /// The gap before each chunk.
        every: Duration,
    },
    /// `/stall`: the headers and one chunk, then nothing, ever.
    Stall,
    /// `/flaky/{n}/{key}`: 503 for the first `fail_first` requests with `key`, then 200.
    Flaky {
        /// How many requests with this key fail.
        fail_first: u64,
        /// Counts are kept per key, so each test can use its own.
        key: &'a str,
    },
    /// `/stall-once/{key}`: the first request with `key` gets no answer, ever (not even
    /// headers: an attempt timeout is the only way out); later ones get the page.
    StallOnce {
        /// Counts are kept per key.
        key: &'a str,
    },
    /// `/busy/{s}/{key}`: the first request with `key` gets 429 Too Many Requests with
    /// `Retry-After: s` (seconds); later ones get the page.
    Busy {
        /// The `Retry-After` header's seconds.
        retry_after_s: u64,
        /// Counts are kept per key.
        key: &'a str,
    },
}

/// Why a path is not a route: it names none (404), or a route with a bad part (400).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// No route has this name.
    NotFound,
    /// The route exists; this says what its parts must be.
    BadRequest(&'static str),
}

impl RouteError {
    /// The HTTP status for it: 404 or 400.
    pub fn status(self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::BadRequest(_) => 400,
        }
    }
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str("no such page"),
            Self::BadRequest(rule) => f.write_str(rule),
        }
    }
}

/// Reads a request's path (without its query) as a route.
pub fn parse(path: &str) -> Result<Route<'_>, RouteError> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Ok(Route::Page),
        ["delay", ms] => Ok(Route::Delay {
            wait: delay(ms).ok_or(RouteError::BadRequest("delay must be 0..=60000 ms"))?,
            status: 200,
        }),
        ["delay", ms, code] => match (delay(ms), status(code)) {
            (Some(wait), Some(status)) => Ok(Route::Delay { wait, status }),
            _ => Err(RouteError::BadRequest(
                "delay wants /delay/{0..=60000 ms}/{100..=999}",
            )),
        },
        ["bytes", n] => number(n)
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n <= MAX_BYTES)
            .map(Route::Bytes)
            .ok_or(RouteError::BadRequest("size must be 0..=67108864")),
        ["status", code] => status(code)
            .map(Route::Status)
            .ok_or(RouteError::BadRequest("status must be 100..=999")),
        ["not-utf8"] => Ok(Route::NotUtf8),
        ["slow", ms] => number(ms)
            .filter(|&ms| ms <= MAX_CHUNK_INTERVAL_MS)
            .map(|ms| Route::Slow {
                every: Duration::from_millis(ms),
            })
            .ok_or(RouteError::BadRequest("interval must be 0..=10000 ms")),
        ["stall"] => Ok(Route::Stall),
        ["flaky", n, key] if !key.is_empty() => number(n)
            .map(|fail_first| Route::Flaky { fail_first, key })
            .ok_or(RouteError::BadRequest("flaky wants /flaky/{n}/{key}")),
        ["flaky", ..] => Err(RouteError::BadRequest("flaky wants /flaky/{n}/{key}")),
        ["stall-once", key] if !key.is_empty() => Ok(Route::StallOnce { key }),
        ["stall-once", ..] => Err(RouteError::BadRequest("stall-once wants /stall-once/{key}")),
        ["busy", s, key] if !key.is_empty() => number(s)
            .filter(|&s| s <= MAX_RETRY_AFTER_S)
            .map(|retry_after_s| Route::Busy { retry_after_s, key })
            .ok_or(RouteError::BadRequest("busy wants /busy/{0..=60 s}/{key}")),
        ["busy", ..] => Err(RouteError::BadRequest("busy wants /busy/{0..=60 s}/{key}")),
        _ => Err(RouteError::NotFound),
    }
}

fn number(text: &str) -> Option<u64> {
    // `u64::from_str` takes a leading `+`; a path segment of digits only is clearer.
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn delay(ms: &str) -> Option<Duration> {
    number(ms)
        .filter(|&ms| ms <= MAX_DELAY_MS)
        .map(Duration::from_millis)
}

fn status(code: &str) -> Option<u16> {
    number(code)
        .filter(|code| (100..=999).contains(code))
        .and_then(|code| u16::try_from(code).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each route, read from its path.
    #[test]
    fn every_route_is_read_from_its_path() {
        let ms = Duration::from_millis;
        assert_eq!(parse("/"), Ok(Route::Page));
        assert_eq!(
            parse("/delay/500"),
            Ok(Route::Delay {
                wait: ms(500),
                status: 200
            })
        );
        assert_eq!(
            parse("/delay/300/503"),
            Ok(Route::Delay {
                wait: ms(300),
                status: 503
            })
        );
        assert_eq!(parse("/bytes/10"), Ok(Route::Bytes(10)));
        assert_eq!(parse("/status/418"), Ok(Route::Status(418)));
        assert_eq!(parse("/not-utf8"), Ok(Route::NotUtf8));
        assert_eq!(parse("/slow/50"), Ok(Route::Slow { every: ms(50) }));
        assert_eq!(parse("/stall-once/k"), Ok(Route::StallOnce { key: "k" }));
        assert_eq!(
            parse("/busy/2/k"),
            Ok(Route::Busy {
                retry_after_s: 2,
                key: "k"
            })
        );
        assert_eq!(parse("/stall"), Ok(Route::Stall));
        assert_eq!(
            parse("/flaky/2/k"),
            Ok(Route::Flaky {
                fail_first: 2,
                key: "k"
            })
        );
    }

    /// Out of range, not a number, or missing: 400 with the rule; an unknown name: 404.
    #[test]
    fn mistakes_are_400_with_the_rule_and_unknown_paths_404() {
        for path in [
            "/delay/x",
            "/delay/60001",
            "/delay/+5",
            "/delay/1/1000",
            "/delay/1/99",
            "/bytes/67108865",
            "/status/65736",
            "/status/-1",
            "/slow/10001",
            "/flaky/x/k",
            "/flaky/2",
            "/flaky/2/",
            "/stall-once",
            "/stall-once/",
            "/busy/61/k",
            "/busy/x/k",
            "/busy/1",
        ] {
            let error = parse(path).expect_err(path);
            assert_eq!(error.status(), 400, "{path}: {error}");
        }
        assert_eq!(parse("/nothing"), Err(RouteError::NotFound));
        assert_eq!(parse("/delay"), Err(RouteError::NotFound));
        assert_eq!(
            parse("/nothing").map_err(|e| e.to_string()),
            Err("no such page".to_owned())
        );
        // The rule names the real limit.
        let rule = parse("/bytes/x").expect_err("not a number").to_string();
        assert!(rule.ends_with(&format!("0..={MAX_BYTES}")), "{rule}");
    }
}
