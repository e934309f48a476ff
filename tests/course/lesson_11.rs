//! Lesson 11: testing async code. The virtual times are exact; the real times vary,
//! so they are masked, and asserted to be small.

use std::time::Duration;

use course_kit::Transcript;
use course_kit::transcript::without_stamp;
use lesson_11_testing::{self as lesson, Health};

use crate::support::expect::{assert_lines, mask_times};
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-11-testing";

const EXPECTED: &[&str] = &[
    "Lesson 11: Testing async code",
    "(Start with the plain version, just plain-11; this is the same idea, measured.)",
    "Each part runs code under test the way a test would; tests/examples.rs has",
    "each one as a #[tokio::test] (cargo test -p lesson-11-testing).",
    "",
    "== Part 1: ten minutes in milliseconds (start_paused = true) ==",
    "(The paused clock is tokio's test-util feature; Up and Down are Rust's {:?}.)",
    "A watchdog calls a peer down after 90 s without a heartbeat. The peer beats",
    "every 30 s until 4:00, is silent, and beats again from 8:00 to 10:00:",
    "at 5:30 (virtual) the peer is Down",
    "at 8:00 (virtual) the peer is Up",
    "10:00 of virtual time, in #.## s of real time",
    "Down at 5:30, exactly 90 s after the last beat; up at 8:00. No test waited for it.",
    "",
    "== Part 2: testing a timeout without waiting for it ==",
    "timeout(30 s, a server that never answers) gave up: true, after 30.00 s virtual, #.## s real",
    "",
    "== Part 3: stepping the clock by hand (time::advance) or by sleep ==",
    "advance(89 s): Up; advance(2 s) more, then look at once: Up",
    "sleep(89 s):   Up; sleep(2 s) more:                     Down",
    "advance only moved the clock; the next turn of the runtime fired the timer and",
    "queued the watchdog, but the test's own future was polled first, so it looked",
    "too soon (the docs of tokio::time::advance warn of this). sleep let auto-advance",
    "stop at 90 s and run the watchdog first: prefer sleep in tests.",
    "",
    "== Part 4: a fake socket (tokio::io::duplex) ==",
    "sent ping, hello, ping in one write; the server answered 3: [\"pong\", \"unknown command: hello\", \"pong\"]",
    "",
    "== Part 5: a real server on port 0 (the OS picks a free port) ==",
    "127.0.0.1, on a port the OS picked (not 0: true): the server answered 3: [\"pong\", \"unknown command: hello\", \"pong\"]",
    "A fixed port would clash when two tests (or two runs) use it at once.",
    "",
    "== Part 6: don't sleep to wait for something; wait for it ==",
    "A server needs 1 to 20 ms to start. 100 runs each way, on a paused clock:",
    "sleep(10 ms), then look: looked too early in 55 of 100 runs (1.27 s of virtual time)",
    "  50 runs whose server took longer than 10 ms, and 5 that took exactly 10 ms:",
    "  on a tie both wake at once, and the test's own future is polled first",
    "wait for the ready signal (5 s deadline): wrong in 0 of 100 runs (1.05 s of virtual time)",
    "The sleeping test is wrong whenever the machine is slower than the guess, and",
    "slow whenever it is faster. The signal comes when the server says it is ready,",
    "with no guessed margin; the deadline only trips for a broken server.",
];

/// The measured real times masked (the number before " s real" or " s of real time");
/// everything else, virtual times included, as it is.
fn masked_real_times(lines: &[impl AsRef<str>]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let line = line.as_ref();
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
        })
        .collect()
}

/// The transcript: the watchdog's changes at 5:30 and 8:00, the 30 s timeout, advance
/// vs sleep, the same replies over duplex and TCP, and 33 of 100 sleeping waits too
/// early. Only the real times vary.
#[tokio::test]
async fn transcript_is_exact_but_for_real_times() {
    let out = Transcript::captured();
    lesson::run(&out).await.expect("the lesson runs");
    let actual: Vec<String> = out
        .lines()
        .iter()
        .map(|line| without_stamp(line).to_owned())
        .collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|line| without_stamp(line)).collect();
    assert_lines(&masked_real_times(&actual), &masked_real_times(&expected));
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

/// The real binary prints the same lines (real times masked), exits 0, and its ten
/// virtual minutes took under a second of real time.
#[test]
fn real_binary_prints_the_same_lines() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    // Stamps off and times masked, on both sides.
    run.assert_lines_without_times(EXPECTED);
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
