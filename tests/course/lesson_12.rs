//! Lesson 12: The compiler errors async Rust gives you.

use course_kit::Transcript;
use lesson_12_compiler_errors as lesson;

use crate::support::binaries::{binary_path, without_test_crate_env, workspace_root};
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

/// Every program in `broken/` really fails to compile, with the error (code and first
/// line) its header and the lesson's output name. They are compiled as binaries of a
/// scratch crate, against the course's own locked tokio and futures, in a target folder
/// of their own (one `cargo check` for all: a few seconds once its dependencies are
/// checked).
#[test]
fn every_broken_program_fails_with_its_message() {
    let root = workspace_root();
    let scratch = binary_path(PACKAGE)
        .ancestors()
        .nth(2)
        .map(|target| target.join("compile-errors"))
        .expect("the binary lives in target/<profile>/");
    let bins = scratch.join("src/bin");
    let _ = std::fs::remove_dir_all(&bins);
    std::fs::create_dir_all(&bins).expect("make the scratch crate");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[package]\nname = \"compile-errors\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\n\
         tokio = { version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"time\", \"sync\"] }\n\
         futures = { version = \"0.3\", default-features = false, features = [\"std\"] }\n\n\
         [workspace]\n",
    )
    .expect("write the scratch manifest");
    // The course's lock file: the same versions, and no network.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("copy the lock");
    for case in lesson::CASES {
        std::fs::write(bins.join(format!("case-{}.rs", case.name)), case.source)
            .expect("write a case");
    }
    let mut command = std::process::Command::new(course_devkit::cargo::program());
    without_test_crate_env(&mut command)
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .args([
            "check",
            "--message-format=json",
            "--offline",
            "--bins",
            "--keep-going",
        ]);
    let build = course_devkit::cargo::run(
        &mut command,
        std::time::Duration::from_secs(600),
        course_devkit::child::Stderr::Capture,
    )
    .expect("cargo runs");
    assert!(
        !build.succeeded,
        "the broken programs compiled:\n{}",
        build.stderr
    );
    for case in lesson::CASES {
        let target = format!("case-{}", case.name);
        let first = build.errors.iter().find(|error| error.target == target);
        let Some(first) = first else {
            panic!(
                "broken/{}.rs compiled without an error (or did not build at all):\n{}",
                case.name, build.stderr
            );
        };
        assert!(
            first.code == case.code() && first.message.starts_with(&case.error()),
            "broken/{}.rs: expected error{} `{}`, rustc said:\n{}",
            case.name,
            case.code()
                .map_or(String::new(), |code| format!("[{code}]")),
            case.error(),
            first.rendered
        );
    }
}
