//! Lesson 6: fetching with reqwest from the course's own server; blocking clients;
//! concurrency; timeouts; and a one-line error for every way `--url` can fail.

use std::time::Duration;

use course_kit::Transcript;
use course_kit::http_server::{BackgroundServer, PAGE};
use lesson_06_fetch as lesson;

use crate::support::expect::{
    assert_concurrent, assert_lines, assert_ratio_at_least, chart_masked, port_masked,
};
use crate::support::finished::Finished;
use crate::support::golden::{assert_real_timeline, golden};
use crate::support::run::run_lesson;
use course_kit::transcript::without_stamp;

const PACKAGE: &str = "lesson-06-fetch";

fn server() -> BackgroundServer {
    BackgroundServer::start().expect("the course server starts")
}

fn runtime() -> tokio::runtime::Runtime {
    course_kit::tls::install_crypto_provider();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The tutorial's fetch: 141 characters (Python's `len`), 151 bytes (Rust's `len`).
#[test]
fn fetch_returns_the_page() {
    let server = server();
    let html = runtime()
        .block_on(lesson::fetch(&reqwest::Client::new(), &server.url("/")))
        .expect("the page");
    assert_eq!(html, PAGE);
    assert_eq!((html.chars().count(), html.len()), (141, 151));
}

/// Part 1 and Part 4, in-process: the exact lines (no time-dependent values in them).
#[test]
fn page_and_timeout_parts_print_what_they_measured() {
    let server = server();
    let out = Transcript::captured();
    let seen = runtime().block_on(async {
        lesson::fetch_the_page(&out, &reqwest::Client::new(), &server).await;
        lesson::timeouts_and_status(&out, &server).await
    });
    assert_eq!(
        seen.ok(),
        Some(lesson::TimeoutAndStatus {
            timed_out: true,
            status: Some(404),
            is_status_error: true
        })
    );
    let said: Vec<String> = out
        .lines()
        .iter()
        .map(|line| course_kit::transcript::without_stamp(line).to_owned())
        .collect();
    assert_lines(
        &said,
        &[
            "",
            "== Part 1: fetch a page (aiohttp session.get ↔ reqwest client.get) ==",
            "Fetched 141 characters",
            "html.len() = 151 bytes: ü, ß, 東, 京 and 🦀 take 2 to 4 bytes each",
            "identical to the page the server sent: yes",
            "",
            "== Part 4: timeouts and error statuses ==",
            "GET /delay/1000 with a 200 ms timeout: error, is_timeout() = true",
            "GET /status/404: Ok(response), status 404",
            "the same with .error_for_status(): error, is_status() = true",
        ],
    );
}

/// Part 3's bounded run, in-process on real time: never more than 3 in flight, and its
/// timeline picture (the book's) has a bar per request.
#[test]
fn a_few_at_a_time_draws_its_timeline() {
    let server = server();
    let out = Transcript::captured();
    let (took, peak) = runtime().block_on(lesson::a_few_at_a_time(
        &out,
        &reqwest::Client::new(),
        &server.url(&format!("/delay/{}", lesson::REQUEST_DELAY_MS)),
    ));
    assert_eq!(peak, lesson::LIMIT, "{}", out.text());
    assert!(took >= Duration::from_secs(2), "{took:?}\n{}", out.text());
    assert_real_timeline(PACKAGE, &out.figures());
}

/// The whole lesson as a learner runs it (the suite's debug build): the hand-made
/// blocking GET stalls the heartbeat; reqwest::blocking hits its debug-only guard and
/// panics (caught, reported in one line, explained as expected); spawn_blocking does
/// not stall. Ten requests take about ten times longer one by one than all at once, and
/// about four times longer three at a time, never more than three in flight; buffered
/// keeps the order of results and buffer_unordered gives them as they finish.
#[test]
fn real_binary_measures_blocking_and_concurrency() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success_with_stderr(&["(panic report) Cannot drop a runtime"]);
    if cfg!(debug_assertions) {
        // The golden file is a real run of the debug build (what `just lesson-6` runs):
        // the port, the times, the tick counts and the bars of the chart vary.
        let lines: Vec<String> = run.lines().into_iter().map(port_masked).collect();
        golden(PACKAGE, "lesson").assert_real_run(&lines, |line| {
            // The chart's bars and axis follow the real times (2.0 s or 2.5 s in all).
            let line = chart_masked(without_stamp(line));
            match (line.find("longest gap"), line.rsplit("  ").next()) {
                (Some(_), Some(verdict)) => {
                    let label = line.split("  ").next().unwrap_or_default();
                    format!("{label} .. {verdict}")
                }
                _ => line,
            }
        });
    }
    let row = |start: &str| -> String {
        run.lines()
            .into_iter()
            .find(|line| line.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?}\n\n{run}"))
            .to_owned()
    };
    assert!(
        row("hand-made blocking GET (std TcpStream)").ends_with("STALLED"),
        "{run}"
    );
    assert!(
        row("spawn_blocking(reqwest::blocking::get)").ends_with("on time"),
        "{run}"
    );
    if cfg!(debug_assertions) {
        assert!(
            row("reqwest::blocking::get").contains(
                "panicked (debug build): Cannot drop a runtime in a context where blocking is not allowed"
            ),
            "{run}"
        );
        assert!(
            run.stdout
                .contains("Expected: this panic is reqwest's guard, which only debug"),
            "{run}"
        );
    } else {
        assert!(
            row("reqwest::blocking::get (release build)").ends_with("STALLED"),
            "{run}"
        );
    }
    assert!(
        run.lines_without_times()
            .contains(&"Fetched 141 characters".to_owned()),
        "{run}"
    );
    assert!(
        run.stdout.contains("buffered(3):         [1, 2, 3]")
            && run.stdout.contains("buffer_unordered(3): [2, 3, 1]"),
        "buffered keeps the order, buffer_unordered gives finish order\n\n{run}"
    );
    check_concurrency(&run);
}

