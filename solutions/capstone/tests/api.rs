//! The service's API against the course server as its upstream (loopback, port 0): each
//! rule of the capstone, one test; and the real binary's command line and signals.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use course_kit::http_server::CourseServer;
use fanout::{AppState, Config, router};
use serde_json::Value;

// Only its `binary()` here: the service `FANOUT_BIN` names (the copy step 7's check keeps
// aside, which no other build can overwrite), else this crate's own.
mod support;

/// The service on a free port, in this test's runtime; its base URL.
async fn start(config: Config) -> (String, Arc<AppState>) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let state = Arc::new(AppState::new(config).expect("a client"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let address = listener.local_addr().expect("its address");
    let app = router(Arc::clone(&state));
    // The server runs until the test's runtime ends.
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), state)
}

fn config(limit: u32, deadline_ms: u64) -> Config {
    Config {
        limit,
        deadline_ms,
        ..Config::default()
    }
}

/// GET `url`; the status and the body as JSON (or as a string when it is not JSON).
async fn get(url: &str) -> (u16, Value) {
    let response = reqwest::get(url).await.expect("the service answers");
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

/// `/pages?url=...` for these course-server paths.
fn pages_url(service: &str, upstream: &CourseServer, paths: &[&str]) -> String {
    let query: Vec<String> = paths
        .iter()
        .map(|path| format!("url={}", upstream.url(path)))
        .collect();
    format!("{service}/pages?{}", query.join("&"))
}

/// Each result's status word, in order.
fn statuses(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results in {answer}"))
        .iter()
        .map(|result| result["status"].as_str().unwrap_or("?").to_owned())
        .collect()
}

/// /health is 200 `ok`; an unknown route is a 404 with a JSON error.
#[tokio::test]
async fn health_and_unknown_routes() {
    let (service, _) = start(Config::default()).await;
    assert_eq!(
        get(&format!("{service}/health")).await,
        (200, Value::from("ok"))
    );
    let (status, body) = get(&format!("{service}/nope")).await;
    assert_eq!(status, 404);
    assert!(
        body["error"].as_str().is_some_and(|e| e.contains("/nope")),
        "{body}"
    );
}

/// Results come in the order asked, whatever order they finish in; a 404 upstream is
/// `failed` after one attempt (never retried); the page's characters are counted.
#[tokio::test]
async fn results_keep_the_order_asked() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(4, 2000)).await;
    let (status, answer) = get(&pages_url(
        &service,
        &upstream,
        &["/delay/300", "/status/404", "/", "/delay/50"],
    ))
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(statuses(&answer), ["ok", "failed", "ok", "ok"], "{answer}");
    let results = &answer["results"];
    assert_eq!(results[0]["url"], upstream.url("/delay/300"), "{answer}");
    assert_eq!(results[1]["error"], "HTTP 404", "{answer}");
    assert_eq!(results[1]["attempts"], 1, "{answer}");
    // The course page: 141 characters (151 bytes).
    assert_eq!(results[2]["chars"], 141, "{answer}");
    assert_eq!(results[2]["cached"], false, "{answer}");
}

/// Two clients at once stay within the one limit: six pages of 200 ms each, limit 2,
/// take three rounds, and the upstream never sees more than 2 at once.
#[tokio::test]
async fn the_limit_is_shared_by_all_clients() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(2, 5000)).await;
    // Six different URLs: the same URL asked twice at once is fetched once.
    let one = pages_url(
        &service,
        &upstream,
        &["/delay/200", "/delay/201", "/delay/202"],
    );
    let two = pages_url(
        &service,
        &upstream,
        &["/delay/203", "/delay/204", "/delay/205"],
    );
    let started = Instant::now();
    let (a, b) = tokio::join!(get(&one), get(&two));
    let took = started.elapsed();
    assert_eq!(statuses(&a.1), ["ok", "ok", "ok"], "{}", a.1);
    assert_eq!(statuses(&b.1), ["ok", "ok", "ok"], "{}", b.1);
    assert_eq!(upstream.most_requests_in_flight(), 2);
    assert!(took >= Duration::from_millis(600), "{took:?}");
}

/// By the deadline, what finished is there and the rest is `unfinished`; the dropped
/// upstream request no longer counts as in flight.
#[tokio::test]
async fn the_deadline_keeps_what_finished() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, state) = start(config(4, 500)).await;
    let started = Instant::now();
    let (_, answer) = get(&pages_url(
        &service,
        &upstream,
        &["/delay/100", "/delay/5000"],
    ))
    .await;
    let took = started.elapsed();
    assert_eq!(statuses(&answer), ["ok", "unfinished"], "{answer}");
    assert!(
        took >= Duration::from_millis(500) && took < Duration::from_millis(1500),
        "{took:?}"
    );
    assert_eq!(state.status().upstream_in_flight, 0);
}

