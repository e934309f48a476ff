//! `new-lesson`, run in a temporary copy of the workspace: what it writes, what it
//! refuses, that a refusal leaves the tree untouched, and (in CI) that the new lesson
//! builds and its generated test passes while the consistency test lists its markers.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::binaries::{binary_path, workspace_root};
use crate::support::finished::Finished;
use crate::support::run::{BUILD_DEADLINE, run_lesson, run_within};
use crate::support::seed;
use crate::support::workspace::lessons;

/// A fresh copy of the workspace's sources (no `target/`, no `.git`), in the tests'
/// own temporary folder.
fn copy_of_the_workspace() -> PathBuf {
    static COPIES: AtomicUsize = AtomicUsize::new(0);
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "workspace-copy-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&copy);
    course_devkit::files::copy_tree(&workspace_root(), &copy, &|name| {
        name == "target" || name == ".git"
    })
    .expect("copy the workspace");
    copy
}

/// Every file under `root` (but `target/`) with its text: to prove nothing changed.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    course_devkit::files::files_below(root, "".as_ref())
        .into_iter()
        .map(|path| {
            let text = fs::read(root.join(&path)).expect("read a file");
            (path, text)
        })
        .collect()
}

/// Runs `new-lesson ARGS --root COPY`.
#[track_caller]
fn new_lesson(copy: &Path, args: &[&str]) -> Finished {
    let mut all = args.to_vec();
    let root = copy.to_string_lossy().into_owned();
    all.extend(["--root", &root]);
    run_lesson("new-lesson", &all)
}

/// The new lesson gets its crate, plain version, Python, test, golden files, chapter,
/// recipes, the book's rows and table of contents, and test wiring; and every refusal (a number or a topic that exists, a bad
/// topic, a bad number, a missing argument) changes nothing.
#[test]
fn new_lesson_wires_up_a_lesson_and_refuses_clashes() {
    let copy = copy_of_the_workspace();
    let next = format!("{:02}", lessons().len() + 1);
    let run = new_lesson(&copy, &[&next, "timeouts", "Timeouts and cancellation"]);
    assert!(run.status.success(), "{run}");
    let n = lessons().len() + 1;
    for file in [
        format!("lessons/{next}-timeouts/Cargo.toml"),
        format!("lessons/{next}-timeouts/src/main.rs"),
        format!("lessons/{next}-timeouts/src/lib.rs"),
        format!("lessons/{next}-timeouts/examples/plain-{next}.rs"),
        format!("python/lesson_{next}.py"),
        format!("tests/course/lesson_{next}.rs"),
        format!("lessons/{next}-timeouts/golden/lesson.txt"),
        format!("lessons/{next}-timeouts/golden/plain.txt"),
        format!("book/src/lessons/{next}-timeouts.md"),
    ] {
        assert!(
            copy.join(&file).is_file(),
            "{file} was not created\n\n{run}"
        );
    }
    let read = |file: &str| fs::read_to_string(copy.join(file)).expect("readable");
    for (file, expected) in [
        (
            "justfile",
            format!("lesson-{n} *ARGS:\n    cargo run -p lesson-{next}-timeouts -- \"$@\""),
        ),
        ("justfile", format!("plain-{n} *ARGS:")),
        (
            "book/src/start-here.md",
            format!("| {n} | [Timeouts and cancellation](lessons/{next}-timeouts.md)"),
        ),
        (
            "book/src/python-to-rust.md",
            format!("| SCAFFOLD: a Python idea of lesson {n} |"),
        ),
        (
            "tests/Cargo.toml",
            format!("lesson-{next}-timeouts = {{ path = \"../lessons/{next}-timeouts\" }}"),
        ),
        ("tests/course/main.rs", format!("mod lesson_{next};")),
        (
            "book/src/SUMMARY.md",
            format!("- [Timeouts and cancellation](lessons/{next}-timeouts.md)"),
        ),
        (
            "course.toml",
            format!(
                "[[lesson]]\nnumber = {n}\nfolder = \"{next}-timeouts\"\ntitle = \"Timeouts and cancellation\""
            ),
        ),
    ] {
        assert!(
            read(file).contains(&expected),
            "{file} lacks {expected:?}\n\n{run}"
        );
    }

    let before = snapshot(&copy);
    for (args, code, message) in [
        (
            &["01", "other", "X"][..],
            1,
            "error: lesson 01 exists already",
        ),
        (
            &["99", "coroutines", "X"][..],
            1,
            "error: a lesson on \"coroutines\" exists already",
        ),
        (&["99", "good", "X"][..], 1, "error: the next lesson is"),
        (
            &["99", "Bad_Name", "X"][..],
            2,
            "error: the topic must be lowercase",
        ),
        (
            &["9", "good", "X"][..],
            2,
            "error: the lesson number must be two digits",
        ),
        (
            &["99", "good"][..],
            2,
            "error: the following required arguments were not provided: <TITLE>",
        ),
    ] {
        new_lesson(&copy, args).assert_one_line_error(code, message);
    }
    assert!(
        before == snapshot(&copy),
        "a refused new-lesson changed files"
    );
    let _ = fs::remove_dir_all(&copy);
}

