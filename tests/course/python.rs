//! The Python counterparts (`python/lesson_NN.py`), run beside the plain Rust versions by
//! `compare N`: the same waits must take the same time in both. Runs the stdlib-only
//! ones when `python3` is on PATH; otherwise each test says it could not run.

use crate::support::finished::Finished;
use crate::support::run::run_lesson;

/// `Total time #k: Python P s, Rust R s (...)` lines, as (P, R) pairs in seconds.
fn compared_totals(run: &Finished) -> Vec<(f64, f64)> {
    run.lines()
        .into_iter()
        .filter(|line| line.starts_with("Total time #"))
        .filter_map(|line| {
            let (_, rest) = line.split_once(": Python ")?;
            let (python, rest) = rest.split_once(" s, Rust ")?;
            let (rust, _) = rest.split_once(" s ")?;
            Some((python.parse().ok()?, rust.parse().ok()?))
        })
        .collect()
}

/// Runs `compare N`; `None` (after saying so) when there is no python3 here.
#[track_caller]
fn compare(number: u32) -> Option<Finished> {
    let run = run_lesson("compare", &[&number.to_string()]);
    if run.stdout.contains("python3 not found") {
        eprintln!("SKIPPED compare {number}: python3 is not installed here\n{run}");
        return None;
    }
    run.assert_success_showing_the_build();
    Some(run)
}

/// Both sides printed the same number of totals, each within 25% of the other's.
#[track_caller]
fn check_times_match(number: u32, expected_totals: usize) {
    let Some(run) = compare(number) else { return };
    assert!(
        run.stdout
            .contains(&format!("python/lesson_{number:02}.py ("))
            && run
                .stdout
                .contains(&format!("examples/plain-{number:02}.rs ("))
            && run.stdout.contains("Beside Python: "),
        "compare names both programs and ends with the lesson's own paragraph\n\n{run}"
    );
    let totals = compared_totals(&run);
    assert_eq!(totals.len(), expected_totals, "{run}");
    for (python, rust) in totals {
        let ratio = rust / python.max(f64::EPSILON);
        assert!(
            (0.8..=1.25).contains(&ratio),
            "lesson {number}: Python took {python} s and Rust {rust} s\n\n{run}"
        );
    }
}

/// Lesson 1: one 2 s greeting in both languages.
#[test]
fn python_01_matches_rust() {
    check_times_match(1, 1);
}

/// Lesson 2: three coroutines, 3 s in both.
#[test]
fn python_02_matches_rust() {
    check_times_match(2, 1);
}

/// Lesson 3: 6 s one after another, 2 s with gather / join_all, in both.
#[test]
fn python_03_matches_rust() {
    check_times_match(3, 2);
}

/// Lesson 4: three tasks of 1 s together, in both.
#[test]
fn python_04_matches_rust() {
    check_times_match(4, 1);
}

/// Lesson 5: three seconds of ticking, blocking and moving the block to a thread.
#[test]
fn python_05_matches_rust() {
    check_times_match(5, 1);
}

/// Lesson 7: `with` and `async with` in Python, `Drop` and `close().await` in Rust.
#[test]
fn python_07_matches_rust() {
    check_times_match(7, 1);
}

/// Lesson 8: a timeout, a race and a cancellation, 1.5 s in both.
#[test]
fn python_08_matches_rust() {
    check_times_match(8, 1);
}

/// Lesson 9: a semaphore, as_completed, errors as values and a backoff, 2.1 s in both.
#[test]
fn python_09_matches_rust() {
    check_times_match(9, 1);
}

/// Lesson 10: a bounded queue, an actor and a clean stop, 1.8 s in both.
#[test]
fn python_10_matches_rust() {
    check_times_match(10, 1);
}

/// Lesson 11: Python sleeps through its (scaled-down) ten minutes; Rust's paused clock
/// skips them: the Rust side takes a small fraction of the Python side's time.
#[test]
fn python_11_waits_where_rust_skips() {
    let Some(run) = compare(11) else { return };
    let totals = compared_totals(&run);
    assert_eq!(totals.len(), 1, "{run}");
    let (python, rust) = totals[0];
    assert!(python >= 0.5 && rust < python / 5.0, "{run}");
    assert!(
        run.stdout
            .contains("The times differ by more than a quarter"),
        "{run}"
    );
    assert!(
        run.stdout.contains("Beside Python: the same ten minutes"),
        "the closing paragraph is lesson 11's own\n\n{run}"
    );
}

/// `compare` refuses a lesson it does not know: a usage error, exit 2.
#[test]
fn compare_refuses_an_unknown_lesson() {
    run_lesson("compare", &["99"]).assert_one_line_error(2, "error: there is no lesson 99");
    run_lesson("compare", &["three"]).assert_one_line_error(2, "error: invalid value 'three'");
    run_lesson("compare", &["3", "--fast"]).assert_one_line_error(2, "error: unexpected argument");
}

/// Lesson 12: the Python habits run as written and print what the fixed Rust prints.
#[test]
fn python_12_prints_what_the_fixed_rust_prints() {
    let Some(run) = compare(12) else { return };
    for line in [
        "spawned task: 10 chars",
        "shared client: [17, 18]",
        "port: Ok(8080)",
    ] {
        assert_eq!(
            run.stdout.matches(line).count(),
            2,
            "both sides print {line:?}\n\n{run}"
        );
    }
}

/// Lesson 13: the aiohttp service and the axum one give the same answers (the bad
/// body's words aside: each side explains in its own words). Needs aiohttp; says so and
/// skips when it is missing (CI installs it).
#[test]
fn python_13_answers_like_rust() {
    let Some(run) = compare_with_aiohttp(13) else {
        return;
    };
    for line in [
        "200 hello, Ada",
        r#"201 {"id":1,"item":"tea","quantity":2,"giftWrap":false}"#,
        r#"404 {"error":"no order 99"}"#,
    ] {
        assert_eq!(
            run.stdout.matches(line).count(),
            2,
            "both sides print {line:?}\n\n{run}"
        );
    }
    assert_eq!(
        run.stdout.matches(r#"400 {"error":"bad body: "#).count(),
        2,
        "both sides refuse the body without a quantity\n\n{run}"
    );
}

/// [`compare`], or `None` (after saying so) when this Python has no aiohttp.
#[track_caller]
fn compare_with_aiohttp(number: u32) -> Option<Finished> {
    let run = run_lesson("compare", &[&number.to_string()]);
    if run.stdout.contains("python3 not found") || run.stdout.contains("needs aiohttp") {
        eprintln!("SKIPPED compare {number}: python3 with aiohttp is not installed here\n{run}");
        return None;
    }
    run.assert_success_showing_the_build();
    Some(run)
}
