//! Lesson 4: spawned tasks are eager, futures lazy; JoinHandle, panics, abort, JoinSet.

use std::time::Duration;

use course_kit::Transcript;
use lesson_04_tasks as lesson;

use course_kit::transcript::without_stamp;

use crate::support::expect::mask_times;
use crate::support::expect::{assert_lines, assert_took_about};
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-04-tasks";

/// On a paused clock the whole transcript is exact (its golden file): the task starts without being
/// awaited, the future only when awaited; value, panic, abort and JoinSet as expected.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
}

/// The measured facts behind the transcript, one by one: a task's error comes back as
/// `Ok(Err(..))`, a panic as a `JoinError`, an aborted task never finishes, a detached
/// one does, and a dropped `JoinSet` aborts its tasks.
#[tokio::test(start_paused = true)]
async fn each_part_returns_what_it_measured() {
    let out = Transcript::captured();
    assert_eq!(
        lesson::join_handle_returns_the_value(&out).await,
        lesson::Returned {
            value: Some(70),
            returned_its_error: true
        }
    );
    assert_eq!(
        lesson::a_panicking_task_does_not_stop_main(&out).await,
        lesson::Panics {
            awaited_panic_caught: true
        }
    );
    assert!(lesson::aborting_a_task(&out).await);
    assert_eq!(
        lesson::join_set_as_task_group(&out).await,
        lesson::TaskGroupRun {
            finished: vec!["Bob", "Alice", "Charlie"],
            cancelled_after_failure: 1,
            greeted_after_drop: 0,
        }
    );
    let said: Vec<String> = out
        .lines()
        .iter()
        .map(|l| without_stamp(l).to_owned())
        .collect();
    assert!(
        !said.iter().any(|l| {
            [
                "Hello, slow task!",
                "Hello, Frank!",
                "Hello, Gina!",
                "Hello, Hal!",
            ]
            .contains(&l.as_str())
        }),
        "aborted tasks must not finish\n{}",
        out.text()
    );
}

/// The real binary prints the same lines; its only stderr lines are the panic reports of
/// Part 3's two tasks (no backtrace; the second one, whose handle nobody awaited, is
/// seen by nothing but the panic hook); it exits 0 because main carried on.
#[test]
fn real_binary_prints_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success_with_stderr(&[
        "(panic report) the task hit a bug (on purpose, see Part 3)",
        "(panic report) a bug in a task nobody awaits (on purpose, see Part 3)",
    ]);
    let is_chart = |line: &str| line.contains(" |") || line.trim_start().starts_with(['+', '0']);
    let expected: Vec<String> = golden(PACKAGE, "lesson")
        .lines()
        .iter()
        .map(|line| mask_times(without_stamp(line)))
        .filter(|line| !is_chart(line))
        .collect();
    let actual: Vec<String> = run
        .lines_without_times()
        .into_iter()
        .filter(|line| !is_chart(line))
        .collect();
    assert_lines(&actual, &expected);
    let context = run.to_string();
    assert_took_about(
        "the plain future starts only when awaited",
        run.stamp_of("Starting future..."),
        Duration::from_secs(1),
        &context,
    );
    assert_took_about(
        "Eve fails 1.5 s after the three start",
        run.stamp_of("join_next() -> Err(\"Eve's work failed\"): set.abort_all()")
            - run.stamp_of("Starting Frank..."),
        Duration::from_millis(1500),
        &context,
    );
}
