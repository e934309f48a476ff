//! Lesson 10: queues, channels, shared state and graceful shutdown. Exact on a paused
//! clock; the real binary tells the same story, stops cleanly on Ctrl-C, and drains its
//! jobs on SIGTERM.

use std::time::Duration;

use course_kit::Transcript;
use course_kit::transcript::without_stamp;
use lesson_10_channels_and_shutdown::shutdown::{self, Signal, StopRequest};
use lesson_10_channels_and_shutdown::{self as lesson, Interrupted};

use crate::support::expect::assert_lines;
use crate::support::finished::Finished;
use crate::support::run::{run_and_signal, run_lesson};

const PACKAGE: &str = "lesson-10-channels-and-shutdown";

const EXPECTED: &[&str] = &[
    "Lesson 10: Queues, channels, shared state and graceful shutdown",
    "(Start with the plain version, just plain-10; this is the same idea, measured.)",
    "The stamp [ 1.00s] counts from the start of the lesson; times inside a line",
    "count from the start of that part.",
    "",
    "== Part 1: a bounded queue (asyncio.Queue(maxsize=2) ↔ mpsc::channel(2)) ==",
    "A producer with six items, ready at once; a consumer that takes 0.3 s each:",
    "[ 1.80s] producer: send() returned at 0.00 0.00 0.00 0.30 0.60 0.90",
    "[ 1.80s] consumer: done at           0.30 0.60 0.90 1.20 1.50 1.80",
    "[ 1.80s] consumer: recv() gave None at 1.80: the producer ended, its Sender was dropped",
    "Three sends returned at once: one item taken by the consumer, two queued.",
    "Then the producer waited at send() for a free place: 2 queued, no more.",
    "An asyncio.Queue does not close by itself: Python needs a sentinel, or",
    "task_done() and join(), or (3.13+) an explicit queue.shutdown().",
    "",
    "== Part 2: shared state: an actor, or a lock (asyncio.Lock ↔ Mutex) ==",
    "[ 2.20s] actor: four tasks visited at once; replies [1, 2, 3, 4]; in 0.40 s (0.1 s per visit); final count 4",
    "One task owns the counts and takes requests one at a time: no lock, no race.",
    "Three tasks each add a visit, then save for 0.1 s:",
    "[ 2.50s] tokio::sync::Mutex held across the save: 0.30 s (one at a time)",
    "[ 2.60s] std::sync::Mutex released before the save: 0.10 s (together)",
    "A std MutexGuard kept across .await in a spawned task does not compile",
    "(\"future cannot be sent between threads safely\"): see src/lib.rs.",
    "",
    "== Part 3: broadcast (every message to all) and watch (the latest value) ==",
    "[ 2.90s] broadcast: subscriber 1 got [\"a\", \"b\", \"c\"], subscriber 2 got [\"a\", \"b\", \"c\"]",
    "[ 2.90s] broadcast(2): a subscriber that read nothing while 5 came: [\"Err(Lagged(3))\", \"g\", \"h\"]",
    "It lost the oldest: a broadcast keeps the last 2, and its recv() says how many",
    "you missed with Err(Lagged(n)) before it gives the rest.",
    "watch: a value set every 0.1 s (1 to 5), read by a task that looks every 0.25 s:",
    "[ 3.75s] watch: the reader saw [1, 3, 5] at 0.10 0.35 0.60: only the latest, never a backlog (not the first 0: changed() waits for a value not yet seen)",
    "",
    "== Part 4: graceful shutdown (Ctrl-C, SIGTERM ↔ loop.add_signal_handler) ==",
    "Jobs start every 0.25 s and take 0.60 s (every third: 3.00 s); on a stop: no new jobs,",
    "1.00 s for the jobs in flight, then the rest are aborted.",
    "A pretend Ctrl-C comes at 1.10 s (press a real one to stop sooner):",
    "[ 3.75s] job 1 started",
    "[ 4.00s] job 2 started",
    "[ 4.25s] job 3 started (slow)",
    "[ 4.35s] job 1 finished",
    "[ 4.50s] job 4 started",
    "[ 4.60s] job 2 finished",
    "[ 4.75s] job 5 started",
    "[ 4.85s] shutdown asked (a pretend Ctrl-C): no new jobs; up to 1.00 s for the 3 in flight",
    "[ 5.10s] job 4 finished",
    "[ 5.35s] job 5 finished",
    "[ 5.85s] deadline: job 3 aborted (it would have run until 3.50 s into Part 4)",
    "[ 5.85s] shut down: 5 started, 4 finished (2 before the stop, 2 during the drain), 1 aborted; none started after the stop",
];

/// On a paused clock the whole transcript is exact: the producer's sends wait for the
/// consumer, the lock held across `.await` triples the time, the slow watch reader sees
/// 1, 3 and 5, and the shutdown lets jobs 4 and 5 finish and aborts job 3 at the deadline.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    let (_switch, stop) = StopRequest::channel();
    assert_eq!(lesson::run(&out, &stop).await, Ok(()));
    assert_lines(&out.lines(), EXPECTED);
}

