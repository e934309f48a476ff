//! Lesson 8: timeouts, select! and cancellation, each shown by time stamps.

use std::time::Duration;

use course_kit::Transcript;
use lesson_08_timeouts_and_cancellation as lesson;

use crate::support::expect::{assert_lines, assert_took_about};
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-08-timeouts-and-cancellation";

const EXPECTED: &[&str] = &[
    "Lesson 8: Timeouts, select! and cancellation",
    "(Start with the plain version, just plain-8; this is the same idea, measured.)",
    "",
    "== Part 1: timeout (asyncio.wait_for / asyncio.timeout) ==",
    "[ 1.00s] timeout(1 s, a 3 s job) = Err(Elapsed(()))",
    "[ 1.50s] timeout(1 s, a 0.5 s job) = Ok(\"done\")",
    "Three steps of 0.4 s each, all within one deadline 1 s away (timeout_at):",
    "[ 1.90s] step 1: done",
    "[ 2.30s] step 2: done",
    "[ 2.50s] step 3: the deadline passed; the step was dropped",
    "",
    "== Part 2: select! (asyncio.wait FIRST_COMPLETED); the loser is dropped ==",
    "[ 2.80s] select! returned \"mirror A\"",
    "[ 3.80s] a second later, mirror B is still at 240 ms of its 600: its future was dropped",
    "[ 3.80s] two ready branches, 1000 races: with biased; the first won 1000",
    "[ 3.80s] without biased; each branch won some races: yes (the order is random)",
    "",
    "== Part 3: cancelling is dropping (task.cancel, CancelledError) ==",
    "[ 3.80s] upload 1: started",
    "[ 4.80s] Drop of upload 1: runs",
    "[ 4.80s] timeout(...) = Err(Elapsed(())); \"upload 1: finished\" never comes",
    "[ 4.80s] upload 2: started",
    "[ 5.80s] Drop of upload 2: runs",
    "[ 5.80s] handle.abort(); handle.await = Err(cancelled: true)",
    "Python raises CancelledError inside the coroutine, which may catch it and go on;",
    "a dropped Rust future has no say: its code stops where it waited, and only Drop",
    "runs (lesson 7 shows what Drop can and cannot do).",
    "",
    "== Part 4: shield the work you must not lose (asyncio.shield ↔ spawn) ==",
    "[ 6.80s] timeout(1 s, &mut handle) = Err(Elapsed): the caller stops waiting",
    "[ 7.80s] handle.await = Ok(\"saved\"): the task was never cancelled",
    "",
    "== Part 5: cancel safety: what select! in a loop can lose ==",
    "Lines arrive in chunks 150 ms apart; a 100 ms tick races each read:",
    "[ 8.40s] read_line in the loop read:  [\"lo\\n\", \"ld\\n\"]  (\"hel\" and \"wor\" were lost)",
    "[ 9.00s] LineReader::next_line read: [\"hello\\n\", \"world\\n\"]",
    "",
    "== Part 6: a periodic tick: sleep loop vs interval ==",
    "[ 9.52s] sleep(100 ms) after 30 ms of work, work done at: 0.03 0.16 0.29 0.42",
    "[ 9.85s] interval(100 ms), work done at:                0.03 0.13 0.23 0.33",
    "After a 350 ms stall, the missed ticks (ticks at, in seconds):",
    "[10.25s] Burst (the default): catch up at once 0.00 0.35 0.35 0.35 0.40",
    "[10.90s] Delay: start the beat again from now   0.00 0.35 0.45 0.55 0.65",
    "[11.50s] Skip: wait for the next on the beat    0.00 0.35 0.40 0.50 0.60",
];

/// On a paused clock the whole transcript is exact: the timeout fires at 1.00 s, the
/// shared deadline cuts the third step at 1.00 s, the loser stops at 300 ms, Drop runs
/// at the cancellation, the shielded save finishes at 2.00 s, and the missed ticks
/// come exactly where each MissedTickBehavior puts them.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    assert_lines(&out.lines(), EXPECTED);
}

/// The race and the cancel-safety part return what they measured.
#[tokio::test(start_paused = true)]
async fn the_loser_stops_and_a_safe_reader_loses_nothing() {
    let out = Transcript::captured();
    let race = lesson::racing(&out).await;
    assert_eq!(race.winner, "mirror A");
    assert_eq!(
        race.loser_progress_ms, 240,
        "B stopped where it was dropped"
    );
    assert_eq!(race.first_wins_biased, 1000);
    assert!(race.first_wins_random > 0 && race.first_wins_random < 1000);
    let lines = lesson::cancel_safety(&out).await;
    assert_eq!(lines.with_read_line, ["lo\n", "ld\n"]);
    assert_eq!(lines.with_line_reader, ["hello\n", "world\n"]);
}

/// The real binary prints the same lines (times masked), exits 0, and its timeout
/// really fires after a second.
#[test]
fn real_binary_prints_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    // Stamps off and times masked, on both sides.
    run.assert_lines_without_times(EXPECTED);
    assert_took_about(
        "the timeout of a 3 s job",
        run.stamp_of("timeout(1 s, a 3 s job) = Err(Elapsed(()))"),
        Duration::from_secs(1),
        &run.to_string(),
    );
}
