//! Assertions whose failure messages show the *whole* output next to what was expected.

use std::time::Duration;

/// Asserts that `actual` is exactly `expected`, line for line. On failure it prints the
/// first line that differs, then the whole actual transcript and the whole expected one.
#[track_caller]
pub fn assert_lines<A, E>(actual: &[A], expected: &[E])
where
    A: AsRef<str>,
    E: AsRef<str>,
{
    let actual: Vec<&str> = actual.iter().map(AsRef::as_ref).collect();
    let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
    if actual == expected {
        return;
    }
    let first_difference = actual
        .iter()
        .zip(&expected)
        .position(|(a, e)| a != e)
        .unwrap_or(actual.len().min(expected.len()));
    panic!(
        "transcripts differ at line {line} (actual: {actual_count} lines, expected: \
         {expected_count})\n  actual:   {a:?}\n  expected: {e:?}\n\n{}",
        side_by_side(&actual, &expected),
        line = first_difference + 1,
        actual_count = actual.len(),
        expected_count = expected.len(),
        a = actual.get(first_difference),
        e = expected.get(first_difference),
    );
}

/// The whole actual text, then the whole expected text, each line numbered.
pub fn side_by_side(actual: &[&str], expected: &[&str]) -> String {
    let number = |lines: &[&str]| -> String {
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| format!("{:>3} | {line}\n", i + 1))
            .collect()
    };
    format!(
        "--- actual ---\n{}--- expected ---\n{}",
        number(actual),
        number(expected)
    )
}

/// Asserts that a real-time measurement is within 1% + 20 ms of what the lesson should
/// take. Real sleeps overshoot by a little (the timer's granularity, the OS scheduler);
/// they never come in short.
#[track_caller]
pub fn assert_duration_close(what: &str, actual: Duration, expected: Duration, context: &str) {
    let tolerance = expected / 100 + Duration::from_millis(20);
    let difference = actual.abs_diff(expected);
    assert!(
        difference <= tolerance,
        "{what}: measured {actual:?}, expected {expected:?} ± {tolerance:?}\n\n{context}"
    );
}
