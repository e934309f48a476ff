//! Lesson 2: the event loop's own trace of its nine steps.

use std::time::Duration;

use course_kit::Transcript;
use lesson_02_event_loop as lesson;
use lesson_02_event_loop::mini_loop::LoopTime;

use course_kit::transcript::{parse_stamp, without_stamp};

use crate::support::expect::mask_times;
use crate::support::expect::{assert_concurrent, assert_lines, assert_took_about};
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-02-event-loop";

/// The line under the title that points to the plain version first.
const PLAIN_FIRST: &str =
    "(Start with the plain version, just plain-2; this is the same idea, measured.)";

fn paused_tokio() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.start_paused(true);
    builder
}

fn capture(part: impl FnOnce(&Transcript)) -> Vec<String> {
    let out = Transcript::captured();
    part(&out);
    out.lines()
}

/// The golden file of the whole lesson on a paused clock.
fn golden_lines() -> Vec<String> {
    golden(PACKAGE, "lesson").lines()
}

/// Asserts `part` (one part's lines) appears, whole and in one piece, in the lesson's
/// golden file: each part's own test and the whole run agree line for line.
#[track_caller]
fn assert_part_of_the_lesson(part: &[String]) {
    let whole = golden_lines();
    let found = whole.windows(part.len()).any(|window| window == part);
    assert!(
        found,
        "this part's lines are not in {} as they are:\n{}",
        "the lesson's golden file",
        crate::support::expect::side_by_side(
            &part.iter().map(String::as_str).collect::<Vec<_>>(),
            &whole.iter().map(String::as_str).collect::<Vec<_>>()
        )
    );
}

/// Part 2: the hand-made loop writes the nine steps, in order, with exact times.
#[test]
fn hand_made_loop_traces_the_nine_steps() {
    let lines = capture(|out| {
        let total = lesson::one_coroutine_on_the_hand_made_loop(out, LoopTime::Virtual);
        assert_eq!(total, Duration::from_secs(2));
    });
    assert_part_of_the_lesson(&lines);
}

/// Part 3: the loop polls the other coroutines while one waits; 3 s in all, not 6 s.
#[test]
fn hand_made_loop_switches_while_one_waits() {
    let lines = capture(|out| {
        let total = lesson::three_coroutines_on_the_hand_made_loop(out, LoopTime::Virtual);
        assert_eq!(total, Duration::from_secs(3));
    });
    assert_part_of_the_lesson(&lines);
}

/// Part 1: tokio polls the future twice and parks its thread while the timer runs; the
/// nine steps are listed and numbered in the trace.
#[test]
fn tokio_trace_shows_polls_and_parking() {
    let lines = capture(|out| {
        lesson::one_coroutine_on_tokio(out, paused_tokio()).expect("the runtime starts");
    });
    assert_part_of_the_lesson(&lines);
}

/// The whole lesson, on a paused clock, is its golden file: the title, the plain
/// version first, then the three parts.
#[test]
fn whole_lesson_is_the_three_parts() {
    let lines = capture(|out| {
        lesson::run(out, LoopTime::Virtual, paused_tokio()).expect("the runtime starts");
    });
    assert_eq!(
        lines[0],
        "Lesson 2: how the event loop works, traced as it happens"
    );
    assert_eq!(lines[1], PLAIN_FIRST);
    golden(PACKAGE, "lesson").assert_exact(&lines);
}

/// The real binary, on a real clock, writes the same trace. Where tokio parks can vary
/// (the lesson explains why: early timer-wheel wake-ups, and a wake-up when the timer is
/// registered), so those lines are left out of the comparison, and the explanation is
/// checked instead: every extra unpark only parks again, the future is polled exactly
/// twice, and the unpark that leads to poll #2 comes at 2 s or later.
#[test]
fn real_binary_traces_the_same_steps_in_real_time() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    let is_park_line = |line: &str| line.starts_with("runtime: ");
    let actual: Vec<String> = run
        .lines_without_times()
        .into_iter()
        .filter(|line| !is_park_line(line))
        .collect();
    let expected: Vec<String> = golden_lines()
        .iter()
        .map(|line| mask_times(without_stamp(line)))
        .filter(|line| !is_park_line(line))
        .collect();
    assert_lines(&actual, &expected);

    // The explanation printed under the trace holds on a real clock.
    let trace: Vec<&str> = run
        .lines()
        .into_iter()
        .skip_while(|line| !line.contains("tokio: block_on starts the future"))
        .take_while(|line| !line.starts_with("greet_after_delay was polled"))
        .collect();
    let said = |line: &str| without_stamp(line).to_owned();
    let polls = trace
        .iter()
        .filter(|line| said(line).starts_with("tokio: poll #") && said(line).contains(" of "))
        .count();
    assert_eq!(polls, 2, "the future is polled exactly twice\n\n{run}");
    for (i, line) in trace.iter().enumerate() {
        if said(line).starts_with("runtime: the thread is unparked") {
            let next = trace.get(i + 1).map(|next| said(next)).unwrap_or_default();
            assert!(
                next.starts_with("runtime: nothing to run; the thread parks")
                    || next.starts_with("tokio: poll #2"),
                "an unpark must be followed by a park or by poll #2, not {next:?}\n\n{run}"
            );
        }
    }
    let second_poll = trace
        .iter()
        .position(|line| said(line).starts_with("tokio: poll #2 of"));
    let woken_at = second_poll
        .and_then(|i| trace.get(i.checked_sub(1)?))
        .and_then(|line| parse_stamp(line));
    assert!(
        woken_at.is_some_and(|at| at >= Duration::from_millis(1995)),
        "poll #2 must follow the unpark at 2 s (got {woken_at:?})\n\n{run}"
    );

    let context = run.to_string();
    let totals = run.total_times();
    assert_eq!(totals.len(), 2, "{run}");
    assert_took_about("one coroutine", totals[0], Duration::from_secs(2), &context);
    assert_concurrent(
        "three coroutines of 2, 1 and 3 s",
        totals[1],
        Duration::from_secs(3),
        Duration::from_secs(6),
        &context,
    );
}
