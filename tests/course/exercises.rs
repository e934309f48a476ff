//! The exercises: the whole set is sound (every starter as shipped fails, every
//! solution passes), and the runner behaves as a learner needs, tried in a copy so that
//! nobody's own work is touched.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::binaries::workspace_root;
use crate::support::finished::Finished;
use crate::support::run::{BUILD_DEADLINE, run_lesson, run_with_env, run_within};

/// Every exercise is listed in order, has a brief, a hint, a solution and what its
/// verdict depends on as shipped; every starter fails its check (01b: does not compile),
/// every solution passes, and every wrong answer kept in `solutions/*/wrong/` fails with
/// the message it should. Checked in scratch copies, never in `exercises/` itself. It
/// compiles every starter, solution and wrong answer (about 130 crates), so the everyday
/// suite skips it; `.ci/run` runs it.
#[test]
#[ignore = "compiles every starter, solution and wrong answer; .ci/run runs it"]
fn the_exercise_set_is_sound() {
    let run = run_within("exercise-admin", &["verify"], &[], BUILD_DEADLINE);
    assert!(
        run.status.success() && run.stdout.contains("exercises are sound"),
        "{run}"
    );
}

/// A copy of two exercises (01b and 03a) with their own info, progress and target
/// folder, for trying the runner the way a learner uses it.
struct Copy {
    root: PathBuf,
}

impl Copy {
    fn new() -> Self {
        let real = workspace_root();
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("exercise-runner");
        let _ = fs::remove_dir_all(root.join("exercises"));
        let _ = fs::remove_dir_all(root.join("solutions"));
        let keep = ["01b-missing-await", "03a-concurrent-greetings"];
        for folder in keep.iter().copied().chain(["kit"]) {
            copy_tree(
                &real.join("exercises").join(folder),
                &root.join("exercises").join(folder),
            );
        }
        // Each learner file as the course ships it (the real one may hold your own work):
        // its starter, from its one home.
        let catalog = course_exercises::catalog::load(&real).expect("course.toml reads");
        for name in keep {
            let exercise = catalog
                .iter()
                .find(|exercise| exercise.name == name)
                .expect("the exercise is listed");
            let starter = course_exercises::starter::text(&real, exercise)
                .unwrap_or_else(|error| panic!("the starter of {name}: {error}"));
            write(&root.join(exercise.learner_file()), &starter);
            copy_tree(
                &real.join("solutions").join(name),
                &root.join("solutions").join(name),
            );
        }
        let manifest = fs::read_to_string(real.join("exercises/Cargo.toml"))
            .expect("readable")
            // Not the capstone's check: this copy keeps two exercises only.
            .replace(", \"fanout-check\"", "")
            .replace(
                "path = \"../shared\"",
                &format!("path = {:?}", real.join("shared").display().to_string()),
            );
        write(&root.join("exercises/Cargo.toml"), &manifest);
        fs::copy(
            real.join("exercises/Cargo.lock"),
            root.join("exercises/Cargo.lock"),
        )
        .expect("copy the lock file");
        // Its own target folder: packages named like the real ones must not share one.
        write(
            &root.join("exercises/.cargo/config.toml"),
            "[build]\ntarget-dir = \"../target\"\n",
        );
        copy_tree(&real.join("exercises/kit"), &root.join("exercises/kit"));
        // The registry cut down to the kept exercises: its head, then their tables.
        let info = fs::read_to_string(real.join("course.toml")).expect("readable");
        let mut tables = info.split("\n[[");
        let head = tables.next().unwrap_or_default();
        let kept: Vec<&str> = tables
            .filter(|table| {
                keep.iter()
                    .any(|name| table.contains(&format!("\nname = \"{name}\"\n")))
            })
            .collect();
        write(
            &root.join("course.toml"),
            &format!("{head}\n[[{}\n", kept.join("\n[[")),
        );
        // The copy's manifest and cargo settings differ from the course's: an instructor
        // blesses them, as after any deliberate change.
        let root_text = root.display().to_string();
        let blessed = run_lesson("exercise-admin", &["bless", "--root", &root_text]);
        assert!(blessed.status.success(), "{blessed}");
        // A git repository, as a clone of the course is: `reset` finds a starter there.
        let _ = fs::remove_dir_all(root.join(".git"));
        for args in [
            &["init", "-q"][..],
            &["add", "-A"],
            &[
                "-c",
                "user.name=course",
                "-c",
                "user.email=course@localhost",
                "commit",
                "-q",
                "-m",
                "as shipped",
            ],
        ] {
            let status = std::process::Command::new("git")
                .arg("-C")
                .arg(&root)
                .args(args)
                .status()
                .expect("git runs");
            assert!(
                status.success(),
                "git {args:?} failed in {}",
                root.display()
            );
        }
        Self { root }
    }