/// What each part returns agrees with what it printed.
#[tokio::test(start_paused = true)]
async fn the_parts_measure_what_they_claim() {
    let out = Transcript::captured();
    let pipeline = lesson::back_pressure(&out).await;
    let ms = |all: &[Duration]| all.iter().map(Duration::as_millis).collect::<Vec<_>>();
    assert_eq!(
        ms(&pipeline.sent_at),
        [0, 0, 0, 300, 600, 900],
        "two ahead, no more"
    );
    assert_eq!(pipeline.closed_at, Duration::from_millis(1800));
    let shared = lesson::shared_state(&out).await;
    assert_eq!(shared.home_visits, 4);
    assert_eq!(shared.held_across_await, Duration::from_millis(300));
    assert_eq!(shared.released_before_await, Duration::from_millis(100));
    let fan_out = lesson::broadcast_and_watch(&out).await;
    assert_eq!(fan_out.subscribers[0], fan_out.subscribers[1]);
    assert_eq!(fan_out.laggard, ["Err(Lagged(3))", "g", "h"]);
    assert_eq!(fan_out.watched, [1, 3, 5]);
}

/// A stop asked for during a part ends that part at once, with which part and signal.
#[tokio::test(start_paused = true)]
async fn a_stop_request_interrupts_the_part_running() {
    let out = Transcript::captured();
    let (switch, stop) = StopRequest::channel();
    let pull = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        switch.pull(Signal::CtrlC);
    };
    let (outcome, ()) = tokio::join!(lesson::run(&out, &stop), pull);
    assert_eq!(
        outcome,
        Err(Interrupted {
            part: "Part 1",
            signal: Signal::CtrlC
        })
    );
    assert!(!out.text().contains("Part 2"), "{}", out.text());
}

/// A real stop during Part 4 takes the graceful path: nothing starts after it, the
/// short jobs in flight finish.
#[tokio::test(start_paused = true)]
async fn a_stop_during_the_service_drains_it() {
    let out = Transcript::captured();
    let (switch, stop) = StopRequest::channel();
    let pull = async {
        tokio::time::sleep(Duration::from_millis(600)).await;
        switch.pull(Signal::Terminate);
    };
    let (drained, ()) = tokio::join!(
        shutdown::graceful_shutdown(&out, &stop, shutdown::SERVE),
        pull
    );
    assert_eq!(drained.signal, Signal::Terminate);
    assert_eq!(
        (drained.started, drained.finished),
        (3, 2),
        "{}",
        out.text()
    );
    assert_eq!(drained.aborted, [3]);
}

/// The real binary prints the same lines (times masked) and exits 0.
#[test]
fn real_binary_prints_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    // Stamps off and times masked, on both sides.
    run.assert_lines_without_times(EXPECTED);
}

/// Every job started before the shutdown line either finished or was aborted at the
/// deadline, and no job started after it.
#[track_caller]
fn assert_drained(run: &Finished) {
    let lines = run.lines();
    let stop_at = lines
        .iter()
        .position(|line| line.contains("shutdown asked"))
        .unwrap_or_else(|| panic!("no shutdown line\n\n{run}"));
    let started: Vec<String> = lines[..stop_at]
        .iter()
        .filter_map(|line| without_stamp(line).strip_prefix("job "))
        .filter_map(|rest| rest.split_once(" started").map(|(n, _)| n.to_owned()))
        .collect();
    assert!(
        !started.is_empty(),
        "no job started before the stop\n\n{run}"
    );
    assert!(
        !lines[stop_at..].iter().any(|line| {
            let line = without_stamp(line);
            line.starts_with("job ") && line.contains(" started")
        }),
        "a job started after the stop\n\n{run}"
    );
    for number in started {
        let ended = lines.iter().any(|line| {
            let line = without_stamp(line);
            line == format!("job {number} finished")
                || line.starts_with(&format!("deadline: job {number} aborted"))
        });
        assert!(
            ended,
            "job {number} neither finished nor was aborted\n\n{run}"
        );
    }
    assert!(
        lines.last().is_some_and(|line| line.contains("shut down:")),
        "{run}"
    );
}

/// `--serve` and SIGTERM: the work in flight is drained, nothing new starts, exit 0.
#[test]
fn sigterm_drains_the_service_and_exits_0() {
    let run = run_and_signal(PACKAGE, &["--serve"], "job 4 started", "TERM");
    run.assert_success();
    assert!(run.stdout.contains("shutdown asked (SIGTERM)"), "{run}");
    assert_drained(&run);
}

/// Ctrl-C (SIGINT) in the middle of Part 2: one line on stderr, exit 130, no panic.
#[test]
fn ctrl_c_mid_lesson_stops_cleanly_with_130() {
    let run = run_and_signal(PACKAGE, &[], "== Part 2", "INT");
    run.assert_one_line_error(130, "stopped by Ctrl-C during Part 2");
    assert!(!run.stdout.contains("== Part 3"), "{run}");
}

/// Ctrl-C during Part 4 of the lesson takes the graceful path instead of the pretend one.
#[test]
fn ctrl_c_during_the_service_drains_it() {
    let run = run_and_signal(PACKAGE, &[], "job 2 started", "INT");
    run.assert_success();
    assert!(run.stdout.contains("shutdown asked (Ctrl-C)"), "{run}");
    assert_drained(&run);
}