/// A transient failure (503) is retried until it succeeds; one that persists fails
/// after the retries, with the last error.
#[tokio::test]
async fn transient_failures_are_retried() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(4, 5000)).await;
    let (_, answer) = get(&pages_url(
        &service,
        &upstream,
        &["/flaky/2/capstone-a", "/flaky/9/capstone-b"],
    ))
    .await;
    assert_eq!(statuses(&answer), ["ok", "failed"], "{answer}");
    assert_eq!(answer["results"][0]["attempts"], 3, "{answer}");
    assert_eq!(answer["results"][1]["attempts"], 3, "{answer}");
    assert_eq!(answer["results"][1]["error"], "HTTP 503", "{answer}");
}

/// A refused connection is `failed`, with the cause in one line; a body that is not
/// text is `failed` too.
#[tokio::test]
async fn refused_and_not_text_are_failures() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(4, 3000)).await;
    // A port nothing listens on: bind one, note it, close it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let refused = format!("http://{}/", closed.local_addr().expect("its address"));
    drop(closed);
    let url = format!(
        "{service}/pages?url={refused}&url={}",
        upstream.url("/not-utf8")
    );
    let (_, answer) = get(&url).await;
    assert_eq!(statuses(&answer), ["failed", "failed"], "{answer}");
    let error = answer["results"][0]["error"].as_str().unwrap_or_default();
    assert!(
        error.starts_with("could not connect") && !error.contains('\n'),
        "{answer}"
    );
    assert_eq!(
        answer["results"][1]["error"], "the body is not UTF-8 text",
        "{answer}"
    );
}

/// A page that succeeded is answered from the cache: no upstream request.
#[tokio::test]
async fn a_cached_page_makes_no_upstream_request() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, state) = start(Config::default()).await;
    let url = pages_url(&service, &upstream, &["/delay/10"]);
    let (_, first) = get(&url).await;
    let (_, second) = get(&url).await;
    assert_eq!(first["results"][0]["cached"], false, "{first}");
    assert_eq!(second["results"][0]["cached"], true, "{second}");
    assert_eq!(second["results"][0]["attempts"], 0, "{second}");
    let (_, status) = get(&format!("{service}/status")).await;
    assert_eq!(status["upstream_requests"], 1, "{status}");
    assert_eq!(status["cache_hits"], 1, "{status}");
    assert_eq!(status["requests_served"], 2, "{status}");
    assert_eq!(state.status().upstream_in_flight, 0);
}