    #[track_caller]
    fn runner(&self, args: &[&str]) -> Finished {
        let root = self.root.display().to_string();
        let mut all = args.to_vec();
        all.extend(["--root", &root]);
        // A two-second deadline instead of ten, for the check that never finishes.
        run_with_env("exercises", &all, &[("EXERCISE_DEADLINE_SECS", "2")])
    }

    fn file(&self, name: &str) -> PathBuf {
        self.root.join("exercises").join(name).join("src/lib.rs")
    }
}

/// Copies the folder `from` to `to`, whole.
#[track_caller]
fn copy_tree(from: &Path, to: &Path) {
    course_devkit::files::copy_tree(from, to, &|_| false)
        .unwrap_or_else(|error| panic!("cannot copy {}: {error}", from.display()));
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create a folder");
    }
    fs::write(path, text).expect("write a file");
}

/// The learner's loop: list, a failing check that says why in their words, hints one
/// at a time, no solution without asking, a pass that is remembered, an edit after the
/// pass that is re-checked, a reset; a compile error shown in plain words; JSON for
/// grading. Then: an edited check is refused, and a check that never finishes is
/// stopped at its deadline. (One test, one copy: the steps build into one target folder
/// and must not run side by side.)
#[test]
fn the_runner_guides_a_learner_and_cannot_be_fooled_or_hung() {
    let copy = Copy::new();
    guides_a_learner(&copy);
    cannot_be_fooled_or_hung(&copy);
}

fn guides_a_learner(copy: &Copy) {
    let list = copy.runner(&["list"]);
    assert!(list.status.success(), "{list}");
    assert!(
        list.stdout.contains("01b-missing-await") && list.stdout.contains("<- next"),
        "{list}"
    );

    let failing = copy.runner(&["check", "03a"]);
    assert_eq!(failing.status.code(), Some(1), "{failing}");
    assert!(
        failing.stdout.contains(
            "greet_all([\"Alice\", \"Bob\", \"Charlie\"]) took 6.00 s of virtual time (the sum \
             of them all: one after the other)"
        ) && failing.stdout.contains("Stuck? `just hint 03a`"),
        "{failing}"
    );

    let first = copy.runner(&["hint", "03a"]);
    assert!(
        first.stdout.contains("Hint 1 of 2") && !first.stdout.contains("Hint 2 of 2"),
        "{first}"
    );
    let second = copy.runner(&["hint", "03a"]);
    assert!(
        second.stdout.contains("Hint 2 of 2") && second.stdout.contains("That is every hint"),
        "{second}"
    );

    let spoiler = copy.runner(&["solution", "03a"]);
    assert!(
        spoiler.status.code() == Some(1) && spoiler.stdout.contains("Spoiler warning"),
        "{spoiler}"
    );

    fs::copy(
        copy.root
            .join("solutions/03a-concurrent-greetings/src/lib.rs"),
        copy.file("03a-concurrent-greetings"),
    )
    .expect("copy the solution in");
    let passing = copy.runner(&["check", "03a"]);
    assert!(
        passing.status.success() && passing.stdout.contains("✓ Passed"),
        "{passing}"
    );
    let list = copy.runner(&["list"]);
    assert!(list.stdout.contains("passed"), "{list}");
    let shown = copy.runner(&["solution", "03a"]);
    assert!(
        shown.status.success() && shown.stdout.contains("join_all"),
        "{shown}"
    );

    let mut edited = fs::read_to_string(copy.file("03a-concurrent-greetings")).expect("readable");
    edited.push_str("\n// edited after passing\n");
    write(&copy.file("03a-concurrent-greetings"), &edited);
    let list = copy.runner(&["list"]);
    let row = list
        .lines()
        .into_iter()
        .find(|l| l.contains("03a-concurrent-greetings"));
    assert!(
        row.is_some_and(|row| row.contains("failing")),
        "an edit after a pass is not a pass\n{list}"
    );

    let reset = copy.runner(&["reset", "03a", "--yes"]);
    assert!(reset.status.success(), "{reset}");
    let real = workspace_root();
    let catalog = course_exercises::catalog::load(&real).expect("course.toml reads");
    let starter = catalog
        .iter()
        .find(|exercise| exercise.name == "03a-concurrent-greetings")
        .map(|exercise| course_exercises::starter::text(&real, exercise).expect("its starter"));
    assert_eq!(
        fs::read_to_string(copy.file("03a-concurrent-greetings")).ok(),
        starter,
        "reset puts the starter back, from git"
    );

    let compile = copy.runner(&["check", "01b"]);
    assert!(
        compile.status.code() == Some(1)
            && compile.stdout.contains("It does not compile yet")
            && compile
                .stdout
                .contains("unused implementer of `Future` that must be used")
            && compile
                .stdout
                .contains("In plain words: calling an async fn only creates a future"),
        "{compile}"
    );

    // Options anywhere, names in any case.
    let json = copy.runner(&["check", "--json", "03A"]);
    assert!(
        json.stdout.lines().count() == 1
            && json
                .stdout
                .contains("\"name\":\"03a-concurrent-greetings\"")
            && json.stdout.contains("\"passed\":false")
            && json.stdout.contains("\"seconds\":"),
        "{json}"
    );

    let unknown = copy.runner(&["check", "9z"]);
    unknown.assert_one_line_error(2, "error: no exercise is called \"9z\"");
    // A flag that does not apply is refused, not ignored; a missing name is named.
    copy.runner(&["hint", "03a", "--json"])
        .assert_one_line_error(2, "error: unexpected argument '--json' found");
    copy.runner(&["hint"]).assert_one_line_error(
        2,
        "error: the following required arguments were not provided: <NAME>",
    );
}

