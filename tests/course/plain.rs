//! Every lesson's plain version (`examples/plain-NN.rs`): a standalone program as you
//! would write it, run as a learner runs it, its output and timing checked so it cannot
//! rot. Timing is checked as shape (near the longest wait, far from the sum), which a
//! busy machine cannot break.

use std::time::Duration;

use course_kit::http_server::BackgroundServer;

use crate::support::expect::{
    assert_concurrent, assert_ratio_at_least, assert_took_about, port_masked,
};
use crate::support::finished::Finished;
use crate::support::golden::golden;
use crate::support::run::run_lesson;
use crate::support::workspace::lessons;

/// Runs `plain-NN`, checks it succeeded with nothing on stderr, and that it printed its
/// golden file `lessons/NN-topic/golden/plain.txt` (times masked; the port the OS
/// picked for a local server shown as `PORT`), which the book shows.
#[track_caller]
fn run_plain(number: u32, args: &[&str]) -> Finished {
    run_plain_varying(number, args, str::to_owned)
}

/// [`run_plain`] for a program whose output varies in more than its times: `varies`
/// masks what a real run may change (and the test checks it another way).
#[track_caller]
fn run_plain_varying(number: u32, args: &[&str], varies: fn(&str) -> String) -> Finished {
    let run = run_lesson(&format!("plain-{number:02}"), args);
    run.assert_success();
    let package = lessons()
        .into_iter()
        .find(|lesson| lesson.number == number)
        .map(|lesson| lesson.package())
        .unwrap_or_else(|| panic!("no lesson {number}"));
    let lines: Vec<String> = run.lines().into_iter().map(port_masked).collect();
    golden(&package, "plain").assert_real_run(&lines, varies);
    run
}

/// The lines before the last "Total time" line.
fn lines_before_total(run: &Finished) -> Vec<&str> {
    run.lines()
        .into_iter()
        .filter(|line| !line.starts_with("Total time: "))
        .collect()
}

/// Plain 1: the future prints nothing until awaited; 2 s in all.
#[test]
fn plain_01_awaits_a_lazy_future() {
    let run = run_plain(1, &[]);
    assert_eq!(
        lines_before_total(&run),
        [
            "created the future; nothing has printed yet",
            "Starting...",
            "Hello!"
        ],
        "{run}"
    );
    assert_took_about(
        "the greeting",
        run.total_times()[0],
        Duration::from_secs(2),
        &run.to_string(),
    );
}

/// Plain 2: three coroutines of 2, 1 and 3 s on one thread take about 3 s.
#[test]
fn plain_02_switches_while_one_waits() {
    let run = run_plain(2, &[]);
    let lines = lines_before_total(&run);
    assert_eq!(
        lines[..3],
        [
            "Starting Alice...",
            "Starting Bob...",
            "Starting Charlie..."
        ],
        "{run}"
    );
    assert_eq!(
        lines[3..],
        ["Hello, Bob!", "Hello, Alice!", "Hello, Charlie!"],
        "{run}"
    );
    assert_concurrent(
        "three greetings",
        run.total_times()[0],
        Duration::from_secs(3),
        Duration::from_secs(6),
        &run.to_string(),
    );
}

/// Plain 3: one after another takes 6 s, join_all 2 s; results in order both times.
#[test]
fn plain_03_sequential_then_join_all() {
    let run = run_plain(3, &[]);
    let results = "[\"Hello, Alice!\", \"Hello, Bob!\", \"Hello, Charlie!\"]";
    let lines = run.lines();
    assert_eq!(
        lines.iter().filter(|line| **line == results).count(),
        2,
        "{run}"
    );
    let totals = run.total_times();
    let context = run.to_string();
    assert_took_about(
        "one after another",
        totals[0],
        Duration::from_secs(6),
        &context,
    );
    assert_concurrent(
        "join_all",
        totals[1],
        Duration::from_secs(2),
        Duration::from_secs(6),
        &context,
    );
    assert_ratio_at_least(
        "sequential vs join_all",
        totals[0],
        totals[1],
        2.5,
        &context,
    );
}

