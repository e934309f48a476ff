//! # Lesson 6, the body: fetching URLs
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/06-fetch.md` (`just book`).

pub mod fetch;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use course_kit::clock::{self, seconds};
use course_kit::heartbeat::with_heartbeat;
use course_kit::http_server::{BackgroundServer, PAGE};
use course_kit::{Timeline, Transcript, panic_report};
use futures::StreamExt;
use futures::future::join_all;
use reqwest::Client;
use tokio::time::Instant;

/// How many requests Part 3 makes.
pub const REQUESTS: usize = 10;

/// How long each of Part 3's requests takes the server to answer.
pub const REQUEST_DELAY_MS: u64 = 500;

/// Part 3's limit on requests in flight at once.
pub const LIMIT: usize = 3;

/// The Python tutorial's `fetch(url)`: GET the URL, return the body as text.
///
/// `client` is aiohttp's `ClientSession`: make one and pass it around (lesson 7 shows
/// why). `?` hands any error to the caller, where Python would raise it.
pub async fn fetch(client: &Client, url: &str) -> Result<String, reqwest::Error> {
    // `.send()` builds the request and returns a future; `.await` runs it: connect (or
    // reuse a pooled connection), write the request, wait for the status and headers.
    let response = client.get(url).send().await?;
    // The body is still on the way; `.text().await` waits for all of it and decodes it.
    response.text().await
}

/// Part 1: fetch the course page; count its characters as Python does, and its bytes.
pub async fn fetch_the_page(out: &Transcript, client: &Client, server: &BackgroundServer) {
    out.heading("Part 1: fetch a page (aiohttp session.get ↔ reqwest client.get)");
    let url = server.url("/");
    match fetch(client, &url).await {
        Ok(html) => {
            // Python's `len(html)` counts characters. Rust's `String::len()` counts the
            // bytes of its UTF-8 encoding; `chars().count()` counts characters.
            out.say(format!("Fetched {} characters", html.chars().count()));
            out.say(format!(
                "html.len() = {} bytes: ü, ß, 東, 京 and 🦀 take 2 to 4 bytes each",
                html.len()
            ));
            let same = if html == PAGE { "yes" } else { "NO" };
            out.say(format!("identical to the page the server sent: {same}"));
        }
        Err(error) => out.say(format!("fetch failed: {}", fetch::root_cause(&error))),
    }
}

/// The simplest possible blocking HTTP GET: a plain `std::net::TcpStream`, the way a
/// synchronous library such as Python's `requests` works underneath. Every call blocks
/// the calling thread until the answer is in. Returns the size of the response.
pub fn blocking_get(addr: SocketAddr, path: &str) -> std::io::Result<usize> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(response.len())
}

/// Part 2: why a blocking client does not belong in async code (Python: `requests`).
/// Returns, row by row, whether the heartbeat stalled.
pub async fn blocking_clients(out: &Transcript, server: &BackgroundServer) -> Vec<bool> {
    out.heading("Part 2: a blocking client inside async code");
    let mut stalled = Vec::new();
    let slow = "/delay/1000";

    // A hand-made blocking GET on a `std::net::TcpStream`, called straight from async
    // code: the runtime's only thread waits in `read` for a second, and no other task
    // (here, the heartbeat) can run.
    let (_, pulse) = with_heartbeat(async { blocking_get(server.addr(), slow) }).await;
    out.note(format!(
        "{:<44} {pulse}",
        "hand-made blocking GET (std TcpStream)"
    ));
    stalled.push(pulse.stalled());

    // reqwest's own blocking client, inside the runtime. What happens depends on the
    // build. Before each blocking wait (building its client, `send`, reading the body)
    // reqwest runs a check *only in debug builds* (`src/blocking/wait.rs`, under
    // `#[cfg(debug_assertions)]`): it builds a throwaway tokio runtime and drops it at
    // once, and dropping a runtime inside async code panics. `reqwest::blocking::get`
    // hits it while building its client, before any request is sent. A release build
    // has no such check: the call parks this thread until the answer is in, the stall
    // `requests.get` causes in a coroutine. The panic is caught here, so the lesson goes on.
    let url = server.url(slow);
    let (caught, pulse) = with_heartbeat(async {
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            reqwest::blocking::get(&url).map(|response| response.status())
        }))
    })
    .await;
    match caught {
        Err(payload) => {
            let message = panic_report::message(&*payload);
            let first_line = message.lines().next().unwrap_or_default();
            out.note(format!(
                "{:<44} panicked (debug build): {first_line}",
                "reqwest::blocking::get"
            ));
            out.paragraph(
                "Expected: this panic is reqwest's guard, which only debug builds have. It \
                 fires before any request is sent. In a --release build there is no guard \
                 and no panic: the call silently blocks the runtime's thread for the whole \
                 second, just like requests.get in a coroutine. See it with: cargo run \
                 --release -p lesson-06-fetch",
            );
        }
        Ok(result) => {
            out.note(format!(
                "{:<44} {pulse}",
                "reqwest::blocking::get (release build)"
            ));
            out.paragraph(format!(
                "It returned {result:?}, and meanwhile the heartbeat stalled: a release build \
                 has no guard, so the blocking client parked the runtime's only thread, just \
                 like requests.get in a coroutine. (A debug build panics here instead.)"
            ));
            stalled.push(pulse.stalled());
        }
    }

    // The fix when a blocking API is unavoidable: run it on tokio's blocking thread pool
    // and await the handle. Awaiting is waiting, so the heartbeat keeps its beat.
    let url = server.url(slow);
    let (_, pulse) = with_heartbeat(tokio::task::spawn_blocking(move || {
        reqwest::blocking::get(url).map(|response| response.status())
    }))
    .await;
    out.note(format!(
        "{:<44} {pulse}",
        "spawn_blocking(reqwest::blocking::get)"
    ));
    stalled.push(pulse.stalled());
    stalled
}

