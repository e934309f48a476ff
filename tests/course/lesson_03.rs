//! Lesson 3: sequential awaits take 6 s; `join!` and `join_all` take 2 s; results keep
//! their order.

use std::time::Duration;

use course_kit::Transcript;
use lesson_03_sequential_vs_gather as lesson;

use course_kit::transcript::{parse_stamp as stamp, without_stamp};

use crate::support::expect::{
    assert_concurrent, assert_lines, assert_ratio_at_least, assert_took_about,
};
use crate::support::golden::{assert_timelines, golden};
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-03-sequential-vs-gather";

/// On a paused clock: 6.00 s sequential, 2.00 s with join! and join_all, the charts (a
/// staircase, then stacked bars) and the results in order, exactly.
#[tokio::test(start_paused = true)]
async fn transcript_and_charts_are_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    let totals = lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
    // The staircase, the stacked bars twice, and the reversed finishes, as pictures for
    // the book.
    assert_timelines(PACKAGE, &out.figures(), 4);
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

/// The lines of one part, from its heading up to the next heading.
#[track_caller]
fn part<'a>(lines: &[&'a str], heading: &str, context: &str) -> Vec<&'a str> {
    let start = lines.iter().position(|line| *line == heading);
    let Some(start) = start else {
        panic!("no heading {heading:?}\n\n{context}")
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

    // Parts compared with the paused run's golden file.
    let golden_lines = golden(PACKAGE, "lesson").lines();
    let golden_lines: Vec<&str> = golden_lines.iter().map(String::as_str).collect();
    let headings: Vec<&str> = golden_lines
        .iter()
        .copied()
        .filter(|line| line.starts_with("== Part"))
        .collect();
    let run_lines = run.lines();
    let of_run = |heading: &str| said(&part(&run_lines, heading, &context));
    let of_golden = |heading: &str| said(&part(&golden_lines, heading, &context));

    // Sequential: exactly Python's order.
    assert_lines(&of_run(headings[0]), &of_golden(headings[0]));

    // Concurrent: all three "Starting" lines, then the three "Hello" lines. Which Hello
    // comes first depends on which timer the OS lets fire first, so only the set is fixed.
    for heading in [headings[1], headings[2]] {
        let lines = of_run(heading);
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
    assert_lines(&of_run(headings[3]), &of_golden(headings[3]));

    // Every part drew its chart: a time axis after each of the four.
    let axes = run
        .lines()
        .iter()
        .filter(|line| line.trim_start().starts_with("+--"))
        .count();
    assert_eq!(axes, 4, "{context}");
}
