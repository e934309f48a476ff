//! Lesson 10: queues, channels, shared state and graceful shutdown. Exact on a paused
//! clock; the real binary tells the same story, stops cleanly on Ctrl-C, and drains its
//! jobs on SIGTERM.

use std::time::Duration;

use course_kit::Transcript;
use course_kit::transcript::without_stamp;
use lesson_10_channels_and_shutdown::shutdown::{self, Signal, StopRequest};
use lesson_10_channels_and_shutdown::{self as lesson, Interrupted};

use crate::support::finished::Finished;
use crate::support::golden::golden;
use crate::support::run::{run_and_signal, run_and_signals, run_lesson};

const PACKAGE: &str = "lesson-10-channels-and-shutdown";

/// On a paused clock the whole transcript is exact (its golden file): the producer's
/// sends wait for the consumer, the lock held across `.await` triples the time, the slow
/// watch reader sees 1, 3 and 5, a full queue hands items back, and both shutdowns (by
/// hand, then with tokio-util) let jobs 4 and 5 finish and stop job 3 at the deadline.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    let (_switch, stop) = StopRequest::channel();
    assert_eq!(lesson::run(&out, &stop).await, Ok(()));
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
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
    let full = lesson::full_queue(&out).await;
    assert_eq!(full.tried, ["1 queued", "2 queued", "3 Full (handed back)"]);
    assert_eq!(full.kept_after_reserve, Some(4));
    assert_eq!(full.unbounded_backlog, lesson::BURST as usize);
}

/// Part 6, with tokio-util's token and tracker, drains exactly as Part 5 does by hand.
#[tokio::test(start_paused = true)]
async fn the_library_way_drains_like_the_hand_made_one() {
    let out = Transcript::captured();
    let (_switch, stop) = StopRequest::channel();
    let by_hand = shutdown::graceful_shutdown(&out, &stop, shutdown::DEMO).await;
    let with_tokio_util = lesson::library_way::graceful_shutdown(&out, &stop, shutdown::DEMO).await;
    assert_eq!(by_hand, with_tokio_util);
    assert_eq!(
        (
            with_tokio_util.started,
            with_tokio_util.finished,
            with_tokio_util.aborted
        ),
        (5, 4, vec![3])
    );
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

/// A real stop during Part 5 takes the graceful path: nothing starts after it, the
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
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
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

/// Ctrl-C during Part 5 of the lesson takes the graceful path instead of the pretend one.
#[test]
fn ctrl_c_during_the_service_drains_it() {
    let run = run_and_signal(PACKAGE, &[], "job 2 started", "INT");
    run.assert_success();
    assert!(run.stdout.contains("shutdown asked (Ctrl-C)"), "{run}");
    assert_drained(&run);
}

/// The ctrl_c() trap: the future was made before the setup but not yet polled, so a
/// Ctrl-C during the setup is not caught: the program dies of it (or, where SIGINT is
/// ignored, loses it and waits on, until a SIGTERM ends it); "stopped cleanly" never
/// comes. The fix, a listener made first, keeps that Ctrl-C and stops cleanly.
#[test]
fn ctrl_c_listens_only_from_its_first_poll() {
    let trap = run_and_signals(
        "ctrl-c-trap",
        &[],
        &[("press Ctrl-C now", "INT"), ("waiting for Ctrl-C", "TERM")],
        1,
    );
    assert!(
        !trap.status.success() && !trap.stdout.contains("stopped cleanly"),
        "the Ctrl-C during the setup must not be caught\n\n{trap}"
    );
    let fixed = run_and_signal("ctrl-c-trap", &["--fixed"], "press Ctrl-C now", "INT");
    fixed.assert_success();
    assert!(
        fixed
            .stdout
            .ends_with("set up; waiting for Ctrl-C\nstopped cleanly\n"),
        "{fixed}"
    );
}