/// A client's mistakes are 400s with a one-line JSON error, never a 500.
#[tokio::test]
async fn bad_requests_are_400_with_a_reason() {
    let (service, _) = start(Config::default()).await;
    let too_many = vec!["url=http://a.example/"; 101].join("&");
    for query in [
        "",
        "url=ftp://a/",
        "url=::",
        "page=http://a/",
        too_many.as_str(),
    ] {
        let (status, body) = get(&format!("{service}/pages?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        let error = body["error"].as_str().unwrap_or_default();
        assert!(
            !error.is_empty() && !error.contains('\n'),
            "{query}: {body}"
        );
    }
}

/// The real binary, killed with the test if it fails.
struct Service(Child);

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Bad flags: one line on stderr, exit 2.
#[test]
fn bad_flags_are_one_line_and_exit_2() {
    for args in [
        &["--limit", "0"][..],
        &["--nope"],
        &["--deadline-ms", "soon"],
    ] {
        let output = Command::new(support::binary())
            .args(args)
            .output()
            .expect("fanout runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

/// SIGTERM while a request is in flight: the request still gets its answer, then the
/// service exits 0.
#[cfg(unix)]
#[test]
fn sigterm_drains_then_exits_0() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let upstream = course_kit::http_server::BackgroundServer::start().expect("the course server");
    let (mut service, base) = spawn_service(&[]);
    let url = format!("{base}/pages?url={}", upstream.url("/delay/700"));
    let request = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        runtime.block_on(async { get(&url).await })
    });
    // The signal once the upstream has the request: the service is fetching it.
    wait_until(|| upstream.requests_received() > 0);
    signal(&service, "TERM");
    let (status, answer) = request.join().expect("the request thread");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(statuses(&answer), ["ok"], "{answer}");
    let exit = service.0.wait().expect("fanout exits");
    assert_eq!(exit.code(), Some(0));
}

/// Polls `done` every 5 ms, at most 5 s (the thing awaited is another process's).
fn wait_until(done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "waited 5 s in vain"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The service on a free port as a real process, with `args`; its base URL.
fn spawn_service(args: &[&str]) -> (Service, String) {
    let mut child = Command::new(support::binary())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("fanout runs");
    let stdout = child.stdout.take().expect("its stdout");
    let service = Service(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the address line");
    let base = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_owned();
    (service, base)
}

/// Sends `signal` (`TERM`, `INT`) to the service.
fn signal(service: &Service, signal: &str) {
    let pid = service.0.id().to_string();
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

/// SIGTERM while a request waits on an upstream that never answers: the request is
/// answered `unfinished` at its deadline and the service exits 0, within deadline + 2 s.
/// A second signal (INT after TERM) exits 130 at once.
#[cfg(unix)]
#[test]
fn a_stalled_request_ends_by_its_deadline_and_a_second_signal_at_once() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let upstream = course_kit::http_server::BackgroundServer::start().expect("the course server");
    for (second, expected) in [(None, 0), (Some("INT"), 130)] {
        let args = ["--deadline-ms", "1500", "--attempt-timeout-ms", "60000"];
        let (mut service, base) = spawn_service(&args);
        let key = format!("drain-{expected}");
        let url = format!(
            "{base}/pages?url={}",
            upstream.url(&format!("/stall-once/{key}"))
        );
        let before = upstream.requests_received();
        let request = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("a runtime");
            runtime.block_on(async { reqwest::get(&url).await.is_ok() })
        });
        wait_until(|| upstream.requests_received() > before);
        let signalled = Instant::now();
        signal(&service, "TERM");
        if let Some(second) = second {
            signal(&service, second);
        }
        let exit = service.0.wait().expect("fanout exits");
        let took = signalled.elapsed();
        assert_eq!(exit.code(), Some(expected), "after TERM then {second:?}");
        let within = if second.is_some() { 1000 } else { 3500 };
        assert!(took < Duration::from_millis(within), "{second:?}: {took:?}");
        let _ = request.join();
    }
}

/// A first attempt that gets no answer times out after --attempt-timeout-ms, and the
/// second brings the page.
#[tokio::test]
async fn a_stalled_attempt_is_retried() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(Config {
        attempt_timeout_ms: 300,
        ..config(4, 3000)
    })
    .await;
    let started = Instant::now();
    let (_, answer) = get(&pages_url(&service, &upstream, &["/stall-once/api"])).await;
    assert_eq!(statuses(&answer), ["ok"], "{answer}");
    assert_eq!(answer["results"][0]["attempts"], 2, "{answer}");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

/// A 429 with `Retry-After: 1` is tried again a second later; one asking for more than
/// the deadline leaves fails at once, saying so. 502 and 504 are retried; 501 and 404
/// are not.
#[tokio::test]
async fn retry_after_and_the_transient_statuses() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(4, 3000)).await;
    let started = Instant::now();
    let (_, answer) = get(&pages_url(&service, &upstream, &["/busy/1/api"])).await;
    assert_eq!(statuses(&answer), ["ok"], "{answer}");
    assert_eq!(answer["results"][0]["attempts"], 2, "{answer}");
    assert!(started.elapsed() >= Duration::from_secs(1));
    let started = Instant::now();
    let (_, answer) = get(&pages_url(&service, &upstream, &["/busy/9/api-late"])).await;
    assert_eq!(statuses(&answer), ["failed"], "{answer}");
    let error = answer["results"][0]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("429") && error.contains("deadline"),
        "{answer}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    let (_, answer) = get(&pages_url(
        &service,
        &upstream,
        &["/status/502", "/status/504", "/status/501", "/status/404"],
    ))
    .await;
    let attempts: Vec<&Value> = (0..4).map(|i| &answer["results"][i]["attempts"]).collect();
    assert_eq!(attempts, [3, 3, 1, 1], "{answer}");
}

/// 200 distinct pages through a cache of 50: it holds 50, never more.
#[tokio::test]
async fn the_cache_holds_at_most_its_maximum() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, state) = start(Config {
        cache_max: 50,
        ..config(16, 5000)
    })
    .await;
    for batch in 0..2 {
        let paths: Vec<String> = (0..100).map(|n| format!("/?page={batch}-{n}")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (_, answer) = get(&pages_url(&service, &upstream, &paths)).await;
        assert!(
            statuses(&answer).iter().all(|status| status == "ok"),
            "{answer}"
        );
        assert!(state.cache.len() <= 50);
    }
    let (_, status) = get(&format!("{service}/status")).await;
    assert_eq!(status["cache_entries"], 50, "{status}");
}

/// One URL asked by three requests at once, and twice within a fourth: one upstream
/// request in all, five `ok` answers.
#[tokio::test]
async fn one_fetch_per_url_at_a_time() {
    let upstream = CourseServer::start().await.expect("the course server");
    let (service, _) = start(config(8, 5000)).await;
    let once = pages_url(&service, &upstream, &["/delay/300?once"]);
    let twice = pages_url(&service, &upstream, &["/delay/300?once", "/delay/300?once"]);
    let (a, b, c, d) = tokio::join!(get(&once), get(&once), get(&once), get(&twice));
    for (_, answer) in [a, b, c, d] {
        assert!(
            statuses(&answer).iter().all(|status| status == "ok"),
            "{answer}"
        );
    }
    assert_eq!(upstream.requests_received(), 1);
}
