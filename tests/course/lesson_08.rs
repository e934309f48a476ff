//! Lesson 8: timeouts, select! and cancellation, each shown by time stamps.

use std::time::Duration;

use course_kit::Transcript;
use lesson_08_timeouts_and_cancellation as lesson;

use crate::support::expect::assert_took_about;
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-08-timeouts-and-cancellation";

/// On a paused clock the whole transcript is exact: the timeout fires at 1.00 s, the
/// shared deadline cuts the third step at 1.00 s, the loser stops at 300 ms, Drop runs
/// at the cancellation, the shielded save finishes at 2.00 s, and the missed ticks
/// come exactly where each MissedTickBehavior puts them.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
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
    assert_eq!(lines.with_one_future_per_line, ["hello\n", "world\n"]);
}

/// Part 7: `, if` stops the prices after two, a closed queue's `None` switches its
/// branch off, `else` ends the loop when the news is done; without `else`, a panic.
#[tokio::test(start_paused = true)]
async fn select_switches_branches_off_and_else_ends_the_loop() {
    let out = Transcript::captured();
    let branches = lesson::select_branches(&out).await;
    assert_eq!(branches.taken, ["price 1", "news a", "price 2", "news b"]);
    assert_eq!(branches.ended_at, Duration::from_millis(300));
    assert_eq!(
        branches.without_else,
        "all branches are disabled and there is no else branch"
    );
}

/// The real binary prints the same lines (times masked), exits 0, and its timeout
/// really fires after a second.
#[test]
fn real_binary_prints_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    // Part 7's deliberate panic, in one line.
    run.assert_success_with_stderr(&[
        "(panic report) all branches are disabled and there is no else branch (on purpose",
    ]);
    // Stamps off and times masked, on both sides.
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
    assert_took_about(
        "the timeout of a 3 s job",
        run.stamp_of("timeout(1 s, a 3 s job) = Err(Elapsed(()))"),
        Duration::from_secs(1),
        &run.to_string(),
    );
}
