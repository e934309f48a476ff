//! The real service, as a process, against the course server (loopback, port 0): one
//! test per promise a broken service would break. Step 7's check runs these against
//! services broken on purpose (through `FANOUT_BIN`); each must be caught by one.

mod support;

use std::time::{Duration, Instant};

use course_kit::http_server::CourseServer;
use support::{Service, get, pages};

async fn upstream() -> CourseServer {
    CourseServer::start()
        .await
        .expect("the course server starts")
}

/// With --limit 2, the upstream never sees more than 2 requests at once, and sees 2.
#[tokio::test(flavor = "multi_thread")]
async fn the_limit_holds() {
    let upstream = upstream().await;
    let service = Service::start(&["--limit", "2"]);
    let paths = ["/delay/200", "/delay/201", "/delay/202", "/delay/203"];
    let (status, _) = get(&service.url(&pages(&upstream.url(""), &paths))).await;
    assert_eq!(status, 200);
    assert_eq!(upstream.most_requests_in_flight(), 2);
}

/// A page slower than the deadline is `unfinished`, and the answer comes by the deadline.
#[tokio::test(flavor = "multi_thread")]
async fn the_deadline_answers_with_what_finished() {
    let upstream = upstream().await;
    let service = Service::start(&["--deadline-ms", "300"]);
    let started = Instant::now();
    let (_, answer) =
        get(&service.url(&pages(&upstream.url(""), &["/delay/0", "/delay/2500"]))).await;
    assert!(started.elapsed() < Duration::from_millis(2000), "{answer}");
    assert_eq!(answer["results"][0]["status"], "ok", "{answer}");
    assert_eq!(answer["results"][1]["status"], "unfinished", "{answer}");
}

/// A page that fails twice with 503 is `ok` on the third attempt.
#[tokio::test(flavor = "multi_thread")]
async fn transient_failures_are_retried() {
    let upstream = upstream().await;
    let service = Service::start(&["--retries", "3"]);
    let (_, answer) =
        get(&service.url(&pages(&upstream.url(""), &["/flaky/2/service-test"]))).await;
    assert_eq!(answer["results"][0]["status"], "ok", "{answer}");
    assert_eq!(answer["results"][0]["attempts"], 3, "{answer}");
}

/// A page asked again is answered from the cache, with no new upstream request.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_asked_again_comes_from_the_cache() {
    let upstream = upstream().await;
    let service = Service::start(&[]);
    let url = service.url(&pages(&upstream.url(""), &["/bytes/40"]));
    let (_, first) = get(&url).await;
    let (_, second) = get(&url).await;
    assert_eq!(first["results"][0]["cached"], false, "{first}");
    assert_eq!(second["results"][0]["cached"], true, "{second}");
}

/// SIGTERM while a page is being fetched: the request still gets its answer, then the
/// service exits 0.
#[tokio::test(flavor = "multi_thread")]
async fn sigterm_drains_the_request_in_flight() {
    let upstream = upstream().await;
    let mut service = Service::start(&[]);
    let url = service.url(&pages(&upstream.url(""), &["/delay/600"]));
    let request = tokio::spawn(async move { get(&url).await });
    // Wait for the request to reach the upstream, not for a guessed time.
    let asked = Instant::now();
    while upstream.most_requests_in_flight() == 0 {
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "the page was never asked for"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    service.terminate();
    let (status, answer) = request.await.expect("the request's task");
    assert_eq!(status, 200);
    assert_eq!(answer["results"][0]["status"], "ok", "{answer}");
    let exited = service.wait(Duration::from_secs(3)).expect("it exits");
    assert_eq!(exited.code(), Some(0));
}
