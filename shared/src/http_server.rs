//! The course's own HTTP/1.1 server, so the HTTP lessons and their tests run offline.
//!
//! [`CourseServer::start`] binds `127.0.0.1` on port 0: the OS picks a free port, so any
//! number of lessons and tests can run side by side without clashing. It serves the
//! routes made for teaching that [`crate::route`] lists and parses (a page of known
//! content, delays, statuses, slow and stalled bodies, flaky answers for retries).
//!
//! It counts the TCP connections it accepts ([`Endpoint::connections_accepted`]):
//! lesson 7 uses that to show a client reusing its connections.
//!
//! `just serve` runs it on its own (the `course-server` binary) so you can try it with
//! curl.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

use crate::route::{self, Route};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The page `/` serves: 141 characters in 151 bytes, because `ü`, `ß`, `東`, `京` and
/// `🦀` take two, three or four bytes each in UTF-8.
pub const PAGE: &str = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>async-lessons</title></head>\n<body><p>Grüße aus Zürich, 東京 and 🦀!</p></body></html>\n";

/// The body `/not-utf8` serves: `Hi`, two bytes that can never appear in UTF-8, `!`.
pub const NOT_UTF8: &[u8] = b"Hi\xff\xfe!";

/// The largest body `/bytes/{n}` will make (64 MiB).
pub use crate::route::MAX_BYTES;

/// How long [`CourseServer::shutdown`] lets open connections finish before closing them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Where a running server listens, and how many connections it has accepted: what both
/// [`CourseServer`] and [`BackgroundServer`] offer (each derefs to one, so
/// `server.url("/")` works on either).
#[derive(Clone, Debug)]
pub struct Endpoint {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    open: Arc<watch::Sender<usize>>,
    requests: Arc<InFlight>,
    keyed: Keyed,
}

/// Requests being answered right now, and the most there have been at once.
#[derive(Debug, Default)]
struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
    started: AtomicUsize,
}

/// Counts one request in flight for as long as it lives.
struct InFlightGuard(Arc<InFlight>);