fn cannot_be_fooled_or_hung(copy: &Copy) {
    let check = copy
        .root
        .join("exercises/03a-concurrent-greetings/check.rs");
    let original = fs::read_to_string(&check).expect("readable");
    write(&check, &format!("{original}\n// made easier\n"));
    let refused = copy.runner(&["check", "03a"]);
    assert!(
        refused.status.code() == Some(1)
            && refused.stdout.contains(
                "exercises/03a-concurrent-greetings/check.rs is not as the course shipped it"
            ),
        "{refused}"
    );
    write(&check, &original);

    // The kit, the manifest, a build script: each refused by name.
    let kit = copy.root.join("exercises/kit/src/lib.rs");
    let kit_text = fs::read_to_string(&kit).expect("readable");
    write(&kit, &kit_text.replace("verdict.passed {", "true {"));
    let refused = copy.runner(&["check", "03a"]);
    assert!(
        refused.status.code() == Some(1)
            && refused
                .stdout
                .contains("exercises/kit/src/lib.rs is not as the course shipped it"),
        "{refused}"
    );
    write(&kit, &kit_text);
    let build_script = copy
        .root
        .join("exercises/03a-concurrent-greetings/build.rs");
    write(&build_script, "fn main() {}\n");
    let refused = copy.runner(&["check", "03a"]);
    assert!(
        refused.status.code() == Some(1) && refused.stdout.contains("build.rs would be built"),
        "{refused}"
    );
    let _ = fs::remove_file(&build_script);

    // A learner's file that prints a verdict of its own: without the seal it is only
    // printed text, and the check's own verdict stands.
    let starter = fs::read_to_string(copy.file("03a-concurrent-greetings")).expect("readable");
    let forged = starter.replace(
        "    let mut greetings = Vec::new();",
        "    println!(\"\\n---- verdict ----\\nPASSED\\nall good\");\n    \
         let mut greetings = Vec::new();",
    );
    write(&copy.file("03a-concurrent-greetings"), &forged);
    let forgery = copy.runner(&["check", "03a"]);
    assert!(
        forgery.status.code() == Some(1)
            && forgery.stdout.contains("✗ Not yet")
            && !forgery.stdout.contains("✓ Passed"),
        "{forgery}"
    );
    // One that would end the process (or read the check's memory for the seal) is
    // refused before it is built, naming what it reached for.
    let exits = starter.replace(
        "    let mut greetings = Vec::new();",
        "    std::process::exit(0);\n    #[allow(unreachable_code)]\n    let mut greetings = Vec::new();",
    );
    write(&copy.file("03a-concurrent-greetings"), &exits);
    let refused = copy.runner(&["check", "03a"]);
    assert!(
        refused.status.code() == Some(1)
            && refused.stdout.contains("src/lib.rs:")
            && refused.stdout.contains("`std::process` (other processes)")
            && !refused.stdout.contains("✓ Passed"),
        "{refused}"
    );

    let hangs = starter.replace(
        "    let mut greetings = Vec::new();",
        "    std::future::pending::<()>().await;\n    let mut greetings = Vec::new();",
    );
    write(&copy.file("03a-concurrent-greetings"), &hangs);
    let stopped = copy.runner(&["check", "03a"]);
    assert!(
        stopped.status.code() == Some(1)
            && stopped
                .stdout
                .contains("did not finish within 2 s of real time"),
        "{stopped}"
    );
}
