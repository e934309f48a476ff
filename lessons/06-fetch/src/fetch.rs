//! Fetching a URL carefully: every way it can go wrong becomes one clear sentence.
//!
//! The tutorial's `fetch(url)` is three lines, and Part 1 of the lesson keeps it that
//! short. A program that fetches whatever URL a user typed needs to say what went wrong
//! instead: this is what `--url` uses.
//!
//! | what went wrong | aiohttp | here |
//! |---|---|---|
//! | not a URL | `InvalidURL` | [`FetchError::MalformedUrl`] |
//! | not http(s) | `NonHttpUrlClientError` | [`FetchError::UnsupportedScheme`] |
//! | no such host | `ClientConnectorDNSError` | [`FetchError::Resolve`] |
//! | nobody listening | `ClientConnectorError` | [`FetchError::Connect`] |
//! | too slow | `asyncio.TimeoutError` (`ClientTimeout`) | [`FetchError::Timeout`] |
//! | 4xx / 5xx | `ClientResponseError` (`raise_for_status()`) | [`FetchError::Status`] |
//! | body too big | (yours to check) | [`FetchError::TooLarge`] |
//! | not UTF-8 | `UnicodeDecodeError` from `.text()` | [`FetchError::NotUtf8`] |

use std::error::Error as _;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::{Client, StatusCode, Url};

/// What `--url` fetched.
#[derive(Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The body, decoded as UTF-8.
    pub text: String,
    /// The HTTP status (always a success here).
    pub status: StatusCode,
}

impl Fetched {
    /// What `--url` prints: the size, as the tutorial's program does, in characters and
    /// in bytes.
    pub fn report(&self, out: &course_kit::Transcript) {
        out.note(format!("Fetched {} characters", self.text.chars().count()));
        out.note(format!(
            "({} bytes of UTF-8, status {})",
            self.text.len(),
            self.status
        ));
    }
}

/// Every way [`fetch_checked`] can fail, each with the facts for a one-line message.
#[derive(Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "the fields are named for what they hold: url, reason, ..."
)]
pub enum FetchError {
    /// The text is not a URL at all.
    MalformedUrl { url: String, reason: String },
    /// A URL, but not one an HTTP client can fetch.
    UnsupportedScheme { url: String, scheme: String },
    /// The host name could not be turned into an address.
    Resolve { host: String, reason: String },
    /// No connection could be made (nothing listening, unreachable, TLS failed).
    Connect { url: String, reason: String },
    /// No complete answer within the time limit.
    Timeout { url: String, after: Duration },
    /// The server answered with an error status.
    Status { url: String, status: StatusCode },
    /// The body is longer than the limit.
    TooLarge { url: String, limit: usize },
    /// The body is not valid UTF-8.
    NotUtf8 { url: String, offset: usize },
    /// Anything else reqwest reported.
    Other { url: String, reason: String },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MalformedUrl { url, reason } => write!(f, "malformed URL {url:?}: {reason}"),
            Self::UnsupportedScheme { url, scheme } => write!(
                f,
                "unsupported scheme {scheme:?} in {url:?}: only http and https can be fetched"
            ),
            Self::Resolve { host, reason } => {
                write!(f, "could not resolve host {host:?}: {reason}")
            }
            Self::Connect { url, reason } => write!(f, "could not connect for {url}: {reason}"),
            Self::Timeout { url, after } => {
                write!(f, "timed out after {} ms fetching {url}", after.as_millis())
            }
            Self::Status { url, status } => write!(f, "HTTP {status} from {url}"),
            Self::TooLarge { url, limit } => {
                write!(f, "the body of {url} is larger than the {limit}-byte limit")
            }
            Self::NotUtf8 { url, offset } => write!(
                f,
                "the body of {url} is not valid UTF-8 (bad byte at offset {offset}); a lossy \
                 decode would put U+FFFD in its place"
            ),
            Self::Other { url, reason } => write!(f, "fetching {url} failed: {reason}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// The limits [`fetch_checked`] applies.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// For the whole request, connection to last byte (aiohttp: `ClientTimeout(total=)`).
    pub timeout: Duration,
    /// The most body bytes accepted.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_bytes: 10 << 20,
        }
    }
}

