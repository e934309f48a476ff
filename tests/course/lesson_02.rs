//! Lesson 2: the event loop's own trace of the syllabus's nine steps.

use std::time::Duration;

use course_kit::Transcript;
use lesson_02_event_loop as lesson;
use lesson_02_event_loop::mini_loop::LoopTime;

use crate::support::binary::{mask_times, run_lesson, without_stamp};
use crate::support::expect::{assert_duration_close, assert_lines};

const PACKAGE: &str = "lesson-02-event-loop";

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

const PART_1: &[&str] = &[
    "",
    "== Part 1: one coroutine on a hand-made event loop (std only) ==",
    "[ 0.00s] loop: created (no tasks, ready queue empty, no timers)",
    "[ 0.00s] loop: task 1 (greet_after_delay) is ready",
    "[ 0.00s] loop: polling task 1",
    "[ 0.00s]   task 1: Starting...",
    "[ 0.00s]   task 1: sleep(2.00s) sets a timer for 2.00s and returns Pending",
    "[ 0.00s] loop: task 1 returned Pending: paused at an .await",
    "[ 0.00s] loop: nothing ready to run; idle until the next timer at 2.00s",
    "[ 2.00s] loop: the timer for 2.00s is due: wake task 1",
    "[ 2.00s] loop: polling task 1",
    "[ 2.00s]   task 1: sleep(2.00s) is over: Ready, the task continues",
    "[ 2.00s]   task 1: Hello!",
    "[ 2.00s] loop: task 1 returned Ready: finished",
    "[ 2.00s] loop: no tasks left; exiting after 2.00s",
    "[ 2.00s] Total time: 2.00 seconds",
];

const PART_2: &[&str] = &[
    "",
    "== Part 2: three coroutines on the same loop ==",
    "[ 0.00s] loop: created (no tasks, ready queue empty, no timers)",
    "[ 0.00s] loop: task 1 (Alice) is ready",
    "[ 0.00s] loop: task 2 (Bob) is ready",
    "[ 0.00s] loop: task 3 (Charlie) is ready",
    "[ 0.00s] loop: polling task 1",
    "[ 0.00s]   task 1: Starting Alice...",
    "[ 0.00s]   task 1: sleep(2.00s) sets a timer for 2.00s and returns Pending",
    "[ 0.00s] loop: task 1 returned Pending: paused at an .await",
    "[ 0.00s] loop: polling task 2",
    "[ 0.00s]   task 2: Starting Bob...",
    "[ 0.00s]   task 2: sleep(1.00s) sets a timer for 1.00s and returns Pending",
    "[ 0.00s] loop: task 2 returned Pending: paused at an .await",
    "[ 0.00s] loop: polling task 3",
    "[ 0.00s]   task 3: Starting Charlie...",
    "[ 0.00s]   task 3: sleep(3.00s) sets a timer for 3.00s and returns Pending",
    "[ 0.00s] loop: task 3 returned Pending: paused at an .await",
    "[ 0.00s] loop: nothing ready to run; idle until the next timer at 1.00s",
    "[ 1.00s] loop: the timer for 1.00s is due: wake task 2",
    "[ 1.00s] loop: polling task 2",
    "[ 1.00s]   task 2: sleep(1.00s) is over: Ready, the task continues",
    "[ 1.00s]   task 2: Hello, Bob!",
    "[ 1.00s] loop: task 2 returned Ready: finished",
    "[ 1.00s] loop: nothing ready to run; idle until the next timer at 2.00s",
    "[ 2.00s] loop: the timer for 2.00s is due: wake task 1",
    "[ 2.00s] loop: polling task 1",
    "[ 2.00s]   task 1: sleep(2.00s) is over: Ready, the task continues",
    "[ 2.00s]   task 1: Hello, Alice!",
    "[ 2.00s] loop: task 1 returned Ready: finished",
    "[ 2.00s] loop: nothing ready to run; idle until the next timer at 3.00s",
    "[ 3.00s] loop: the timer for 3.00s is due: wake task 3",
    "[ 3.00s] loop: polling task 3",
    "[ 3.00s]   task 3: sleep(3.00s) is over: Ready, the task continues",
    "[ 3.00s]   task 3: Hello, Charlie!",
    "[ 3.00s] loop: task 3 returned Ready: finished",
    "[ 3.00s] loop: no tasks left; exiting after 3.00s",
    "[ 3.00s] Total time: 3.00 seconds",
    "The waits add up to 6.00s; the longest is 3.00s. The loop took 3.00s.",
];

