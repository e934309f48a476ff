//! Lesson 9: bounded concurrency, streams and partial failure. Exact on a paused clock
//! against the simulated server; the real binary tells the same story over HTTP.

use std::time::Duration;

use course_kit::Transcript;
use lesson_09_bounded_concurrency::{self as lesson, Backend};

use crate::support::expect::{assert_lines, assert_ratio_at_least};
use crate::support::finished::Finished;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-09-bounded-concurrency";

const EXPECTED: &[&str] = &[
    "Lesson 9: Bounded concurrency, streams and partial failure",
    "(Start with the plain version, just plain-9; this is the same idea, measured.)",
    "The stamp [ 1.00s] counts from the start of the lesson; times inside a line",
    "count from the start of that step.",
    "",
    "== Part 1: a limit on requests at once (asyncio.Semaphore ↔ Semaphore) ==",
    "Six tasks, each a request of 0.3 s; each first takes a permit of Semaphore::new(2).",
    "Kept in a variable, `let _permit = sem.acquire_owned().await`:",
    "[ 0.90s] permits taken at 0.00 0.00 0.30 0.30 0.60 0.60; all done in 0.90 s; the server saw at most 2 at once",
    "Not kept, `let _ = sem.acquire_owned().await`:",
    "[ 1.20s] permits taken at 0.00 0.00 0.00 0.00 0.00 0.00; all done in 0.30 s; the server saw at most 6 at once",
    "`_permit` is a variable: the permit lives to the end of the task. `_` binds",
    "nothing: the permit is dropped at the end of the statement, and the limit",
    "does nothing. (A permit taken in the loop, before the spawn, works too.)",
    "",
    "== Part 2: buffered (order kept) vs buffer_unordered (as they finish) ==",
    "Jobs a 0.5 s, b 0.1 s, c 0.3 s, d 0.2 s, at most 2 at once (times are arrivals):",
    "[ 2.00s] buffered(2)        : a 0.50, b 0.50, c 0.80, d 0.80; done in 0.80 s, at most 2 at once",
    "[ 2.60s] buffer_unordered(2): b 0.10, c 0.40, a 0.50, d 0.60; done in 0.60 s, at most 2 at once",
    "buffered gave b only after a, and took longer: a finished result that waits",
    "for its turn still holds one of the 2 places (futures-util's FuturesOrdered",
    "counts it), so from 0.1 s to 0.5 s only a was running, and c and d waited.",
    "",
    "== Part 3: results as they finish (asyncio.as_completed) ==",
    "Jobs c 0.3 s, b 0.1 s, d 0.2 s, all at once, in a FuturesUnordered (one",
    "collection of futures, all polled by this task; no spawn):",
    "[ 2.70s] b done after 0.10 s",
    "[ 2.80s] d done after 0.20 s",
    "[ 2.90s] c done after 0.30 s",
    "The same with spawned tasks, JoinSet::join_next():",
    "[ 3.00s] b done after 0.10 s",
    "[ 3.10s] d done after 0.20 s",
    "[ 3.20s] c done after 0.30 s",
    "",
    "== Part 4: some requests fail (gather, return_exceptions, try_join_all) ==",
    "Jobs a 0.3 s, b fails with HTTP 500 after 0.1 s, c 0.2 s, d 0.4 s.",
    "join_all over Results (gather(..., return_exceptions=True)):",
    "[ 3.30s]   b finished after 0.10 s: HTTP 500",
    "[ 3.40s]   c finished after 0.20 s: ok",
    "[ 3.50s]   a finished after 0.30 s: ok",
    "[ 3.60s]   d finished after 0.40 s: ok",
    "[ 3.60s] join_all returned [Ok(\"a\"), Err(Status(500)), Ok(\"c\"), Ok(\"d\")]",
    "try_join_all over the futures (the first Err drops the rest):",
    "[ 3.70s]   b finished after 0.10 s: HTTP 500",
    "[ 3.70s] try_join_all returned Err(Status(500))",
    "[ 4.20s] 0.5 s later: no other job finished; they were dropped",
    "Spawned tasks, then try_join_all over their handles (like gather without",
    "return_exceptions: the first error comes back, the other tasks run on):",
    "[ 4.30s]   b finished after 0.10 s: HTTP 500",
    "[ 4.30s] try_join_all returned Err(Status(500))",
    "[ 4.40s]   c finished after 0.20 s: ok",
    "[ 4.50s]   a finished after 0.30 s: ok",
    "[ 4.60s]   d finished after 0.40 s: ok",
    "The others ran on and finished, as they would after gather's exception.",
    "",
    "== Part 5: async for ↔ Stream: pages, then a body chunk by chunk ==",
    "Three pages of 0.2 s each, from stream::unfold; the loop works 0.3 s on each:",
    "[ 5.00s] page 1 arrived after 0.20 s (ok)",
    "[ 5.50s] page 2 arrived after 0.70 s (ok)",
    "[ 6.00s] page 3 arrived after 1.20 s (ok)",
    "Each page was asked for only when the loop came back for it: 0.5 s apart.",
    "A body sent in ten chunks 0.05 s apart, read as it arrives:",
    "[ 6.55s] running total after each chunk: 8 16 24 32 40 bytes",
    "[ 6.80s] running total after each chunk: 48 56 64 72 80 bytes",
    "[ 6.80s] 10 chunks, 80 bytes",
    "",
    "== Part 6: retries with backoff and jitter, within a deadline ==",
    "Waits start at 0.1 s and double; each is picked at random between half of it",
    "and all of it (jitter), so clients that failed together do not retry together.",
    "A server that fails 3 times (HTTP 503), a deadline of 2 s:",
    "[ 6.80s]   attempt 1 at 0.00 s: HTTP 503; next in 0.05 s",
    "[ 6.85s]   attempt 2 at 0.05 s: HTTP 503; next in 0.16 s",
    "[ 7.01s]   attempt 3 at 0.21 s: HTTP 503; next in 0.36 s",
    "[ 7.37s]   attempt 4 at 0.57 s: ok",
    "[ 7.37s] got it, within the deadline",
    "A server that fails 20 times, the same backoff, a deadline of 1 s:",
    "[ 7.37s]   attempt 1 at 0.00 s: HTTP 503; next in 0.09 s",
    "[ 7.46s]   attempt 2 at 0.09 s: HTTP 503; next in 0.12 s",
    "[ 7.58s]   attempt 3 at 0.21 s: HTTP 503; next in 0.26 s",
    "[ 7.84s]   attempt 4 at 0.47 s: HTTP 503; next in 0.64 s",
    "[ 8.37s] the deadline passed: the retry loop was dropped where it waited",
];