/// How [`CourseResolver`] turns host names into addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Ask the system, as reqwest would by itself (`getaddrinfo`, on a blocking thread).
    System,
    /// Never ask DNS: only `localhost` resolves (`--offline`), so a fetch provably stays
    /// on this machine. (An IP address needs no resolver at all.)
    LoopbackOnly,
}

/// The resolver `--url` uses. It exists for `--offline` (a lookup that never leaves this
/// machine) and so that a failed lookup carries our own typed error, [`ResolveFailed`],
/// with a reason we chose. Errors are recognised by type, never by their wording:
/// reqwest tags every resolver failure so that `reqwest::Error::is_dns()` says so, and
/// [`ResolveFailed`] is found in the `source()` chain with `downcast_ref`.
#[derive(Debug)]
pub struct CourseResolver(pub Lookup);

/// A host name that did not resolve; found again in the error's `source()` chain.
#[derive(Debug)]
pub struct ResolveFailed {
    host: String,
    reason: String,
}

impl fmt::Display for ResolveFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.host, self.reason)
    }
}

impl std::error::Error for ResolveFailed {}

impl CourseResolver {
    /// Resolves `host` (port 0: reqwest puts the URL's port in).
    pub async fn lookup(lookup: Lookup, host: String) -> Result<Vec<SocketAddr>, ResolveFailed> {
        match lookup {
            Lookup::LoopbackOnly if host.eq_ignore_ascii_case("localhost") => {
                Ok(vec![SocketAddr::from(([127, 0, 0, 1], 0))])
            }
            Lookup::LoopbackOnly => Err(ResolveFailed {
                reason: "--offline resolves only localhost".to_owned(),
                host,
            }),
            // tokio's `lookup_host` runs the system resolver on a blocking thread, and
            // waits for it with `.await`.
            Lookup::System => {
                let found = tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map(|addrs| addrs.collect::<Vec<_>>());
                match found {
                    Ok(addrs) => Ok(addrs),
                    Err(error) => Err(ResolveFailed {
                        host,
                        reason: error.to_string(),
                    }),
                }
            }
        }
    }
}

impl Resolve for CourseResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (lookup, host) = (self.0, name.as_str().to_owned());
        Box::pin(async move {
            match CourseResolver::lookup(lookup, host).await {
                Ok(addrs) => Ok(Box::new(addrs.into_iter()) as Addrs),
                Err(error) => Err(Box::new(error) as Box<dyn std::error::Error + Send + Sync>),
            }
        })
    }
}

/// A client for `--url`: the time limit set, and our own resolver (DNS switched off
/// when `offline`).
pub fn client(limits: Limits, offline: bool) -> Result<Client, FetchError> {
    let lookup = if offline {
        Lookup::LoopbackOnly
    } else {
        Lookup::System
    };
    Client::builder()
        .timeout(limits.timeout)
        .dns_resolver(Arc::new(CourseResolver(lookup)))
        .build()
        .map_err(|error| FetchError::Other {
            url: String::new(),
            reason: root_cause(&error),
        })
}

/// Checks `text` is an http(s) URL before anything goes on the network.
pub fn parse_url(text: &str) -> Result<Url, FetchError> {
    let url = Url::parse(text).map_err(|error| FetchError::MalformedUrl {
        url: text.to_owned(),
        reason: error.to_string(),
    })?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        scheme => Err(FetchError::UnsupportedScheme {
            url: text.to_owned(),
            scheme: scheme.to_owned(),
        }),
    }
}

/// GET `url` and return its body as text, or say precisely why not.
pub async fn fetch_checked(
    client: &Client,
    url: &str,
    limits: Limits,
) -> Result<Fetched, FetchError> {
    let parsed = parse_url(url)?;
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let describe = |error: reqwest::Error| classify(error, url, &host, limits);

    // Sends the request and waits for the status line and headers (not the body).
    let response = client.get(parsed).send().await.map_err(describe)?;
    // aiohttp's `raise_for_status()`: a 4xx or 5xx answer becomes an error here.
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status,
        });
    }
    // Refuse early if the server announces a body over the limit...
    if response
        .content_length()
        .is_some_and(|length| length > limits.max_bytes as u64)
    {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
            limit: limits.max_bytes,
        });
    }
    // ...and count while reading, for servers that do not announce a length. Each
    // `chunk().await` waits for the next piece of the body to arrive.
    let mut response = response;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if body.len() + chunk.len() > limits.max_bytes {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                limit: limits.max_bytes,
            });
        }
        body.extend_from_slice(&chunk);
    }
    // Strict decoding, like aiohttp's `.text()`. (reqwest's own `.text()` decodes
    // *lossily*: every invalid sequence silently becomes U+FFFD, the replacement character.)
    let text = String::from_utf8(body).map_err(|error| FetchError::NotUtf8 {
        url: url.to_owned(),
        offset: error.utf8_error().valid_up_to(),
    })?;
    Ok(Fetched { text, status })
}