impl InFlightGuard {
    fn new(requests: &Arc<InFlight>) -> Self {
        requests.started.fetch_add(1, Ordering::SeqCst);
        let now = requests.now.fetch_add(1, Ordering::SeqCst) + 1;
        requests.most.fetch_max(now, Ordering::SeqCst);
        Self(Arc::clone(requests))
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request counted in flight until its last frame is
/// sent (or the connection drops it): a client that gives its place back after the
/// headers, before reading the body, is still seen holding it.
struct CountedBody {
    body: Body,
    in_flight: Option<InFlightGuard>,
}

impl hyper::body::Body for CountedBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let frame = std::pin::Pin::new(&mut self.body).poll_frame(cx);
        if let std::task::Poll::Ready(None) = frame {
            // The body has ended: the request is answered.
            self.in_flight = None;
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

impl Endpoint {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A URL on this server: `url("/delay/500")` is `http://127.0.0.1:PORT/delay/500`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many TCP connections it has accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The most requests the server was answering at the same moment since it started
    /// (or since [`reset_most_requests_in_flight`](Self::reset_most_requests_in_flight)):
    /// how a client's concurrency limit shows on the server.
    pub fn most_requests_in_flight(&self) -> usize {
        self.requests.most.load(Ordering::SeqCst)
    }

    /// How many requests it is answering right now.
    pub fn requests_in_flight(&self) -> usize {
        self.requests.now.load(Ordering::SeqCst)
    }

    /// How many requests it has received since it started (a cache that works shows as
    /// no new one; a retry as one more).
    pub fn requests_received(&self) -> usize {
        self.requests.started.load(Ordering::SeqCst)
    }

    /// When `/flaky/{n}/{key}` was asked for this `key`, in order (its first 64 times,
    /// on tokio's clock): how a client's retries and the pauses between them show on
    /// the server.
    pub fn flaky_arrivals(&self, key: &str) -> Vec<tokio::time::Instant> {
        let keyed = self
            .keyed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        keyed
            .get(&format!("flaky/{key}"))
            .map(|asked| asked.arrivals.clone())
            .unwrap_or_default()
    }

    /// Starts counting [`most_requests_in_flight`](Self::most_requests_in_flight) afresh.
    pub fn reset_most_requests_in_flight(&self) {
        let now = self.requests.now.load(Ordering::SeqCst);
        self.requests.most.store(now, Ordering::SeqCst);
    }

    /// How many connections are open right now (accepted and not yet closed).
    pub fn connections_open(&self) -> usize {
        *self.open.borrow()
    }

    /// Waits until at most `most` connections are open, or `deadline` has passed (a
    /// client closing a socket reaches the server a moment later); returns how many are
    /// open then.
    pub async fn wait_until_open_at_most(&self, most: usize, deadline: Duration) -> usize {
        let mut open = self.open.subscribe();
        // `wait_for` checks the current value first, then each change; the guard it
        // returns is dropped at once.
        let _ = tokio::time::timeout(deadline, async {
            let _ = open.wait_for(|&count| count <= most).await;
        })
        .await;
        *open.borrow()
    }
}

/// Counts one open connection for as long as it lives: dropped when the connection's
/// task ends, however it ends (closed by the client, shut down, aborted).
struct OpenConnection(Arc<watch::Sender<usize>>);

impl OpenConnection {
    fn new(open: &Arc<watch::Sender<usize>>) -> Self {
        open.send_modify(|count| *count += 1);
        Self(Arc::clone(open))
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count = count.saturating_sub(1));
    }
}

/// A running course server. Dropping it stops it at once; [`shutdown`](Self::shutdown)
/// stops it gracefully.
#[derive(Debug)]
pub struct CourseServer {
    endpoint: Endpoint,
    stop: watch::Sender<bool>,
    accept_loop: tokio::task::JoinHandle<()>,
}

impl CourseServer {
    /// Starts a server on `127.0.0.1`, on a port the OS picks.
    pub async fn start() -> io::Result<Self> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts a server on `addr` (port 0: the OS picks one).
    pub async fn start_on(addr: SocketAddr) -> io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let connections = Arc::new(AtomicUsize::new(0));
        let (stop, stopped) = watch::channel(false);
        let open = Arc::new(watch::Sender::new(0));
        let requests = Arc::new(InFlight::default());
        let keyed = Keyed::default();
        let accept_loop = tokio::spawn(accept(
            listener,
            Counters {
                connections: Arc::clone(&connections),
                open: Arc::clone(&open),
                requests: Arc::clone(&requests),
                keyed: Arc::clone(&keyed),
            },
            stopped,
        ));
        Ok(Self {
            endpoint: Endpoint {
                addr,
                connections,
                open,
                requests,
                keyed,
            },
            stop,
            accept_loop,
        })
    }

    /// Stops accepting, lets open connections finish their current response (for up to
    /// [`SHUTDOWN_GRACE`]), closes the rest, and waits until all of that is done.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        // Wait for the accept loop, which waits for the connections. (By `&mut`, since
        // `Drop` runs afterwards; aborting a finished task does nothing.)
        let _ = (&mut self.accept_loop).await;
    }
}

