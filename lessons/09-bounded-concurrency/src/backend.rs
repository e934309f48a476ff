//! Where the lesson's requests go: the course server over real HTTP, or a simulated
//! server in memory that answers the same paths.
//!
//! `just lesson-9` uses [`Backend::http`]: real sockets, real `reqwest`, the course
//! server counting the requests it answers at once. The course's test runs the very same
//! lesson code against [`Backend::simulated`] on tokio's paused clock, where every time
//! stamp is exact. Why not HTTP on the paused clock too? When the runtime has nothing to
//! do, it polls the sockets once without waiting and, unless that woke the runtime
//! itself, moves the paused clock straight to the next timer, even if a response was
//! among what that poll found (tokio 1.54, `park_thread_timeout` in
//! `runtime/time/mod.rs`). A response could then be stamped at the wrong time.
//! Lesson 11 is about exactly this kind of test double.
//!
//! The paths, on both:
//!
//! | path | answer |
//! |---|---|
//! | `/delay/{ms}` | waits `ms`, then 200 |
//! | `/delay/{ms}/{code}` | waits `ms`, then that status (a failure that takes time) |
//! | `/flaky/{n}/{key}` | 503 for the first `n` requests with that `key`, then 200 |
//! | `/slow/{ms}` | a body of ten 8-byte chunks, `ms` apart |

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use course_kit::http_server::{CourseServer, Endpoint};
use course_kit::route::{self, Route};

/// Where requests go. Cheap to clone: every clone talks to the same server.
#[derive(Clone)]
pub enum Backend {
    /// The course server on `127.0.0.1`, through one `reqwest::Client` (a pool).
    Http {
        /// The client every request shares.
        client: reqwest::Client,
        /// The server's address and counters.
        server: Endpoint,
    },
    /// The same paths, answered in memory with `tokio::time::sleep`.
    Simulated(Arc<Simulated>),
}

/// Why a request failed, in one line: the status the server answered, or what went
/// wrong on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// The server answered with an error status (4xx, 5xx).
    Status(u16),
    /// No answer: the connection failed or broke.
    Network(String),
    /// A spawned request panicked or was aborted (only tasks can fail this way).
    Task(String),
}

impl RequestError {
    /// Worth trying again: the server is overloaded or the network hiccuped. A `404` or
    /// `400` will answer the same next time, so it is not.
    pub fn is_worth_retrying(&self) -> bool {
        match self {
            Self::Status(code) => matches!(code, 429 | 502 | 503 | 504),
            Self::Network(_) => true,
            Self::Task(_) => false,
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(code) => write!(f, "HTTP {code}"),
            Self::Network(problem) => write!(f, "network: {problem}"),
            Self::Task(problem) => write!(f, "task: {problem}"),
        }
    }
}

impl std::error::Error for RequestError {}