/// One GET, its body read to the end (so the request is really over); returns the status.
async fn get_and_read(client: &Client, url: &str) -> Option<u16> {
    let response = client.get(url).send().await.ok()?;
    let status = response.status().as_u16();
    // Read the body to the end, so the request is really finished.
    let _ = response.bytes().await;
    Some(status)
}

/// What Part 3 measured.
#[derive(Debug)]
pub struct ManyRequests {
    /// Ten requests, one after another.
    pub sequential: Duration,
    /// Ten requests, all at once.
    pub concurrent: Duration,
    /// Ten requests, at most [`LIMIT`] at a time.
    pub bounded: Duration,
    /// The most requests in flight at once in the bounded run.
    pub bounded_peak: usize,
    /// Request numbers in the order `buffered` gave their results.
    pub buffered_order: Vec<usize>,
    /// Request numbers in the order `buffer_unordered` gave their results.
    pub unordered_order: Vec<usize>,
}

/// The waits (ms) of Part 3's order demonstration: the first request is the slowest.
pub const ORDER_DELAYS_MS: [u64; 3] = [600, 200, 400];

/// Part 3: ten slow requests one by one, all at once, and a few at a time; then which
/// order the results come back in.
pub async fn many_requests(
    out: &Transcript,
    client: &Client,
    server: &BackgroundServer,
) -> ManyRequests {
    out.heading(format!(
        "Part 3: {REQUESTS} requests to /delay/{REQUEST_DELAY_MS}"
    ));
    let url = server.url(&format!("/delay/{REQUEST_DELAY_MS}"));

    let start = Instant::now();
    for _ in 0..REQUESTS {
        // Each `.await` finishes one whole request before the loop makes the next.
        get_and_read(client, &url).await;
    }
    let sequential = start.elapsed();
    out.say(format!(
        "one after another (await in a loop):         {}",
        clock::total_time(sequential)
    ));

    let start = Instant::now();
    // Ten futures, all polled by one `join_all`: ten requests in flight together, on ten
    // connections from the client's pool, all on this one task.
    join_all((0..REQUESTS).map(|_| get_and_read(client, &url))).await;
    let concurrent = start.elapsed();
    out.say(format!(
        "all at once (join_all, as asyncio.gather):   {}",
        clock::total_time(concurrent)
    ));

    let (bounded, bounded_peak) = a_few_at_a_time(out, client, &url).await;

    // The order of results. `buffered(K)` gives them in the order given, like gather,
    // but it is not Python's usual limit (a Semaphore inside each coroutine, one
    // gather): it counts a result that is in but waits behind a slower one as one of
    // its K, so no new request starts in its place (lesson 9, Part 2, times the
    // difference). `buffer_unordered(K)` gives each result as soon as it is in (like
    // `asyncio.as_completed`) and refills every place at once. The Semaphore's exact
    // match is a `tokio::sync::Semaphore` and one `join_all` (exercise 06a).
    let delayed = |i: usize| {
        let url = server.url(&format!("/delay/{}", ORDER_DELAYS_MS[i - 1]));
        async move {
            get_and_read(client, &url).await;
            i
        }
    };
    let buffered_order: Vec<usize> = futures::stream::iter((1..=3).map(delayed))
        .buffered(LIMIT)
        .collect()
        .await;
    let unordered_order: Vec<usize> = futures::stream::iter((1..=3).map(delayed))
        .buffer_unordered(LIMIT)
        .collect()
        .await;
    out.note(format!(
        "Requests 1, 2, 3 wait {} ms, {} ms and {} ms; the order their results arrive in:",
        ORDER_DELAYS_MS[0], ORDER_DELAYS_MS[1], ORDER_DELAYS_MS[2]
    ));
    out.note(format!(
        "  buffered({LIMIT}):         {buffered_order:?}   (in the order given, like gather)"
    ));
    out.note(format!(
        "  buffer_unordered({LIMIT}): {unordered_order:?}   (as they finish, like as_completed)"
    ));
    ManyRequests {
        sequential,
        concurrent,
        bounded,
        bounded_peak,
        buffered_order,
        unordered_order,
    }
}