/// On a paused clock, against the simulated server, the whole transcript is exact: the
/// permits come two at a time, buffered holds a finished result's place, results come
/// in finish order, a dropped future never finishes, and the retries wait as the
/// seeded jitter says.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run_on(&out, &Backend::simulated()).await;
    assert_lines(&out.lines(), EXPECTED);
}

/// What each part returns agrees with what it printed.
#[tokio::test(start_paused = true)]
async fn the_parts_measure_what_they_claim() {
    let (out, backend) = (Transcript::captured(), Backend::simulated());
    let [kept, dropped] = lesson::semaphore(&out, &backend).await;
    assert_eq!(
        (kept.most_in_flight, kept.took),
        (2, Duration::from_millis(900))
    );
    assert_eq!(
        (dropped.most_in_flight, dropped.took),
        (6, Duration::from_millis(300))
    );
    let [in_order, as_done] = lesson::buffered_and_unordered(&out, &backend).await;
    assert_eq!(in_order.order, ["a", "b", "c", "d"]);
    assert_eq!(as_done.order, ["b", "c", "a", "d"]);
    assert!(
        in_order.took > as_done.took,
        "buffered holds a finished result's place"
    );
    assert_eq!(lesson::as_completed(&out, &backend).await, ["b", "d", "c"]);
    assert_eq!(lesson::streams(&out, &backend).await, 80);
    assert_eq!(lesson::retries(&out, &backend).await, [true, false]);
}

/// The seeded jitter stays between half the wait and all of it.
#[test]
fn jitter_stays_within_half_and_all_of_the_wait() {
    let mut jitter = lesson::Jitter::seeded(7);
    for _ in 0..1000 {
        let picked = jitter.pick(Duration::from_millis(400));
        assert!(picked >= Duration::from_millis(200) && picked <= Duration::from_millis(400));
    }
}

/// The number after `after` on the `nth` (from 0) line that contains `marker`.
#[track_caller]
fn seconds_on(run: &Finished, marker: &str, nth: usize, after: &str) -> Duration {
    run.lines()
        .into_iter()
        .filter(|line| line.contains(marker))
        .nth(nth)
        .and_then(|line| line.split_once(after))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|number| number.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .unwrap_or_else(|| panic!("no {marker:?} line with {after:?} and seconds\n\n{run}"))
}

/// The real binary, over real HTTP to the course server, prints the same lines (times
/// masked): the server really saw at most 2 requests with the permit kept and 6
/// without, and the limit really made the six requests take about three times longer.
#[test]
fn real_binary_tells_the_same_story_over_http() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    // Stamps off and times masked, on both sides.
    run.assert_lines_without_times(EXPECTED);
    assert_ratio_at_least(
        "six 0.3 s requests, 2 at a time vs all at once",
        seconds_on(&run, "permits taken at", 0, "all done in "),
        seconds_on(&run, "permits taken at", 1, "all done in "),
        2.5,
        &run.to_string(),
    );
    assert_ratio_at_least(
        "buffered vs buffer_unordered",
        seconds_on(&run, "buffered(2)  ", 0, "done in "),
        seconds_on(&run, "buffer_unordered(2)", 0, "done in "),
        1.15,
        &run.to_string(),
    );
}