/// Right after `new-lesson`, the copy builds, the new lesson's generated test passes, and
/// the consistency test fails naming each `SCAFFOLD:` line. Compiles the course's crates
/// a second time (in the copy), so the everyday suite skips it; `.ci/run` runs it.
#[test]
#[ignore = "builds a copy of the workspace; .ci/run runs it"]
fn a_new_lesson_builds_and_its_test_runs() {
    let copy = copy_of_the_workspace();
    let next = format!("{:02}", lessons().len() + 1);
    assert!(
        new_lesson(&copy, &[&next, "timeouts", "Timeouts"])
            .status
            .success()
    );
    // A target folder of its own, inside this build's: sharing this build's folder
    // would let the copy's crates overwrite the real ones, which cargo then takes as
    // fresh (it fingerprints a workspace crate by its path *inside* the workspace, the
    // same in both), with the copy's paths compiled in (`env!("CARGO_MANIFEST_DIR")`).
    let profile = binary_path("new-lesson")
        .parent()
        .map(Path::to_path_buf)
        .expect("the binary lives in target/<profile>/");
    let target = profile
        .parent()
        .map(|target| target.join("scaffold-copy"))
        .expect("target/<profile>/ has a parent");
    // The third-party crates this build compiled, linked in: the copy compiles its own.
    let profile_name = profile.file_name().expect("a profile folder");
    seed::with_dependencies_of(&workspace_root(), &profile, &target.join(profile_name));
    let cargo_test = |filter: &str| {
        let output = course_devkit::cargo::command()
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", &target)
            .args([
                "test",
                "-q",
                "-p",
                "course-tests",
                "--test",
                "course",
                filter,
            ])
            .output()
            .expect("cargo runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (passed, output) = cargo_test(&format!("lesson_{next}"));
    assert!(passed && output.contains("3 passed"), "{output}");
    let (passed, output) = cargo_test("consistency::no_scaffold_marker_is_left");
    assert!(
        !passed
            && output.lines().any(|line| {
                line.contains(&format!("book/src/lessons/{next}-timeouts.md:"))
                    && line.contains("SCAFFOLD: the idea in a few paragraphs")
            }),
        "{output}"
    );
    let _ = fs::remove_dir_all(&copy);
}

/// Runs `new-exercise ARGS --root COPY`.
#[track_caller]
fn new_exercise(copy: &Path, args: &[&str]) -> Finished {
    let mut all = args.to_vec();
    let root = copy.to_string_lossy().into_owned();
    all.extend(["--root", &root]);
    run_lesson("new-exercise", &all)
}

/// `new-exercise` writes the crate, starter (twice: the learner's and the pristine one),
/// check, solution and an info block in course order; it refuses a name or a code that
/// exists and a malformed name, changing nothing.
#[test]
fn new_exercise_scaffolds_in_order_and_refuses_clashes() {
    let copy = copy_of_the_workspace();
    let run = new_exercise(&copy, &["03c-race-two-servers"]);
    assert!(run.status.success(), "{run}");
    for file in [
        "exercises/03c-race-two-servers/Cargo.toml",
        "exercises/03c-race-two-servers/src/lib.rs",
        "exercises/03c-race-two-servers/check.rs",
        "solutions/03c-race-two-servers/src/lib.rs",
    ] {
        assert!(copy.join(file).is_file(), "{file} was not created\n\n{run}");
    }
    let info = fs::read_to_string(copy.join("course.toml")).expect("readable");
    let (new, next) = (
        info.find("name = \"03c-race-two-servers\""),
        info.find("name = \"04a-"),
    );
    assert!(
        new.is_some() && next.is_some() && new < next,
        "the new table goes before lesson 4's\n{info}"
    );
    let read = course_exercises::catalog::parse(&info).expect("the registry still reads");
    let names: Vec<&str> = read.iter().map(|exercise| exercise.name.as_str()).collect();
    let at = names
        .iter()
        .position(|name| *name == "03c-race-two-servers");
    assert!(
        at.is_some_and(|at| names[at - 1] == "03b-join-two" && names[at + 1].starts_with("04a")),
        "{names:?}"
    );
    let chapter = fs::read_to_string(copy.join("book/src/lessons/03-sequential-vs-gather.md"))
        .expect("readable");
    let (listed, before_it) = (
        chapter.find("`exercises/03c-race-two-servers/src/lib.rs`, checked by `just exercise 03c`"),
        chapter.find("`just exercise 03b`"),
    );
    assert!(
        listed.is_some() && before_it < listed && listed < chapter.find("## Go deeper"),
        "the exercise is listed in its chapter, after 03b\n{chapter}"
    );
    let guarded = fs::read_to_string(copy.join("exercises/fingerprints.txt")).expect("readable");
    assert!(
        guarded.contains("  exercises/03c-race-two-servers/check.rs\n"),
        "the new check is guarded\n{guarded}"
    );
    let before = snapshot(&copy);
    for (args, code, message) in [
        (
            &["03c-race-two-servers"][..],
            1,
            "error: exercise 03c-race-two-servers exists already",
        ),
        (
            &["03a-other"][..],
            1,
            "error: an exercise 03a exists already",
        ),
        (
            &["3c-bad"][..],
            2,
            "error: invalid value '3c-bad' for '<NNx-name>': an exercise is named NNx-topic",
        ),
        (
            &[][..],
            2,
            "error: the following required arguments were not provided: <NNx-name>",
        ),
    ] {
        new_exercise(&copy, args).assert_one_line_error(code, message);
    }
    assert!(
        before == snapshot(&copy),
        "a refused new-exercise changed files"
    );
    let _ = fs::remove_dir_all(&copy);
}

/// The scaffolded exercise works as shipped (its starter fails, its solution passes)
/// and `exercise-admin verify` names each line still to write. Compiles the exercises in a
/// copy, so the everyday suite skips it; `.ci/run` runs it.
#[test]
#[ignore = "builds the exercises in a copy of the workspace; .ci/run runs it"]
fn a_new_exercise_works_and_verify_names_what_is_left() {
    let copy = copy_of_the_workspace();
    assert!(
        new_exercise(&copy, &["03c-race-two-servers"])
            .status
            .success()
    );
    // The exercises' third-party crates as this course built them, linked in.
    seed::with_dependencies_of(
        &workspace_root().join("exercises"),
        &workspace_root().join("target/exercises/debug"),
        &copy.join("target/exercises/debug"),
    );
    let root = copy.display().to_string();
    let run = run_within(
        "exercise-admin",
        // The new exercise alone: CI's own `verify --shipped` proves the rest.
        &["verify", "--only", "03c-race-two-servers", "--root", &root],
        &[],
        BUILD_DEADLINE,
    );
    assert_eq!(run.status.code(), Some(1), "{run}");
    let row = run
        .lines()
        .into_iter()
        .find(|line| line.starts_with("03c-race-two-servers"));
    assert!(
        row.is_some_and(|row| row.contains("starter: fails") && row.contains("solution: passes")),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("problem: exercises/03c-race-two-servers/src/lib.rs:1: replace:"),
        "{run}"
    );
    let _ = fs::remove_dir_all(&copy);
}