/// Plain 4: three spawned tasks of 1 s run together; the error comes back as a value;
/// the aborted task never finishes.
#[test]
fn plain_04_spawns_awaits_and_aborts() {
    let run = run_plain(4, &[]);
    assert_eq!(
        lines_before_total(&run),
        [
            "got 10",
            "got 20",
            "the task returned an error: no number 0",
            "three tasks of 1 s each, run together",
            "aborted: true",
        ],
        "{run}"
    );
    assert_concurrent(
        "three tasks",
        run.total_times()[0],
        Duration::from_secs(1),
        Duration::from_secs(3),
        &run.to_string(),
    );
}

/// Plain 5: the ticker ticks while a sleep is awaited and while spawn_blocking works,
/// and not at all while the thread is blocked.
#[test]
fn plain_05_blocking_stops_the_ticks() {
    // How many 100 ms ticks fit in a second varies by one on a real machine.
    let run = run_plain_varying(5, &[], |line| match line.split_once(':') {
        Some((what, count)) if count.ends_with(" ticks") => format!("{what}: # ticks"),
        _ => line.to_owned(),
    });
    let ticks = |start: &str| -> usize {
        run.lines()
            .into_iter()
            .find(|line| line.starts_with(start))
            .and_then(|line| line.split_whitespace().rev().nth(1))
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("no tick count for {start:?}\n\n{run}"))
    };
    assert!(ticks("awaiting a sleep:") >= 5, "{run}");
    assert!(ticks("std::thread::sleep:") <= 1, "{run}");
    assert!(ticks("spawn_blocking:") >= 5, "{run}");
}

/// Plain 6: three slow pages from the course server, fetched together in about the
/// time of one, each reported in order.
#[test]
fn plain_06_fetches_concurrently() {
    let server = BackgroundServer::start().expect("the course server starts");
    let url = server.url("/delay/500");
    let run = run_plain(6, &[&url, &url, &url]);
    let expected = format!("{url}: fetched 14 characters");
    assert!(
        lines_before_total(&run)
            .iter()
            .all(|line| *line == expected)
            && lines_before_total(&run).len() == 3,
        "{run}"
    );
    assert_concurrent(
        "three requests of 0.5 s",
        run.total_times()[0],
        Duration::from_millis(500),
        Duration::from_millis(1500),
        &run.to_string(),
    );
}

/// Plain 7: Drop closes at the end of the scope; the async close is awaited explicitly.
#[test]
fn plain_07_drop_and_async_close() {
    let run = run_plain(7, &[]);
    assert_eq!(
        lines_before_total(&run),
        [
            "open notes.txt",
            "reading notes.txt",
            "close notes.txt (by Drop)",
            "connected",
            "talking",
            "closed politely",
        ],
        "{run}"
    );
}

/// The playground builds and runs (`just play`): as shipped, and whatever the learner
/// has written there since, it must compile and exit 0.
#[test]
fn the_playground_runs() {
    let run = run_lesson("playground", &[]);
    assert!(
        run.status.success(),
        "the playground must build and exit 0\n\n{run}"
    );
}

/// Plain 8: the timeout fires at 1 s, mirror A wins the race, the cancelled job's Drop
/// runs, and a select! loop takes everything until `else`; 1.5 s in all.
#[test]
fn plain_08_times_out_races_and_cancels() {
    let run = run_plain(8, &[]);
    assert_eq!(
        lines_before_total(&run),
        [
            "timed out after 1 s",
            "mirror A won",
            "cancelled: Drop runs, the rest of the job does not",
            "took [\"news hello\", \"price 1\", \"price 2\"], then both queues were closed",
        ],
        "{run}"
    );
    assert_took_about(
        "1 s timeout, 0.3 s race, 0.2 s timeout",
        run.total_times()[0],
        Duration::from_millis(1500),
        &run.to_string(),
    );
}

