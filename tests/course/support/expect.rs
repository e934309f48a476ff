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

/// Replaces every measured time in `line` (digits, a dot, two digits: `6.00`, `12.51`)
/// by `#.##`, so that lines from a real run compare equal to the paused-clock ones.
pub fn mask_times(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut masked = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let is_time = digits > 0
            && chars.get(i + digits) == Some(&'.')
            && chars.get(i + digits + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + digits + 2).is_some_and(char::is_ascii_digit)
            && !chars.get(i + digits + 3).is_some_and(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_time {
            masked.push_str("#.##");
            i += digits + 3;
        } else {
            masked.push(chars[i]);
            i += 1;
        }
    }
    masked
}

/// Asserts that `ratio` = `numerator / denominator` (two real-time measurements) is at
/// least `at_least`: the shape of a concurrency claim ("the sum of the waits took about
/// N times as long as the longest"), which a busy machine slows down evenly on both
/// sides instead of breaking.
#[track_caller]
pub fn assert_ratio_at_least(
    what: &str,
    numerator: Duration,
    denominator: Duration,
    at_least: f64,
    context: &str,
) {
    let ratio = numerator.as_secs_f64() / denominator.as_secs_f64().max(f64::EPSILON);
    assert!(
        ratio >= at_least,
        "{what}: {numerator:?} / {denominator:?} = {ratio:.2}, expected at least {at_least}\n\n\
         {context}"
    );
}

/// Asserts a concurrency claim about real time in a way a busy machine cannot break:
/// the `total` is at least the `longest` wait (sleeps never come in short) and nearer to
/// it than to the `sum` of the waits, which is what running one after another would take.
#[track_caller]
pub fn assert_concurrent(
    what: &str,
    total: Duration,
    longest: Duration,
    sum: Duration,
    context: &str,
) {
    let halfway = (longest + sum) / 2;
    assert!(
        total + Duration::from_millis(5) >= longest && total < halfway,
        "{what}: took {total:?}; concurrently it takes the longest wait, {longest:?}; one \
         after another, the sum, {sum:?} (it must be under {halfway:?})\n\n{context}"
    );
}

/// Asserts a real-time measurement is at least `expected` (a sleep never comes in
/// short) and not absurdly late (under twice as long), whatever else the machine does.
#[track_caller]
pub fn assert_took_about(what: &str, actual: Duration, expected: Duration, context: &str) {
    assert!(
        actual + Duration::from_millis(5) >= expected && actual < expected * 2,
        "{what}: measured {actual:?}, expected at least {expected:?} and under twice that\n\n\
         {context}"
    );
}

/// `line` with the port of any `127.0.0.1:PORT` shown as `PORT`.
/// A line of a text timeline with its bars and its axis masked (a real run's bars can
/// move by a column, and its axis follows the real total); other lines as they are.
pub fn chart_masked(line: &str) -> String {
    let trimmed = line.trim_start();
    let is_axis = line.starts_with(' ')
        && (trimmed.starts_with('+') && trimmed.chars().all(|c| c == '+' || c == '-')
            || trimmed.starts_with("0s")
            || trimmed.starts_with("0.0s"));
    if is_axis {
        return "(the chart's axis)".to_owned();
    }
    let mut pieces = line.splitn(3, '|');
    match (pieces.next(), pieces.next(), pieces.next()) {
        (Some(label), Some(bars), Some(_))
            if bars.chars().all(|c| matches!(c, '#' | '*' | ' ')) =>
        {
            format!("{}|(bars)|", label)
        }
        _ => line.to_owned(),
    }
}

pub fn port_masked(line: &str) -> String {
    let mut masked = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("127.0.0.1:") {
        let (before, after) = rest.split_at(at + "127.0.0.1:".len());
        masked.push_str(before);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        masked.push_str(if digits > 0 { "PORT" } else { "" });
        rest = &after[digits..];
    }
    masked.push_str(rest);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_masked_and_other_numbers_kept() {
        assert_eq!(
            mask_times("Total time: 6.01 seconds, 12.50s, 3 turns, v1.2.3"),
            "Total time: #.## seconds, #.##s, 3 turns, v1.2.3"
        );
        assert_eq!(mask_times("[ 2.00s] Hello!"), "[ #.##s] Hello!");
    }
}
