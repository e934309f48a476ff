//! Lesson 11: testing async code. The virtual times are exact; the real times vary,
//! so they are masked, and asserted to be small.

use std::time::Duration;

use course_kit::Transcript;
use course_kit::transcript::without_stamp;
use lesson_11_testing::{self as lesson, Health};

use crate::support::expect::mask_times;
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-11-testing";

/// `line` with its measured real time masked (the number before " s real" or " s of
/// real time"); everything else, virtual times included, as it is.
fn masked_real_time(line: &str) -> String {
    let Some(end) = [" s real", " s of real time"]
        .iter()
        .find_map(|marker| line.find(marker))
    else {
        return line.to_owned();
    };
    let start = line[..end].rfind(' ').map_or(0, |space| space + 1);
    format!(
        "{}{}{}",
        &line[..start],
        mask_times(&line[start..end]),
        &line[end..]
    )
}

/// The transcript (its golden file, stamps off): the watchdog's changes at 5:30 and
/// 8:00, the 30 s timeout, advance vs sleep, the same replies over duplex and TCP, 55 of
/// 100 sleeping waits too early, and the paused clock's limits. Only the real times vary.
#[tokio::test]
async fn transcript_is_exact_but_for_real_times() {
    let out = Transcript::captured();
    lesson::run(&out).await.expect("the lesson runs");
    let actual: Vec<String> = out
        .lines()
        .iter()
        .map(|line| without_stamp(line).to_owned())
        .collect();
    golden(PACKAGE, "lesson").assert_masked(&actual, masked_real_time);
}

/// Ten minutes of virtual time take well under a second of real time, and the parts
/// measure what they print.
#[tokio::test]
async fn ten_virtual_minutes_take_under_a_second() {
    let out = Transcript::captured();
    let run = lesson::part_1(&out).await.expect("part 1 runs");
    assert_eq!(run.virtual_time, Duration::from_secs(600));
    assert!(
        run.real_time < Duration::from_secs(1),
        "{:?}",
        run.real_time
    );
    assert_eq!(
        run.output,
        [
            lesson::Change {
                at: Duration::from_secs(330),
                health: Health::Down
            },
            lesson::Change {
                at: Duration::from_secs(480),
                health: Health::Up
            },
        ]
    );
    let stepped = lesson::part_3(&out).await.expect("part 3 runs");
    assert_eq!(
        [
            stepped.advance_89,
            stepped.advance_91,
            stepped.sleep_89,
            stepped.sleep_91
        ],
        [Health::Up, Health::Up, Health::Up, Health::Down]
    );
    let waiting = lesson::part_6(&out).await.expect("part 6 runs");
    assert!(
        waiting.sleep_failed == 55
            && waiting.sleep_failed_on_a_tie == 5
            && waiting.signal_failed == 0,
        "{waiting:?}"
    );
    assert!(waiting.signal_spent < waiting.sleep_spent, "{waiting:?}");
}

/// Part 7: a multi-thread runtime refuses the paused clock; a blocking call holds the
/// clock still, so a 1 ms timeout around it never fires and its time passes for real.
#[tokio::test]
async fn the_paused_clock_stops_at_threads_and_blocking() {
    let out = Transcript::captured();
    let limits = lesson::part_7(&out).await.expect("part 7 runs");
    assert!(
        limits
            .multi_thread
            .contains("requires the `current_thread` Tokio runtime"),
        "{limits:?}"
    );
    assert!(limits.blocking_finished, "{limits:?}");
    assert_eq!(limits.blocking_virtual, Duration::ZERO, "{limits:?}");
    assert!(limits.blocking_real >= lesson::BLOCKING_CALL, "{limits:?}");
}

/// The real binary prints the same lines (real times masked), exits 0, and its ten
/// virtual minutes took under a second of real time.
#[test]
fn real_binary_prints_the_same_lines() {
    let run = run_lesson(PACKAGE, &[]);
    // Part 7's deliberate panic, in one line.
    run.assert_success_with_stderr(&[
        "(panic report) `time::pause()` requires the `current_thread`",
    ]);
    // Stamps off and times masked, on both sides.
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
    // Its own measurement (the wall time around the process also counts starting it).
    let real_seconds: f64 = run
        .lines()
        .iter()
        .find_map(|line| {
            line.split_once(" s of real time")?
                .0
                .rsplit(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no real time printed\n\n{run}"));
    assert!(
        real_seconds < 1.0,
        "ten virtual minutes took {real_seconds} s\n\n{run}"
    );
}
