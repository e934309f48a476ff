//! Lesson 4: spawned tasks are eager, futures lazy; JoinHandle, panics, abort, JoinSet.

use std::time::Duration;

use course_kit::Transcript;
use lesson_04_tasks as lesson;

use crate::support::binary::{mask_times, run_lesson, without_stamp};
use crate::support::expect::{assert_duration_close, assert_lines};

const PACKAGE: &str = "lesson-04-tasks";

const EXPECTED: &[&str] = &[
    "Lesson 4: tasks",
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
    "== Part 2: awaiting a JoinHandle gives the task's value ==",
    "[ 3.00s] tokio::spawn(fetch_number(7)).await = Ok(70)",
    "",
    "== Part 3: a task that panics ==",
    "[ 3.00s] handle.await = Err(JoinError): is_panic() = true, message = \"the task hit a bug\"",
    "[ 3.00s] main is still running",
    "",
    "== Part 4: aborting a task ==",
    "[ 3.00s] Starting slow task...",
    "[ 4.00s] handle.abort();",
    "[ 4.00s] handle.await = Err(JoinError): is_cancelled() = true; \"Hello, slow task!\" never comes",
    "",
    "== Part 5: spawn(f()) vs spawn(async move { f().await }) ==",
    "[ 4.00s] tokio::spawn(prepare_greeting(\"A\"));",
    "[ 4.00s]   prepare_greeting(A): the part before the async block",
    "[ 4.00s] tokio::spawn(async move { prepare_greeting(\"B\").await });",
    "[ 4.00s] both spawned; awaiting them",
    "[ 4.00s]   prepare_greeting(A): the async part",
    "[ 4.00s]   prepare_greeting(B): the part before the async block",
    "[ 4.00s]   prepare_greeting(B): the async part",
    "For an `async fn` the two spellings behave the same: calling it runs nothing.",
    "They differ when `f` does work before returning its future, and when `f`",
    "borrows: `async move` lets the task own what `f` borrows.",
    "",
    "== Part 6: JoinSet (asyncio.TaskGroup) ==",
    "[ 4.00s] Starting Alice...",
    "[ 4.00s] Starting Bob...",
    "[ 4.00s] Starting Charlie...",
    "[ 5.00s] Hello, Bob!",
    "[ 5.00s] join_next() -> Bob",
    "[ 6.00s] Hello, Alice!",
    "[ 6.00s] join_next() -> Alice",
    "[ 7.00s] Hello, Charlie!",
    "[ 7.00s] join_next() -> Charlie",
    "Alice   |####################################                  | 0.00-2.00s",
    "Bob     |##################                                    | 0.00-1.00s",
    "Charlie |######################################################| 0.00-3.00s",
    "        +--------+--------+--------+--------+--------+--------+",
    "        0.0s     0.5s     1.0s     1.5s     2.0s     2.5s     3.0s",
    "",
    "When one task fails, cancel the rest (TaskGroup does this for you):",
    "[ 7.00s] Starting Dave...",
    "[ 7.00s] Starting Eve...",
    "[ 7.00s] Starting Frank...",
    "[ 8.00s] Hello, Dave!",
    "[ 8.00s] join_next() -> Dave finished",
    "[ 8.50s] Hello, Eve!",
    "[ 8.50s] join_next() -> Eve's work failed: abort_all()",
    "[ 8.50s] join_next() -> Frank was cancelled",
    "Dave  |##############################                  | 0.00-1.00s",
    "Eve   |#############################################   | 0.00-1.50s",
    "Frank |################################################| 0.00s-unfinished",
    "      +-----+-----+-----+-----+-----+-----+-----+-----+",
    "      0.0s  0.2s  0.4s  0.6s  0.8s  1.0s  1.2s  1.4s  1.6s",
];

/// On a paused clock the whole transcript is exact: the task starts without being
/// awaited, the future only when awaited; value, panic, abort and JoinSet as expected.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    assert_lines(&out.lines(), EXPECTED);
}

/// The measured facts behind the transcript, one by one.
#[tokio::test(start_paused = true)]
async fn each_part_returns_what_it_measured() {
    let out = Transcript::captured();
    assert_eq!(lesson::join_handle_returns_the_value(&out).await, 70);
    assert!(lesson::a_panicking_task_does_not_stop_main(&out).await);
    assert!(lesson::aborting_a_task(&out).await);
    let (finished, cancelled) = lesson::join_set_as_task_group(&out).await;
    assert_eq!(finished, ["Bob", "Alice", "Charlie"]);
    assert_eq!(cancelled, ["Frank"]);
    let said: Vec<String> = out
        .lines()
        .iter()
        .map(|l| without_stamp(l).to_owned())
        .collect();
    assert!(
        !said
            .iter()
            .any(|l| l == "Hello, slow task!" || l == "Hello, Frank!"),
        "aborted tasks must not finish\n{}",
        out.text()
    );
}

/// The real binary prints the same lines, and its only stderr line is the panic report
/// of Part 3 (no backtrace), and exits 0 because main carried on.
#[test]
fn real_binary_prints_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success_with_stderr(&["(panic report) the task hit a bug (on purpose, see Part 3)"]);
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
    assert_duration_close(
        "the plain future starts only when awaited",
        run.stamp_of("Starting future..."),
        Duration::from_secs(1),
        &context,
    );
    assert_duration_close(
        "Frank is cancelled when Eve fails",
        run.stamp_of("join_next() -> Frank was cancelled") - run.stamp_of("Starting Frank..."),
        Duration::from_millis(1500),
        &context,
    );
}

/// Scale: spawned sleeps and `unconstrained(join_all)` poll each sleep exactly twice;
/// plain `join_all` on one task wastes polls, because all sleeps share one coop budget.
#[tokio::test(start_paused = true)]
async fn join_all_wastes_polls_where_spawn_does_not() {
    use lesson::scale::{Strategy, sleep_many};
    let n = 5_000;
    let spawned = sleep_many(Strategy::SpawnEach, n).await;
    let unconstrained = sleep_many(Strategy::UnconstrainedJoinAll, n).await;
    let joined = sleep_many(Strategy::JoinAll, n).await;
    assert_eq!(spawned, 2 * n as u64);
    assert_eq!(unconstrained, 2 * n as u64);
    assert!(
        joined > 10 * spawned,
        "join_all polled {joined} times, spawn {spawned}"
    );
}

/// `--bench N` measures each strategy in a child process and prints one row each.
#[test]
fn bench_flag_prints_a_row_per_strategy() {
    let run = run_lesson(PACKAGE, &["--bench", "1000"]);
    run.assert_success();
    for strategy in ["spawn each", "join_all", "unconstrained(join_all)"] {
        let row = run
            .lines()
            .into_iter()
            .find(|line| line.starts_with(strategy) && line.contains(" 1000 "));
        let polls = row.and_then(|row| row.split_whitespace().last());
        assert!(polls.is_some(), "no row for {strategy}\n\n{run}");
        if strategy != "join_all" {
            assert_eq!(polls, Some("2000"), "{run}");
        }
    }
}

/// A bad `--bench` value is a one-line error, not a panic.
#[test]
fn bench_flag_rejects_a_bad_count() {
    run_lesson(PACKAGE, &["--bench", "lots"])
        .assert_one_line_error(1, "error: --bench wants a number of tasks, got \"lots\"");
}
