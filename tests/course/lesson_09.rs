//! Lesson 9: bounded concurrency, streams and partial failure. Exact on a paused clock
//! against the simulated server; the real binary tells the same story over HTTP.

use std::time::Duration;

use course_kit::Transcript;
use lesson_09_bounded_concurrency::{self as lesson, Backend};

use crate::support::expect::assert_ratio_at_least;
use crate::support::finished::Finished;
use crate::support::golden::{assert_timelines, golden};
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-09-bounded-concurrency";

/// On a paused clock, against the simulated server, the whole transcript is exact (its
/// golden file): the permits come two at a time, buffered holds a finished result's
/// place, results come in finish order, a dropped future never finishes, the retries
/// wait as the seeded jitter says, and the batch keeps what finished by its deadline.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run_on(&out, &Backend::simulated()).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
    // Part 2's two timelines (buffered, then buffer_unordered), as pictures for the book.
    assert_timelines(PACKAGE, &out.figures(), 2);
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

/// Part 7: a timeout around the whole join_all keeps nothing; the deadline on each
/// `next()` keeps the three that finished, and says which two did not, at 1 s exactly.
#[tokio::test(start_paused = true)]
async fn a_batch_deadline_keeps_what_finished() {
    use lesson::BatchOutcome::{Done, Failed, Unfinished};
    let (out, backend) = (Transcript::captured(), Backend::simulated());
    let batch = lesson::batch_with_deadline(&out, &backend).await;
    assert_eq!(batch.kept_by_timeout_around_all, 0);
    assert_eq!(batch.took, lesson::BATCH_DEADLINE);
    let done = |ms: u64| Done(format!("waited {ms} ms\n"));
    assert_eq!(
        batch.outcomes,
        [
            ("a", done(300)),
            ("b", Failed("HTTP 500".to_owned())),
            ("c", done(200)),
            ("d", Unfinished),
            ("e", Unfinished),
        ]
    );
    assert_eq!(backend.most_in_flight(), 5, "all five were asked at once");
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
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
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