/// A [`CourseServer`] running on a thread of its own, with its own runtime.
///
/// Lessons use this one: the server then keeps answering whatever the lesson's own
/// runtime is doing, even while a lesson deliberately blocks its thread (lesson 6). A
/// server on that same blocked thread could not answer, and the lesson would wait on
/// itself forever. Dropping it stops the server and joins its thread.
#[derive(Debug)]
pub struct BackgroundServer {
    endpoint: Endpoint,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundServer {
    /// Starts a server on `127.0.0.1` (a port the OS picks) on a new thread.
    pub fn start() -> io::Result<Self> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Starts a server on `addr` on a new thread.
    pub fn start_on(addr: SocketAddr) -> io::Result<Self> {
        let (started, ready) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("course-server".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        let _ = started.send(Err(error));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match CourseServer::start_on(addr).await {
                        Ok(server) => {
                            let _ = started.send(Ok(server.endpoint.clone()));
                            // Serve until told to stop (or until the handle is gone).
                            let _ = stopped.await;
                            server.shutdown().await;
                        }
                        Err(error) => {
                            let _ = started.send(Err(error));
                        }
                    }
                });
            })?;
        let endpoint = ready
            .recv()
            .map_err(|_| io::Error::other("the server thread ended before it started"))??;
        Ok(Self {
            endpoint,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl std::ops::Deref for CourseServer {
    type Target = Endpoint;

    fn deref(&self) -> &Endpoint {
        &self.endpoint
    }
}

impl std::ops::Deref for BackgroundServer {
    type Target = Endpoint;

    fn deref(&self) -> &Endpoint {
        &self.endpoint
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for CourseServer {
    fn drop(&mut self) {
        // Not shut down gracefully: stop everything now. (Aborting the accept loop drops
        // its `JoinSet`, which aborts every connection task.)
        self.accept_loop.abort();
    }
}

/// Accepts connections until told to stop, serving each on its own task.
/// What the accept loop and its connections count.
struct Counters {
    connections: Arc<AtomicUsize>,
    open: Arc<watch::Sender<usize>>,
    requests: Arc<InFlight>,
    keyed: Keyed,
}

/// The keyed routes (`/flaky/{n}/{key}`, `/stall-once/{key}`, `/busy/{s}/{key}`): for
/// each route and key, how many times it was asked and when.
type Keyed = Arc<std::sync::Mutex<std::collections::HashMap<String, Asked>>>;

/// How often one keyed route was asked, and when (its first [`MOST_ARRIVALS`] times).
#[derive(Debug, Default)]
struct Asked {
    count: u64,
    arrivals: Vec<tokio::time::Instant>,
}

/// How many arrival times a key keeps: enough for any retry loop a test watches, and a
/// bound on memory whatever a client sends.
const MOST_ARRIVALS: usize = 64;

async fn accept(listener: TcpListener, counters: Counters, stop: watch::Receiver<bool>) {
    let mut tasks = JoinSet::new();
    let mut stopping = stop.clone();
    loop {
        tokio::select! {
            () = stopped(&mut stopping) => break,
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else { continue };
                counters.connections.fetch_add(1, Ordering::SeqCst);
                let counted = OpenConnection::new(&counters.open);
                let serve = serve_connection(
                    stream,
                    Arc::clone(&counters.requests),
                    Arc::clone(&counters.keyed),
                    stop.clone(),
                );
                tasks.spawn(async move {
                    serve.await;
                    drop(counted);
                });
                // Forget connections that have closed, so a long run does not pile them up.
                while tasks.try_join_next().is_some() {}
            }
        }
    }
    drop(listener);
    // Give open connections a moment to finish, then close whatever is left.
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    tasks.shutdown().await;
}

/// Resolves once the server has been told to stop.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is dropped right here, before anything else awaits.
    let _ = stop.wait_for(|stop| *stop).await;
}

/// Serves HTTP/1.1 on one connection until the client closes it or the server stops.
async fn serve_connection(
    stream: tokio::net::TcpStream,
    requests: Arc<InFlight>,
    keyed: Keyed,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |request| {
        // Counted from the request's arrival until its body's last frame is sent.
        let in_flight = InFlightGuard::new(&requests);
        let keyed = Arc::clone(&keyed);
        async move {
            let response = respond(request, &keyed).await?;
            Ok::<_, Infallible>(response.map(|body| CountedBody {
                body,
                in_flight: Some(in_flight),
            }))
        }
    });
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let mut connection = pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = stopped(&mut stop) => {
            // Finish the response in progress, then close (no more keep-alive).
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

type Body = BoxBody<Bytes, Infallible>;

fn text(status: StatusCode, body: impl Into<Bytes>, content_type: &'static str) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).boxed());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn plain(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    text(status, body, "text/plain; charset=utf-8")
}

/// A body sent in chunks: `next_chunk` is called for chunk 0, 1, 2, ... and returns the
/// delay before that chunk and its bytes, or `None` to end the body.
fn chunked<F, Fut>(next_chunk: F) -> Response<Body>
where
    F: FnMut(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Option<Bytes>> + Send + Sync + 'static,
{
    let chunks = futures::stream::unfold((0, next_chunk), |(index, mut next_chunk)| async move {
        let chunk = next_chunk(index).await?;
        Some((Ok(Frame::data(chunk)), (index + 1, next_chunk)))
    });
    let mut response = Response::new(BodyExt::boxed(StreamBody::new(chunks)));
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The routes (see `crate::route`), read by [`route::parse`], the parser
/// lesson 9's simulated server shares.
async fn respond(request: Request<Incoming>, keyed: &Keyed) -> Result<Response<Body>, Infallible> {
    let route = match route::parse(request.uri().path()) {
        Ok(route) => route,
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return Ok(plain(status, format!("{error}\n")));
        }
    };
    let response = match route {
        Route::Page => text(StatusCode::OK, PAGE, "text/html; charset=utf-8"),
        Route::Delay { wait, status } => {
            tokio::time::sleep(wait).await;
            let ms = wait.as_millis();
            match status {
                200 => plain(StatusCode::OK, format!("waited {ms} ms\n")),
                code => plain(status_code(code), format!("waited {ms} ms, then {code}\n")),
            }
        }
        Route::Bytes(n) => plain(StatusCode::OK, Bytes::from(vec![b'x'; n])),
        Route::Status(code) => plain(status_code(code), format!("status {code}\n")),
        Route::NotUtf8 => plain(StatusCode::OK, NOT_UTF8),
        Route::Slow { every } => chunked(move |index| async move {
            if index >= route::SLOW_CHUNKS as usize {
                return None;
            }
            tokio::time::sleep(every).await;
            Some(Bytes::from(format!("chunk {index}\n")))
        }),
        Route::Stall => chunked(|index| async move {
            if index > 0 {
                // Never resolves: the body never ends.
                std::future::pending::<()>().await;
            }
            Some(Bytes::from_static(b"the rest never comes\n"))
        }),
        Route::Flaky { fail_first, key } => {
            let asked = count(keyed, "flaky", key);
            if asked <= fail_first {
                plain(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("failure {asked} of {fail_first} for {key}\n"),
                )
            } else {
                plain(StatusCode::OK, format!("ok after {fail_first} failures\n"))
            }
        }
        Route::StallOnce { key } => {
            if count(keyed, "stall-once", key) == 1 {
                // No answer at all, not even headers: only a timeout ends this request.
                std::future::pending::<()>().await;
            }
            plain(
                StatusCode::OK,
                format!("answered, after one request that stalled ({key})\n"),
            )
        }
        Route::Busy { retry_after_s, key } => {
            if count(keyed, "busy", key) == 1 {
                let mut busy = plain(
                    StatusCode::TOO_MANY_REQUESTS,
                    format!("too many requests: retry after {retry_after_s} s\n"),
                );
                busy.headers_mut()
                    .insert(hyper::header::RETRY_AFTER, HeaderValue::from(retry_after_s));
                busy
            } else {
                plain(StatusCode::OK, format!("answered, after one 429 ({key})\n"))
            }
        }
    };
    Ok(response)
}

/// How many times `route`'s `key` has been asked for, this request included.
fn count(counts: &Keyed, route: &str, key: &str) -> u64 {
    let mut counts = counts
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let asked = counts.entry(format!("{route}/{key}")).or_default();
    asked.count += 1;
    if asked.arrivals.len() < MOST_ARRIVALS {
        asked.arrivals.push(tokio::time::Instant::now());
    }
    asked.count
}

/// A status the parser accepted (100..=999) as hyper's type.
fn status_code(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// One raw HTTP/1.1 request over a fresh connection; returns the whole response.
    async fn raw_get(server: &CourseServer, path: &str) -> Vec<u8> {
        let mut stream = tokio::net::TcpStream::connect(server.addr())
            .await
            .expect("connect");
        let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.expect("read");
        response
    }

    /// One raw GET of a full URL on this machine.
    async fn raw_get_url(url: &str) -> Vec<u8> {
        let rest = url.strip_prefix("http://").expect("an http URL");
        let (address, path) = rest.split_at(rest.find('/').expect("a path"));
        let mut stream = tokio::net::TcpStream::connect(address)
            .await
            .expect("connect");
        let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.expect("read");
        response
    }

    fn body_of(response: &[u8]) -> &[u8] {
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a blank line after the headers");
        &response[end + 4..]
    }

    /// A request counts as in flight until its body's last chunk is sent, not only
    /// until its headers: `/slow/100` is in flight for its whole second.
    #[tokio::test]
    async fn a_request_is_in_flight_until_its_body_ends() {
        let server = CourseServer::start().await.expect("server starts");
        let slow = tokio::spawn({
            let url = server.url("/slow/100");
            async move { raw_get_url(&url).await }
        });
        // Its headers and first chunk come at once; the body lasts about a second.
        while server.requests_received() == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(
            server.requests_in_flight(),
            1,
            "mid-body, it is still in flight"
        );
        slow.await.expect("the request");
        assert_eq!(server.requests_in_flight(), 0);
    }

    /// `/busy/3/k` is a 429 with `Retry-After: 3` once for key `k`, then the page;
    /// `/stall-once/k` never answers the first time, then answers.
    #[tokio::test]
    async fn busy_and_stall_once_fail_once_per_key() {
        let server = CourseServer::start().await.expect("server starts");
        let busy = String::from_utf8_lossy(&raw_get(&server, "/busy/3/k").await).into_owned();
        assert!(busy.starts_with("HTTP/1.1 429"), "{busy}");
        assert!(busy.to_lowercase().contains("retry-after: 3\r\n"), "{busy}");
        let again = raw_get(&server, "/busy/3/k").await;
        assert!(again.starts_with(b"HTTP/1.1 200"));
        let stalled = tokio::time::timeout(
            std::time::Duration::from_millis(200),
            raw_get(&server, "/stall-once/k"),
        )
        .await;
        assert!(stalled.is_err(), "the first request must get no answer");
        let answered = raw_get(&server, "/stall-once/k").await;
        assert!(answered.starts_with(b"HTTP/1.1 200"));
    }

    /// `/flaky/2/k` fails twice for key `k`, then succeeds; another key counts anew.
    #[tokio::test]
    async fn flaky_fails_the_first_n_times_per_key() {
        let server = CourseServer::start().await.expect("server starts");
        for expected in ["503", "503", "200", "200"] {
            let response = raw_get(&server, "/flaky/2/k").await;
            assert!(
                response.starts_with(format!("HTTP/1.1 {expected}").as_bytes()),
                "{}",
                String::from_utf8_lossy(&response)
            );
        }
        let other = raw_get(&server, "/flaky/1/other").await;
        assert!(other.starts_with(b"HTTP/1.1 503"));
        // Each key's arrivals, in order, apart from the other key's.
        let arrivals = server.flaky_arrivals("k");
        assert_eq!(arrivals.len(), 4);
        assert!(arrivals.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(server.flaky_arrivals("other").len(), 1);
        assert!(server.flaky_arrivals("nobody").is_empty());
        assert!(
            raw_get(&server, "/flaky/x/k")
                .await
                .starts_with(b"HTTP/1.1 400")
        );
        server.shutdown().await;
    }

    #[tokio::test]
    async fn serves_the_page_and_counts_connections() {
        let server = CourseServer::start().await.expect("server starts");
        assert_eq!(server.addr().ip().to_string(), "127.0.0.1");
        assert_ne!(server.addr().port(), 0);
        let response = raw_get(&server, "/").await;
        assert!(response.starts_with(b"HTTP/1.1 200 OK\r\n"));
        assert_eq!(body_of(&response), PAGE.as_bytes());
        assert_eq!((PAGE.chars().count(), PAGE.len()), (141, 151));
        raw_get(&server, "/nowhere").await;
        assert_eq!(server.connections_accepted(), 2);
        server.shutdown().await;
    }

    #[tokio::test]
    async fn every_route_answers_as_documented() {
        let server = CourseServer::start().await.expect("server starts");
        let response = raw_get(&server, "/status/418").await;
        assert!(response.starts_with(b"HTTP/1.1 418 I'm a teapot\r\n"));
        assert_eq!(body_of(&raw_get(&server, "/bytes/5").await), b"xxxxx");
        assert_eq!(body_of(&raw_get(&server, "/not-utf8").await), NOT_UTF8);
        assert!(
            raw_get(&server, "/nowhere")
                .await
                .starts_with(b"HTTP/1.1 404")
        );
        assert!(
            raw_get(&server, "/delay/x")
                .await
                .starts_with(b"HTTP/1.1 400")
        );
        let slow = raw_get(&server, "/slow/1").await;
        // Chunked transfer encoding: the chunks' text appears in order.
        let slow = String::from_utf8_lossy(&slow);
        assert!(
            slow.contains("chunk 0\n") && slow.contains("chunk 9\n"),
            "{slow}"
        );
        server.shutdown().await;
    }

    #[test]
    fn a_background_server_answers_while_the_caller_blocks() {
        let server = BackgroundServer::start().expect("server starts");
        // A plain blocking client on this thread: the server's own thread answers.
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
        stream
            .write_all(b"GET /delay/50 HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        assert_eq!(body_of(&response), b"waited 50 ms\n");
        assert_eq!(server.connections_accepted(), 1);
        assert!(server.url("/x").ends_with("/x"));
        drop(server);
    }

    #[tokio::test(start_paused = true)]
    async fn delay_waits_as_long_as_asked() {
        let server = CourseServer::start().await.expect("server starts");
        let started = tokio::time::Instant::now();
        let response = raw_get(&server, "/delay/1500").await;
        assert_eq!(body_of(&response), b"waited 1500 ms\n");
        assert_eq!(started.elapsed().as_millis() / 100, 15);
        server.shutdown().await;
    }

    /// `/delay/{ms}/{code}` fails, but only after the wait: a failure that takes time.
    #[tokio::test(start_paused = true)]
    async fn delay_with_a_status_fails_after_the_wait() {
        let server = CourseServer::start().await.expect("server starts");
        let started = tokio::time::Instant::now();
        let response = raw_get(&server, "/delay/300/500").await;
        assert!(response.starts_with(b"HTTP/1.1 500 Internal Server Error\r\n"));
        assert_eq!(body_of(&response), b"waited 300 ms, then 500\n");
        assert_eq!(started.elapsed().as_millis() / 100, 3);
        assert!(
            raw_get(&server, "/delay/1/1000")
                .await
                .starts_with(b"HTTP/1.1 400")
        );
        server.shutdown().await;
    }

    #[tokio::test]
    async fn shutdown_closes_even_a_stalled_response() {
        let server = CourseServer::start().await.expect("server starts");
        let mut stream = tokio::net::TcpStream::connect(server.addr())
            .await
            .expect("connect");
        stream
            .write_all(b"GET /stall HTTP/1.1\r\nHost: test\r\n\r\n")
            .await
            .expect("write");
        let mut first = [0u8; 64];
        let read = stream.read(&mut first).await.expect("read headers");
        assert!(first[..read].starts_with(b"HTTP/1.1 200"));
        // The body never ends; shutdown still finishes, after the grace period.
        tokio::time::timeout(SHUTDOWN_GRACE * 3, server.shutdown())
            .await
            .expect("shutdown finishes");
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest).await;
    }
}
