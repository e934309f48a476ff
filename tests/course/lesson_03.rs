//! Lesson 3: sequential awaits take 6 s; `join!` and `join_all` take 2 s; results keep
//! their order.

use std::time::Duration;

use course_kit::Transcript;
use lesson_03_sequential_vs_gather as lesson;

use course_kit::transcript::{parse_stamp as stamp, without_stamp};

use crate::support::expect::{
    assert_concurrent, assert_lines, assert_ratio_at_least, assert_took_about,
};
use crate::support::finished::Finished;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-03-sequential-vs-gather";

const SEQUENTIAL: &[&str] = &[
    "",
    "== Part 1: one .await after another ==",
    "[ 0.00s] Starting Alice...",
    "[ 2.00s] Hello, Alice!",
    "[ 2.00s] Starting Bob...",
    "[ 4.00s] Hello, Bob!",
    "[ 4.00s] Starting Charlie...",
    "[ 6.00s] Hello, Charlie!",
    "[ 6.00s] Total time: 6.00 seconds",
    "Alice   |##################                                    | 0.00-2.00s",
    "Bob     |                  ##################                  | 2.00-4.00s",
    "Charlie |                                    ##################| 4.00-6.00s",
    "        +--------+--------+--------+--------+--------+--------+",
    "        0s       1s       2s       3s       4s       5s       6s",
];

const JOIN_MACRO: &[&str] = &[
    "",
    "== Part 2: tokio::join! (asyncio.gather) ==",
    "[ 6.00s] Starting Alice...",
    "[ 6.00s] Starting Bob...",
    "[ 6.00s] Starting Charlie...",
    // join! starts its second round of polls at the next branch: Bob.
    "[ 8.00s] Hello, Bob!",
    "[ 8.00s] Hello, Charlie!",
    "[ 8.00s] Hello, Alice!",
    "[ 8.00s] Total time: 2.00 seconds",
    "Alice   |########################################################| 0.00-2.00s",
    "Bob     |########################################################| 0.00-2.00s",
    "Charlie |########################################################| 0.00-2.00s",
    "        +-------------+-------------+-------------+-------------+",
    "        0.0s          0.5s          1.0s          1.5s          2.0s",
];

const JOIN_ALL: &[&str] = &[
    "",
    "== Part 3: futures::future::join_all (asyncio.gather(*coros)) ==",
    "[ 8.00s] Starting Alice...",
    "[ 8.00s] Starting Bob...",
    "[ 8.00s] Starting Charlie...",
    "[10.00s] Hello, Alice!",
    "[10.00s] Hello, Bob!",
    "[10.00s] Hello, Charlie!",
    "[10.00s] Total time: 2.00 seconds",
    "Alice   |########################################################| 0.00-2.00s",
    "Bob     |########################################################| 0.00-2.00s",
    "Charlie |########################################################| 0.00-2.00s",
    "        +-------------+-------------+-------------+-------------+",
    "        0.0s          0.5s          1.0s          1.5s          2.0s",
];

const RESULTS: &[&str] = &[
    "",
    "== Part 4: results come back in the order given ==",
    "Three fetch_number(n) calls of one second each, joined:",
    "[11.00s] join_all([fetch_number(1), fetch_number(2), fetch_number(3)]) = [10, 20, 30]",
    "Now number 1 waits longest and number 3 shortest:",
    "[11.50s] fetch_number(3) finished",
    "[12.00s] fetch_number(2) finished",
    "[12.50s] fetch_number(1) finished",
    "[12.50s] finished in the order: [3, 2, 1]",
    "[12.50s] join_all returned:     [10, 20, 30]",
    "fetch_number(1) |#############################################   | 0.00-1.50s",
    "fetch_number(2) |##############################                  | 0.00-1.00s",
    "fetch_number(3) |###############                                 | 0.00-0.50s",
    "                +-----+-----+-----+-----+-----+-----+-----+-----+",
    "                0.0s  0.2s  0.4s  0.6s  0.8s  1.0s  1.2s  1.4s  1.6s",
];

const SUMMARY: &[&str] = &[
    "",
    "== Summary ==",
    "sequential: 6.00s, join!: 2.00s, join_all: 2.00s; sequential took 3.0 times as",
    "long.",
];