/// Turns a reqwest error into the matching [`FetchError`].
fn classify(error: reqwest::Error, url: &str, host: &str, limits: Limits) -> FetchError {
    let url = url.to_owned();
    if error.is_timeout() {
        return FetchError::Timeout {
            url,
            after: limits.timeout,
        };
    }
    let cause = root_cause(&error);
    // A failed lookup is also a connect error; `is_dns()` tells them apart, by type.
    if error.is_dns() {
        // Our resolver's own reason, if it is in the chain (found by type too).
        let mut source = error.source();
        while let Some(inner) = source {
            if let Some(failed) = inner.downcast_ref::<ResolveFailed>() {
                return FetchError::Resolve {
                    host: host.to_owned(),
                    reason: failed.reason.clone(),
                };
            }
            source = inner.source();
        }
        return FetchError::Resolve {
            host: host.to_owned(),
            reason: cause,
        };
    }
    if error.is_connect() {
        return FetchError::Connect { url, reason: cause };
    }
    FetchError::Other { url, reason: cause }
}

/// The innermost error in the chain: the one that says what actually happened
/// ("Connection refused (os error 111)"), without the layers around it.
pub fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut innermost = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    innermost.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of looking up a name fail with the typed error, which `classify` finds
    /// by type. (`System` is tried with a name no resolver accepts, so nothing leaves
    /// this machine: the NUL byte is refused before any lookup.)
    #[tokio::test]
    async fn failed_lookups_are_typed_errors() {
        let offline = CourseResolver::lookup(Lookup::LoopbackOnly, "example.com".into()).await;
        assert_eq!(
            offline.map_err(|e| e.to_string()),
            Err("example.com: --offline resolves only localhost".to_owned())
        );
        let system = CourseResolver::lookup(Lookup::System, "bad\0name".into()).await;
        assert!(system.is_err(), "{system:?}");
        let localhost = CourseResolver::lookup(Lookup::LoopbackOnly, "LocalHost".into()).await;
        assert_eq!(
            localhost.ok(),
            Some(vec![SocketAddr::from(([127, 0, 0, 1], 0))])
        );
    }

    /// A fetch whose lookup fails is reported as `FetchError::Resolve`, found by type.
    #[tokio::test]
    async fn a_failed_lookup_is_reported_as_resolve() {
        course_kit::tls::install_crypto_provider();
        let client = client(Limits::default(), true).expect("client");
        let result = fetch_checked(&client, "http://no-such-host.test:1/", Limits::default()).await;
        assert_eq!(
            result,
            Err(FetchError::Resolve {
                host: "no-such-host.test".into(),
                reason: "--offline resolves only localhost".into()
            })
        );
    }

    #[test]
    fn urls_are_checked_before_any_request() {
        assert!(matches!(
            parse_url("http//nope"),
            Err(FetchError::MalformedUrl { .. })
        ));
        assert_eq!(
            parse_url("ftp://127.0.0.1/").map_err(|e| e.to_string()),
            Err("unsupported scheme \"ftp\" in \"ftp://127.0.0.1/\": only http and https can be fetched".to_owned())
        );
        assert!(parse_url("https://example.com/").is_ok());
    }

    #[test]
    fn every_message_is_one_line() {
        let errors = [
            FetchError::Timeout {
                url: "u".into(),
                after: Duration::from_millis(300),
            },
            FetchError::Status {
                url: "u".into(),
                status: StatusCode::NOT_FOUND,
            },
            FetchError::NotUtf8 {
                url: "u".into(),
                offset: 2,
            },
        ];
        for error in errors {
            assert!(!error.to_string().contains('\n'), "{error}");
        }
        assert_eq!(
            FetchError::Status {
                url: "u".into(),
                status: StatusCode::NOT_FOUND
            }
            .to_string(),
            "HTTP 404 Not Found from u"
        );
    }
}
