//! Lesson 4: spawned tasks are eager, futures lazy; JoinHandle, panics, abort, JoinSet.

use std::time::Duration;

use course_kit::Transcript;
use lesson_04_tasks as lesson;

use course_kit::transcript::without_stamp;

use crate::support::expect::mask_times;
use crate::support::expect::{assert_lines, assert_took_about};
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-04-tasks";

const EXPECTED: &[&str] = &[
    "Lesson 4: tasks",
    "(Start with the plain version, just plain-4; this is the same idea, measured.)",
    "",
    "== Part 1: a future is lazy, a spawned task is eager ==",
    "[ 0.00s] let future = greet(\"future\");              // created, not awaited",
    "[ 0.00s] the runtime took 3 turns; the future printed 0 line(s)",
    "[ 0.00s] let handle = tokio::spawn(greet(\"task\"));  // spawned, not awaited",
    "[ 0.00s] Starting task...",
    "[ 0.00s] the runtime took 3 turns; the task printed 1 line(s)",
    "[ 0.00s] handle.await;",
    "[ 1.00s] Hello, task!",
    "[ 1.00s] future.await;",
    "[ 1.00s] Starting future...",
    "[ 2.00s] Hello, future!",
    "",
    "== Part 2: awaiting a JoinHandle gives what the task returned ==",
    "[ 3.00s] tokio::spawn(fetch_number(7)).await = Ok(70)",
    "[ 3.00s] tokio::spawn(parse_number(\"seven\")).await = Ok(Err(ParseIntError { kind: InvalidDigit }))",
    "Ok(Err(..)): the task ran to its end and returned its error, the way a Python",
    "task raises. The outer Ok is the runtime's: the task neither panicked nor was",
    "aborted.",
    "",
    "== Part 3: a task that panics (a bug, not an error) ==",
    "[ 3.00s] handle.await = Err(JoinError): is_panic() = true, message = \"the task hit a bug\"",
    "[ 3.00s] a second task panicked; its handle was dropped, so nothing here can see it:",
    "[ 3.00s] only the panic hook reported it, on stderr",
    "[ 3.00s] main is still running",
    "",
    "== Part 4: aborting a task; dropping its handle does not ==",
    "[ 3.00s] Starting slow task...",
    "[ 4.00s] handle.abort();",
    "[ 4.00s] handle.await = Err(JoinError): is_cancelled() = true; \"Hello, slow task!\" never comes",
    "[ 4.00s] drop(handle);   // the task is detached, not cancelled",
    "[ 4.00s] Starting detached task...",
    "[ 5.00s] Hello, detached task!",
    "[ 6.00s] two seconds later: the detached task said hello above",
    "",
    "== Part 5: JoinSet and asyncio.TaskGroup ==",
    "Drained with join_next(), it waits for every task (what leaving TaskGroup does):",
    "[ 6.00s] Starting Alice...",
    "[ 6.00s] Starting Bob...",
    "[ 6.00s] Starting Charlie...",
    "[ 7.00s] Hello, Bob!",
    "[ 7.00s] join_next() -> Bob",
    "[ 8.00s] Hello, Alice!",
    "[ 8.00s] join_next() -> Alice",
    "[ 9.00s] Hello, Charlie!",
    "[ 9.00s] join_next() -> Charlie",
    "Alice   |####################################                  | 0.00-2.00s",
    "Bob     |##################                                    | 0.00-1.00s",
    "Charlie |######################################################| 0.00-3.00s",
    "        +--------+--------+--------+--------+--------+--------+",
    "        0.0s     0.5s     1.0s     1.5s     2.0s     2.5s     3.0s",
    "",
    "On the first error, our own code calls abort_all() (TaskGroup does this for you):",
    "[ 9.00s] Starting Dave...",
    "[ 9.00s] Starting Eve...",
    "[ 9.00s] Starting Frank...",
    "[10.00s] Hello, Dave!",
    "[10.00s] join_next() -> Ok(Dave)",
    "[10.50s] Hello, Eve!",
    "[10.50s] join_next() -> Err(\"Eve's work failed\"): set.abort_all()",
    "[10.50s] 1 task(s) came back cancelled; \"Hello, Frank!\" never comes",
    "",
    "Dropped, it aborts its tasks instead of waiting for them:",
    "[10.50s] Starting Gina...",
    "[10.50s] Starting Hal...",
    "[11.00s] drop(set);",
    "[13.00s] two seconds later: 0 greeting(s) finished after the drop",
];

/// On a paused clock the whole transcript is exact: the task starts without being
/// awaited, the future only when awaited; value, panic, abort and JoinSet as expected.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    assert_lines(&out.lines(), EXPECTED);
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
    let expected: Vec<String> = EXPECTED
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
