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
    run_lesson(PACKAGE, &["--only", "13"])
        .assert_one_line_error(2, "error: --only wants a whole number from 1 to 12");
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

/// rustc's whole message for each broken program is its golden file,
/// `golden/rustc/NAME.txt`, which the chapter shows (its path written as
/// `broken/NAME.rs`). After a toolchain update changes a message:
/// `UPDATE_EXPECT=1 cargo test -p course-tests lesson_12`.
#[test]
fn each_broken_program_shows_rustcs_whole_message() {
    let (_, build) = compile::checked();
    let folder =
        crate::support::binaries::workspace_root().join("lessons/12-compiler-errors/golden/rustc");
    let update = std::env::var_os(crate::support::golden::UPDATE).is_some();
    let mut stale = Vec::new();
    for case in lesson::CASES {
        let target = format!("case-{}", case.name);
        let first = compile::first_error(build, &target)
            .unwrap_or_else(|| panic!("broken/{}.rs compiled", case.name));
        let shown = without_cargo_home(&first.rendered.replace(
            &format!("src/bin/{target}.rs"),
            &format!("broken/{}.rs", case.name),
        ));
        let file = folder.join(format!("{}.txt", case.name));
        if update {
            std::fs::create_dir_all(&folder).expect("make golden/rustc");
            std::fs::write(&file, &shown).expect("write a golden file");
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(shown.as_str()) {
            stale.push(format!("{}:\n{shown}", file.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "rustc's message differs from its golden file (UPDATE_EXPECT=1 rewrites them):\n{}",
        stale.join("\n")
    );
}

/// `--> /home/ann/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.54.1/...`
/// as `--> ~/.cargo/registry/src/tokio-1.54.1/...`: the same on every machine.
fn without_cargo_home(rendered: &str) -> String {
    let marker = "/registry/src/";
    let lines: Vec<String> = rendered
        .lines()
        .map(|line| {
            let (Some(arrow), Some(at)) = (line.find("--> "), line.find(marker)) else {
                return line.to_owned();
            };
            let after = &line[at + marker.len()..];
            let crate_path = after.split_once('/').map_or(after, |(_, rest)| rest);
            format!("{}--> ~/.cargo/registry/src/{crate_path}", &line[..arrow])
        })
        .collect();
    lines.join("\n") + if rendered.ends_with('\n') { "\n" } else { "" }
}