/// Part 3's third run: [`REQUESTS`] requests to `url`, at most [`LIMIT`] at a time, with
/// their timeline; returns how long they took and the most that were in flight at once.
pub async fn a_few_at_a_time(out: &Transcript, client: &Client, url: &str) -> (Duration, usize) {
    let timeline = Timeline::new();
    let start = Instant::now();
    // `buffer_unordered(LIMIT)` keeps at most LIMIT of the stream's futures running and
    // starts the next as soon as one finishes. (A `tokio::sync::Semaphore` with LIMIT
    // permits does the same for tasks that are spawned.)
    let labels: Vec<String> = (1..=REQUESTS).map(|i| format!("request {i}")).collect();
    let mut finished = 0;
    let mut results = futures::stream::iter(
        labels
            .iter()
            .map(|label| timeline.record(label.as_str(), get_and_read(client, url))),
    )
    .buffer_unordered(LIMIT);
    while results.next().await.is_some() {
        finished += 1;
        out.progress(progress_bar(finished, REQUESTS));
    }
    out.progress_done();
    let bounded = start.elapsed();
    out.say(format!(
        "at most {LIMIT} at a time (buffer_unordered({LIMIT})):  {}",
        clock::total_time(bounded)
    ));
    timeline.print(out);
    let bounded_peak = most_at_once(&timeline);
    out.paragraph(format!(
        "The chart: never more than {bounded_peak} requests in flight, and a new one starts \
         the moment one ends. {REQUESTS} requests of {}s, {LIMIT} at a time: 4 rounds.",
        seconds(Duration::from_millis(REQUEST_DELAY_MS))
    ));
    (bounded, bounded_peak)
}

/// `[#####.....]  5/10`
fn progress_bar(done: usize, total: usize) -> String {
    let width = 20;
    let filled = done * width / total.max(1);
    format!(
        "[{}{}] {done:>2}/{total}",
        "#".repeat(filled),
        ".".repeat(width - filled)
    )
}

/// The largest number of recorded spans that overlap at any moment.
fn most_at_once(timeline: &Timeline) -> usize {
    let spans = timeline.spans();
    spans
        .iter()
        .map(|span| {
            spans
                .iter()
                .filter(|other| {
                    other.start <= span.start && other.end.is_none_or(|end| end > span.start)
                })
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// What Part 4 saw.
#[derive(Debug, PartialEq, Eq)]
pub struct TimeoutAndStatus {
    /// Whether the slow request ended in a timeout error.
    pub timed_out: bool,
    /// The status `/status/404` answered with, if the request got an answer.
    pub status: Option<u16>,
    /// Whether `error_for_status` turned that answer into a status error.
    pub is_status_error: bool,
}

/// Part 4: timeouts (aiohttp's `ClientTimeout`) and `error_for_status` (its
/// `raise_for_status`).
pub async fn timeouts_and_status(
    out: &Transcript,
    server: &BackgroundServer,
) -> Result<TimeoutAndStatus, reqwest::Error> {
    out.heading("Part 4: timeouts and error statuses");
    // A client whose requests give up after 200 ms, whatever they are waiting for.
    let impatient = Client::builder()
        .timeout(Duration::from_millis(200))
        .build()?;
    let result = impatient.get(server.url("/delay/1000")).send().await;
    let timed_out = matches!(&result, Err(error) if error.is_timeout());
    out.note(format!(
        "GET /delay/1000 with a 200 ms timeout: error, is_timeout() = {timed_out}"
    ));

    // A 404 is not an error to HTTP: the request worked, the answer is "not found".
    let response = impatient.get(server.url("/status/404")).send().await;
    let status = response.as_ref().ok().map(|r| r.status().as_u16());
    out.note(format!(
        "GET /status/404: Ok(response), status {}",
        status.unwrap_or_default()
    ));
    // `error_for_status` turns 4xx and 5xx answers into errors, like raise_for_status().
    let checked = response.and_then(reqwest::Response::error_for_status);
    let is_status_error = matches!(&checked, Err(error) if error.is_status());
    out.note(format!(
        "the same with .error_for_status(): error, is_status() = {is_status_error}"
    ));
    Ok(TimeoutAndStatus {
        timed_out,
        status,
        is_status_error,
    })
}

/// The whole lesson, against the course server. Fails only if Part 4 cannot build its
/// client.
pub async fn run(out: &Transcript, server: &BackgroundServer) -> Result<(), reqwest::Error> {
    out.note("Lesson 6: fetching URLs with reqwest");
    out.note("(Start with the plain version, just plain-6; this is the same idea, measured.)");
    out.note(format!(
        "(the course's HTTP server is at {})",
        server.url("/")
    ));
    // One client for the whole lesson, as one ClientSession would be.
    let client = Client::new();
    fetch_the_page(out, &client, server).await;
    blocking_clients(out, server).await;
    many_requests(out, &client, server).await;
    timeouts_and_status(out, server).await?;
    Ok(())
}