fn expected_transcript() -> Vec<&'static str> {
    let mut lines = vec![
        "Lesson 3: sequential await vs gather",
        "(Start with the plain version, just plain-3; this is the same idea, measured.)",
        "(Stamps count from the lesson's start and run on; each chart starts at 0.)",
    ];
    for part in [SEQUENTIAL, JOIN_MACRO, JOIN_ALL, RESULTS, SUMMARY] {
        lines.extend_from_slice(part);
    }
    lines
}

/// On a paused clock: 6.00 s sequential, 2.00 s with join! and join_all, the charts (a
/// staircase, then stacked bars) and the results in order, exactly.
#[tokio::test(start_paused = true)]
async fn transcript_and_charts_are_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    let totals = lesson::run(&out).await;
    assert_lines(&out.lines(), &expected_transcript());
    assert_eq!(
        totals,
        lesson::Totals {
            sequential: Duration::from_secs(6),
            join_macro: Duration::from_secs(2),
            join_all: Duration::from_secs(2),
        }
    );
}

/// join_all hands results back in the order given, not the order they finished.
#[tokio::test(start_paused = true)]
async fn results_keep_the_given_order_whatever_the_finish_order() {
    let out = Transcript::captured();
    assert_eq!(
        lesson::results_keep_their_order(&out).await,
        lesson::Ordered {
            results: vec![10, 20, 30],
            reordered: vec![10, 20, 30],
            finish_order: vec![3, 2, 1],
        }
    );
}

/// The lines of one part of a real run, from its heading up to the next heading.
fn part<'a>(run: &'a Finished, heading: &str) -> Vec<&'a str> {
    let lines = run.lines();
    let start = lines.iter().position(|line| *line == heading);
    let Some(start) = start else {
        panic!("no heading {heading:?}\n\n{run}")
    };
    lines[start + 1..]
        .iter()
        .take_while(|line| !line.starts_with("== "))
        .copied()
        .collect()
}

/// The stamped lines of a part, without their stamps, leaving out the "Total time"
/// line (real runs print 6.00 or 6.01: the totals are checked with a tolerance instead).
fn said(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| stamp(line).is_some() && !line.contains("Total time: "))
        .map(|line| without_stamp(line).to_owned())
        .collect()
}

/// The real binary: sequential takes at least 6 s; join! and join_all take near the
/// longest wait (2 s), far from the sum (6 s); sequential takes at least 2.5 times as
/// long as join!; and the lines come in Python's order.
#[test]
fn real_binary_measures_six_and_two_seconds() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    let context = run.to_string();

    let totals = run.total_times();
    assert_eq!(totals.len(), 3, "three totals expected\n\n{run}");
    assert_took_about("sequential", totals[0], Duration::from_secs(6), &context);
    for (total, what) in totals[1..].iter().zip(["join!", "join_all"]) {
        assert_concurrent(
            what,
            *total,
            Duration::from_secs(2),
            Duration::from_secs(6),
            &context,
        );
    }
    assert_ratio_at_least("sequential vs join!", totals[0], totals[1], 2.5, &context);

    // Sequential: exactly Python's order.
    let sequential = said(&part(&run, "== Part 1: one .await after another =="));
    assert_lines(&sequential, &said(&SEQUENTIAL[2..]));

    // Concurrent: all three "Starting" lines, then the three "Hello" lines. Which Hello
    // comes first depends on which timer the OS lets fire first, so only the set is fixed.
    for heading in [JOIN_MACRO[1], JOIN_ALL[1]] {
        let lines = said(&part(&run, heading));
        assert_eq!(
            lines[..3],
            [
                "Starting Alice...",
                "Starting Bob...",
                "Starting Charlie..."
            ],
            "{context}"
        );
        let mut hellos = lines[3..6].to_vec();
        hellos.sort();
        assert_eq!(
            hellos,
            ["Hello, Alice!", "Hello, Bob!", "Hello, Charlie!"],
            "{context}"
        );
    }

    // Results in order, finishes in reverse.
    let results = said(&part(&run, RESULTS[1]));
    assert_lines(&results, &said(&RESULTS[2..]));

    // Every part drew its chart: a time axis after each of the four.
    let axes = run
        .lines()
        .iter()
        .filter(|line| line.trim_start().starts_with("+--"))
        .count();
    assert_eq!(axes, 4, "{context}");
}