/// Plain 9: six requests two at a time in about 0.9 s; results as they finish; errors as
/// values; three failed attempts, then success, after 0.1 + 0.2 + 0.4 s of backoff; a
/// batch that keeps its two finished results at its 1 s deadline.
#[test]
fn plain_09_limits_orders_and_retries() {
    let run = run_plain(9, &[]);
    let lines = lines_before_total(&run);
    assert_eq!(
        lines[1..],
        [
            "finished: Ok(\"quick\")",
            "finished: Ok(\"middle\")",
            "finished: Ok(\"slow\")",
            "all outcomes: [Ok(\"a\"), Err(\"b: HTTP 500\"), Ok(\"c\")]",
            "attempt 1: Err(\"HTTP 503\")",
            "attempt 2: Err(\"HTTP 503\")",
            "attempt 3: Err(\"HTTP 503\")",
            "attempt 4: Ok(\"done\")",
            "within 1 s: a ok, b failed; unfinished: 1",
        ],
        "{run}"
    );
    let limited: f64 = lines[0]
        .strip_prefix("six requests, two at a time: ")
        .and_then(|rest| rest.strip_suffix(" s"))
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no time for the limited requests\n\n{run}"));
    assert_took_about(
        "six requests of 0.3 s, two at a time",
        Duration::from_secs_f64(limited),
        Duration::from_millis(900),
        &run.to_string(),
    );
    // 0.9 s limited, 0.3 s as_completed, 0.2 s join_all, 0.7 s of backoff, 1 s batch.
    assert_took_about(
        "the whole program",
        run.total_times()[0],
        Duration::from_millis(3100),
        &run.to_string(),
    );
}

/// Plain 10: the producer runs at most two items ahead of the consumer (the bounded
/// queue); the actor's totals add up; the queue's end stops the consumer; `try_send`
/// on a full queue hands the item back; a token stops a worker.
#[test]
fn plain_10_queue_actor_and_end() {
    // How many 100 ms beats fit before the 250 ms stop can vary by one on a busy machine.
    let run = run_plain_varying(10, &[], |line| {
        if line.starts_with("a worker stopped by its token after ") {
            "a worker stopped by its token after # beats".to_owned()
        } else {
            line.to_owned()
        }
    });
    let lines = lines_before_total(&run);
    let mut queued = 0;
    let mut done = 0;
    for line in &lines {
        if line.starts_with("queued item ") {
            queued += 1;
        } else if line.starts_with("done with item ") {
            done += 1;
            let total = done * (done + 1) / 2;
            assert_eq!(
                **line,
                format!("done with item {done}; total so far {total}"),
                "{run}"
            );
        }
        assert!(
            queued - done <= 3,
            "the queue holds 2, the consumer 1: never more than 3 ahead\n\n{run}"
        );
    }
    assert_eq!((queued, done), (6, 6), "{run}");
    assert!(
        lines.contains(&"try_send on a full queue: Full, item 2 handed back"),
        "{run}"
    );
    let beats = lines
        .iter()
        .find_map(|line| line.strip_prefix("a worker stopped by its token after "))
        .and_then(|rest| rest.strip_suffix(" beats"))
        .and_then(|beats| beats.parse::<u32>().ok());
    assert!(
        beats.is_some_and(|beats| (1..=2).contains(&beats)),
        "the worker beats every 100 ms until the token stops it at 250 ms\n\n{run}"
    );
}

/// Plain 11: five reminders two minutes apart, ten virtual minutes in a blink; and the
/// paused clock held still while a blocking call runs.
#[test]
fn plain_11_checks_ten_minutes_at_once() {
    let run = run_plain(11, &[]);
    assert_eq!(
        lines_before_total(&run),
        [
            "reminder 1 at 120 s (virtual)",
            "reminder 2 at 240 s (virtual)",
            "reminder 3 at 360 s (virtual)",
            "reminder 4 at 480 s (virtual)",
            "reminder 5 at 600 s (virtual)",
            "ten minutes of reminders checked; the paused clock said 600s",
            "a 1 ms timeout around 50 ms of spawn_blocking, paused clock: did not fire",
        ],
        "{run}"
    );
    assert!(
        run.total_times()[0] < Duration::from_millis(500),
        "ten virtual minutes must take no real time\n\n{run}"
    );
}
