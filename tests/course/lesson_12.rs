//! Lesson 12: The compiler errors async Rust gives you.

use course_kit::Transcript;
use lesson_12_compiler_errors as lesson;

use crate::support::compile;
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-12-compiler-errors";

/// On a paused clock the whole transcript is exact: it is the golden file
/// `lessons/12-compiler-errors/golden/lesson.txt`, which the book shows. After changing the
/// lesson's output on purpose, `just bless-outputs` rewrites it.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {
    let out = Transcript::captured();
    lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
}

/// The real binary prints the same lines (times masked) and exits 0.
#[test]
fn real_binary_prints_the_same_lines() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
}

/// The plain version prints its golden file (a real run; times masked), which the
/// chapter shows.
#[test]
fn plain_version_prints_its_golden_file() {
    let run = run_lesson("plain-12", &[]);
    run.assert_success();
    golden(PACKAGE, "plain").assert_real_run(&run.lines(), str::to_owned);
}

/// `--only N` shows error N alone; a number out of range is a usage error.
#[test]
fn only_shows_one_error() {
    let run = run_lesson(PACKAGE, &["--only", "4"]);
    run.assert_success();
    let headings: Vec<&str> = run
        .lines()
        .into_iter()
        .filter(|line| line.starts_with("== "))
        .collect();
    assert_eq!(
        headings,
        ["== 4. cannot move out of `client`, a captured variable in an `FnMut` closure =="],
        "{run}"
    );
    run_lesson(PACKAGE, &["--only", "12"])
        .assert_one_line_error(2, "error: --only wants a whole number from 1 to 11");
}

/// Every program in `broken/` really fails to compile, with the error (code and whole
/// first line) its header and the lesson's output name. They are compiled with every
/// snippet, as binaries of one scratch crate (`support::compile`).
#[test]
fn every_broken_program_fails_with_its_message() {
    let (_, build) = compile::checked();
    for case in lesson::CASES {
        let target = format!("case-{}", case.name);
        let Some(first) = compile::first_error(build, &target) else {
            panic!(
                "broken/{}.rs compiled without an error (or did not build at all):\n{}",
                case.name, build.stderr
            );
        };
        assert!(
            first.code == case.code() && first.message == case.error(),
            "broken/{}.rs: expected error{} `{}`, rustc said:\n{}",
            case.name,
            case.code()
                .map_or(String::new(), |code| format!("[{code}]")),
            case.error(),
            first.rendered
        );
    }
}