#[track_caller]
fn check_concurrency(run: &Finished) {
    let totals = run.total_times();
    assert_eq!(totals.len(), 3, "{run}");
    let (sequential, concurrent, bounded) = (totals[0], totals[1], totals[2]);
    let context = run.to_string();
    // Ten requests of 0.5 s: all at once is near one request, far from all ten.
    assert_concurrent(
        "all at once",
        concurrent,
        Duration::from_millis(500),
        Duration::from_secs(5),
        &context,
    );
    assert_ratio_at_least(
        "one by one vs all at once",
        sequential,
        concurrent,
        5.0,
        &context,
    );
    // Three at a time: four rounds, so at least four requests' time, well under ten.
    assert_concurrent(
        "three at a time",
        bounded,
        Duration::from_secs(2),
        Duration::from_secs(5),
        &context,
    );
    assert!(
        run.stdout.contains("never more than 3 requests in flight"),
        "{run}"
    );
}

/// Runs `--url` (plus `extra` options) and returns the result.
fn fetch_url(url: &str, extra: &[&str]) -> Finished {
    let mut args = extra.to_vec();
    args.extend(["--url", url]);
    run_lesson(PACKAGE, &args)
}

/// `--url` prints the size of what it fetched, as the tutorial's program does.
#[test]
fn url_option_fetches_any_url() {
    let server = server();
    let run = fetch_url(&server.url("/"), &[]);
    run.assert_success();
    assert_eq!(
        run.lines(),
        [
            "Fetched 141 characters",
            "(151 bytes of UTF-8, status 200 OK)"
        ],
        "{run}"
    );
    // --offline still resolves localhost (and never asks DNS for anything else).
    let local = server.url("/").replace("127.0.0.1", "localhost");
    fetch_url(&local, &["--offline"]).assert_success();
}

/// A URL that is not one, and one with another scheme: refused before any request.
#[test]
fn url_option_rejects_malformed_urls_and_other_schemes() {
    fetch_url("http//nope", &[]).assert_one_line_error(
        1,
        "error: malformed URL \"http//nope\": relative URL without a base",
    );
    fetch_url("ftp://127.0.0.1/file", &[]).assert_one_line_error(
        1,
        "error: unsupported scheme \"ftp\" in \"ftp://127.0.0.1/file\": only http and https",
    );
}