/// On a paused clock, tokio's park and unpark are as exact as everything else.
const PART_3_PAUSED: &[&str] = &[
    "",
    "== Part 3: the same program on tokio ==",
    "[ 0.00s] tokio: block_on starts the future (it has not been polled yet)",
    "[ 0.00s] tokio: poll #1 of greet_after_delay",
    "[ 0.00s]   Starting...",
    "[ 0.00s] tokio: poll #1 returned Pending",
    "[ 0.00s] runtime: nothing to run; the thread parks",
    "[ 1.98s] runtime: the thread is unparked",
    "[ 1.98s] runtime: nothing to run; the thread parks",
    "[ 2.00s] runtime: the thread is unparked",
    "[ 2.00s] tokio: poll #2 of greet_after_delay",
    "[ 2.00s]   Hello!",
    "[ 2.00s] tokio: poll #2 returned Ready",
    "[ 2.00s] tokio: the future is done, so block_on returns",
    "greet_after_delay was polled 2 times: once to start it, once after its timer",
    "woke it.",
    "The thread may park and unpark more often than that: a wake-up that finds",
    "nothing to run just parks again. tokio's timer wheel files a deadline 2 s away",
    "in a slot 64 ms wide, so it first wakes at 1.98 s, then re-arms for the exact",
    "millisecond.",
];

/// Part 1: the hand-made loop writes the syllabus's nine steps, in order, with exact times.
#[test]
fn hand_made_loop_traces_the_nine_steps() {
    let lines = capture(|out| {
        let total = lesson::one_coroutine_on_the_hand_made_loop(out, LoopTime::Virtual);
        assert_eq!(total, Duration::from_secs(2));
    });
    assert_lines(&lines, PART_1);
}

/// Part 2: the loop polls the other coroutines while one waits; 3 s in all, not 6 s.
#[test]
fn hand_made_loop_switches_while_one_waits() {
    let lines = capture(|out| {
        let total = lesson::three_coroutines_on_the_hand_made_loop(out, LoopTime::Virtual);
        assert_eq!(total, Duration::from_secs(3));
    });
    assert_lines(&lines, PART_2);
}

/// Part 3: tokio polls the future twice and parks its thread while the timer runs.
#[test]
fn tokio_trace_shows_polls_and_parking() {
    let lines = capture(|out| lesson::one_coroutine_on_tokio(out, paused_tokio()));
    assert_lines(&lines, PART_3_PAUSED);
}

/// The whole lesson is its three parts after its title.
#[test]
fn whole_lesson_is_the_three_parts() {
    let lines = capture(|out| lesson::run(out, LoopTime::Virtual, paused_tokio()));
    assert_eq!(
        lines[0],
        "Lesson 2: how the event loop works, traced as it happens"
    );
    let parts: Vec<&str> = [PART_1, PART_2, PART_3_PAUSED].concat();
    assert_lines(&lines[1..], &parts);
}

/// The real binary, on a real clock, writes the same trace; where tokio parks can vary
/// (a real thread may be woken early), so those lines are checked for presence only.
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
    let mut expected = vec!["Lesson 2: how the event loop works, traced as it happens".to_owned()];
    expected.extend(
        [PART_1, PART_2, PART_3_PAUSED]
            .concat()
            .into_iter()
            .map(|line| mask_times(without_stamp(line)))
            .filter(|line| !is_park_line(line)),
    );
    assert_lines(&actual, &expected);

    // Between poll #1 (Pending) and poll #2 the runtime's thread parked at least once.
    let all = run.lines_without_times();
    let pending = all
        .iter()
        .position(|l| l == "tokio: poll #1 returned Pending");
    let second = all
        .iter()
        .position(|l| l == "tokio: poll #2 of greet_after_delay");
    assert!(
        matches!((pending, second), (Some(p), Some(s))
            if all[p..s].iter().any(|l| l == "runtime: nothing to run; the thread parks")),
        "no park between the two polls\n\n{run}"
    );

    let context = run.to_string();
    let totals = run.total_times();
    assert_eq!(totals.len(), 2, "{run}");
    assert_duration_close("Part 1 total", totals[0], Duration::from_secs(2), &context);
    assert_duration_close("Part 2 total", totals[1], Duration::from_secs(3), &context);
    assert_duration_close(
        "tokio's Hello! stamp",
        run.stamp_of("  Hello!"),
        Duration::from_secs(2),
        &context,
    );
}
