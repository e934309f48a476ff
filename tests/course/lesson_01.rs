//! Lesson 1: an `async fn` returns a lazy future; `.await` runs it.

use std::time::Duration;

use course_kit::Transcript;
use lesson_01_coroutines as lesson;

use crate::support::expect::assert_took_about;
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-01-coroutines";

/// The type name the lesson prints for the un-awaited future: the compiler's own name
/// for `greet_after_delay`'s future, read here the same way the lesson reads it.
fn future_type_name() -> &'static str {
    let out = Transcript::captured();
    // Creating the future runs nothing (that is the lesson); it is dropped unpolled.
    let future = lesson::greet_after_delay(&out);
    std::any::type_name_of_val(&future)
}

/// On a paused clock the transcript is exact: nothing runs before `.await`, then
/// "Starting..." at 0.00 s and "Hello!" at 2.00 s.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
    assert_eq!(out.elapsed(), Duration::from_secs(2));
    let type_line = format!("[ 0.00s] type of `greeting`: {}", future_type_name());
    assert!(
        out.lines().contains(&type_line),
        "the printed type is the async fn's own future type: {type_line}\n\n{}",
        out.text()
    );
}

/// The future's type really is `greet_after_delay`'s compiler-made future type.
#[test]
fn the_printed_type_is_the_async_fn_future() {
    assert!(
        future_type_name().contains("greet_after_delay"),
        "{}",
        future_type_name()
    );
}

/// The real binary prints the same lines, exits 0, and its greeting takes 2 s by its own
/// clock (the wall time around the process also counts starting it, which a busy
/// machine can slow down by seconds).
#[test]
fn real_binary_sleeps_two_seconds() {
    let run = run_lesson(PACKAGE, &[]);
    check_real_run(&run);
}

/// `--by-hand` (a runtime built without `#[tokio::main]`) behaves exactly the same.
#[test]
fn real_binary_by_hand_runtime_behaves_the_same() {
    let run = run_lesson(PACKAGE, &["--by-hand"]);
    check_real_run(&run);
}

#[track_caller]
fn check_real_run(run: &crate::support::finished::Finished) {
    run.assert_success()
        .assert_like_golden(&golden(PACKAGE, "lesson"));
    let context = run.to_string();
    // Nothing waits before "Starting...": it comes at once, however busy the machine.
    assert!(
        run.stamp_of("Starting...") < Duration::from_millis(500),
        "\"Starting...\" must come before any waiting\n\n{context}"
    );
    assert_took_about(
        "\"Hello!\" stamp",
        run.stamp_of("Hello!"),
        Duration::from_secs(2),
        &context,
    );
    assert_eq!(run.total_times().len(), 1, "one total time\n\n{run}");
    assert_took_about(
        "printed total time",
        run.total_times()[0],
        Duration::from_secs(2),
        &context,
    );
    // A real sleep never comes short; and the process ends soon after its last line
    // (a task left running would keep it alive until the test's deadline).
    assert!(
        (Duration::from_secs(2)..Duration::from_secs(30)).contains(&run.wall_time),
        "wall time should be at least 2 s, and the process should end soon after its last line\n\n{run}"
    );
}

/// An unknown argument is a one-line usage error with exit code 2, not a panic.
#[test]
fn unknown_argument_is_a_usage_error() {
    run_lesson(PACKAGE, &["--frobnicate"]).assert_one_line_error(
        2,
        "error: unexpected argument '--frobnicate'; usage: lesson-01-coroutines",
    );
}

/// `--help` explains the options and exits 0.
#[test]
fn help_lists_the_options() {
    let run = run_lesson(PACKAGE, &["--help"]);
    run.assert_success();
    assert!(run.stdout.contains("--by-hand"), "{run}");
}