/// Nothing listening on the port: "Connection refused", in one line.
#[test]
fn url_option_reports_a_refused_connection() {
    // Bind a port, then free it: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    let run = fetch_url(&url, &[]);
    run.assert_one_line_error(1, &format!("error: could not connect for {url}: "));
    assert!(run.stderr.contains("Connection refused"), "{run}");
}

/// A host that does not resolve. (`--offline`: a real DNS query would leave this
/// machine, which tests never do; the offline resolver fails the same way.)
#[test]
fn url_option_reports_a_host_that_does_not_resolve() {
    fetch_url("http://no-such-host.invalid/", &["--offline"]).assert_one_line_error(
        1,
        "error: could not resolve host \"no-such-host.invalid\": --offline resolves only localhost",
    );
}

/// https goes through rustls (with the ring provider installed): against a server that
/// speaks plain HTTP, the TLS handshake fails with a one-line error, not a panic.
#[test]
fn url_option_speaks_tls_for_https() {
    let server = server();
    let url = server.url("/").replace("http://", "https://");
    let run = fetch_url(&url, &[]);
    run.assert_one_line_error(1, &format!("error: could not connect for {url}: "));
    assert!(run.stderr.contains("corrupt message"), "{run}");
}

/// Too slow, an error status, a body over the limit, a body that is not UTF-8.
#[test]
fn url_option_reports_timeouts_statuses_sizes_and_bad_text() {
    let server = server();
    let slow = server.url("/delay/3000");
    fetch_url(&slow, &["--timeout-ms", "300"])
        .assert_one_line_error(1, &format!("error: timed out after 300 ms fetching {slow}"));
    for (code, reason) in [(404, "404 Not Found"), (500, "500 Internal Server Error")] {
        let url = server.url(&format!("/status/{code}"));
        fetch_url(&url, &[]).assert_one_line_error(1, &format!("error: HTTP {reason} from {url}"));
    }
    let big = server.url("/bytes/5000");
    fetch_url(&big, &["--max-bytes", "1000"]).assert_one_line_error(
        1,
        &format!("error: the body of {big} is larger than the 1000-byte limit"),
    );
    // A body without a Content-Length (chunked) is counted while it is read.
    let chunked = server.url("/slow/1");
    fetch_url(&chunked, &["--max-bytes", "20"]).assert_one_line_error(
        1,
        &format!("error: the body of {chunked} is larger than the 20-byte limit"),
    );
    let garbled = server.url("/not-utf8");
    fetch_url(&garbled, &[]).assert_one_line_error(
        1,
        &format!("error: the body of {garbled} is not valid UTF-8 (bad byte at offset 2)"),
    );
}

/// Bad option values are one line too.
#[test]
fn bad_option_values_are_one_line_errors() {
    fetch_url("http://127.0.0.1/", &["--timeout-ms", "soon"]).assert_one_line_error(
        2,
        "error: --timeout-ms wants a whole number from 1 to 3,600,000, got \"soon\"",
    );
    fetch_url(
        "http://127.0.0.1/",
        &["--timeout-ms", "99999999999999999999"],
    )
    .assert_one_line_error(
        2,
        "error: --timeout-ms wants a whole number from 1 to 3,600,000",
    );
    fetch_url("http://127.0.0.1/", &["--max-bytes", "0"])
        .assert_one_line_error(2, "error: --max-bytes wants a whole number from 1 to");
    run_lesson(PACKAGE, &["--url"]).assert_one_line_error(2, "error: --url needs a value (URL)");
}

/// An option that only works with `--url` is refused without it, not ignored.
#[test]
fn url_options_without_url_are_refused() {
    for option in [
        &["--timeout-ms", "abc"][..],
        &["--max-bytes", "5"],
        &["--offline"],
    ] {
        let name = option[0];
        run_lesson(PACKAGE, option)
            .assert_one_line_error(2, &format!("error: {name} only works together with --url"));
    }
}