impl From<reqwest::Error> for RequestError {
    fn from(error: reqwest::Error) -> Self {
        match error.status() {
            Some(status) => Self::Status(status.as_u16()),
            // Without the URL: the port changes on every run.
            None => Self::Network(error.without_url().to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for RequestError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::Task(error.to_string())
    }
}

impl Backend {
    /// Real HTTP to `server` (the course server, started by the caller).
    pub fn http(server: &CourseServer) -> Result<Self, reqwest::Error> {
        // reqwest here uses rustls with the `ring` provider, installed once (lesson 6).
        course_kit::tls::install_crypto_provider();
        let client = reqwest::Client::builder().build()?;
        Ok(Self::Http {
            client,
            server: Endpoint::clone(server),
        })
    }

    /// The in-memory server, for exact times on a paused clock.
    pub fn simulated() -> Self {
        Self::Simulated(Arc::default())
    }

    /// GETs `path`; the body as text, or why not.
    pub async fn get(&self, path: &str) -> Result<String, RequestError> {
        match self {
            Self::Http { client, server } => {
                // `.send()` waits for the status and headers, `.text()` for the body;
                // `error_for_status` turns a 4xx/5xx answer into an `Err`.
                let response = client.get(server.url(path)).send().await?;
                Ok(response.error_for_status()?.text().await?)
            }
            Self::Simulated(simulated) => simulated.get(path).await,
        }
    }

    /// GETs `path` and returns the body unread, to be read chunk by chunk.
    pub async fn open(&self, path: &str) -> Result<Body, RequestError> {
        match self {
            Self::Http { client, server } => {
                let response = client.get(server.url(path)).send().await?;
                Ok(Body::Http(response.error_for_status()?))
            }
            Self::Simulated(simulated) => simulated.open(path),
        }
    }

    /// The most requests the server answered at the same moment since the last
    /// [`reset_most_in_flight`](Self::reset_most_in_flight).
    pub fn most_in_flight(&self) -> usize {
        match self {
            Self::Http { server, .. } => server.most_requests_in_flight(),
            Self::Simulated(simulated) => simulated.most.load(Ordering::SeqCst),
        }
    }

    /// Starts counting [`most_in_flight`](Self::most_in_flight) afresh.
    pub fn reset_most_in_flight(&self) {
        match self {
            Self::Http { server, .. } => server.reset_most_requests_in_flight(),
            Self::Simulated(simulated) => simulated
                .most
                .store(simulated.now.load(Ordering::SeqCst), Ordering::SeqCst),
        }
    }
}

/// A response body not read yet.
pub enum Body {
    /// A real response: `reqwest::Response::chunk` reads what has arrived.
    Http(reqwest::Response),
    /// Simulated: `left` chunks still to come, one every `every`.
    Simulated {
        /// Chunks still to come.
        left: u32,
        /// The time between two chunks.
        every: Duration,
    },
}

impl Body {
    /// The next piece of the body as it arrives, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, RequestError> {
        match self {
            Self::Http(response) => Ok(response.chunk().await?.map(|bytes| bytes.to_vec())),
            Self::Simulated { left, every } => {
                if *left == 0 {
                    return Ok(None);
                }
                tokio::time::sleep(*every).await;
                *left -= 1;
                Ok(Some(format!("chunk {}\n", 9 - *left).into_bytes()))
            }
        }
    }
}

/// The in-memory server: what it counts, and how often each flaky key was asked for.
#[derive(Debug, Default)]
pub struct Simulated {
    now: AtomicUsize,
    most: AtomicUsize,
    flaky: Mutex<HashMap<String, u64>>,
}

/// Counts one simulated request in flight for as long as it lives (a dropped request
/// stops counting, as a closed connection would).
struct Answering<'a>(&'a Simulated);

impl<'a> Answering<'a> {
    fn new(simulated: &'a Simulated) -> Self {
        let now = simulated.now.fetch_add(1, Ordering::SeqCst) + 1;
        simulated.most.fetch_max(now, Ordering::SeqCst);
        Self(simulated)
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Simulated {
    /// Answers `path` as the course server would: the same parser
    /// (`course_kit::route`), so the same paths and limits, and a 400 or 404 for the same
    /// mistakes. Only the routes the lesson uses are simulated; the others are 501.
    async fn get(&self, path: &str) -> Result<String, RequestError> {
        let _answering = Answering::new(self);
        match route::parse(path).map_err(|error| RequestError::Status(error.status()))? {
            Route::Delay { wait, status } => {
                tokio::time::sleep(wait).await;
                let ms = wait.as_millis();
                match status {
                    200 => Ok(format!("waited {ms} ms\n")),
                    400.. => Err(RequestError::Status(status)),
                    _ => Ok(format!("waited {ms} ms, then {status}\n")),
                }
            }
            Route::Flaky { fail_first, key } => {
                let mut counts = self.flaky.lock().unwrap_or_else(PoisonError::into_inner);
                let asked = counts.entry(key.to_owned()).or_default();
                *asked += 1;
                if *asked <= fail_first {
                    Err(RequestError::Status(503))
                } else {
                    Ok(format!("ok after {fail_first} failures\n"))
                }
            }
            _ => Err(RequestError::Status(501)),
        }
    }

    fn open(&self, path: &str) -> Result<Body, RequestError> {
        match route::parse(path).map_err(|error| RequestError::Status(error.status()))? {
            Route::Slow { every } => Ok(Body::Simulated {
                left: route::SLOW_CHUNKS,
                every,
            }),
            _ => Err(RequestError::Status(501)),
        }
    }
}
