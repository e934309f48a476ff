//! Every lesson is wired up everywhere a learner or instructor looks for it.
//!
//! Adding a lesson folder without its `just` recipe, its README row or a test that runs
//! it fails here, with a message that says what is missing.

use crate::support::workspace::{lessons, read, rust_sources};

/// The course has lessons, numbered 1, 2, 3 ... without gaps or repeats.
#[test]
fn lessons_are_numbered_in_reading_order() {
    let numbers: Vec<u32> = lessons().iter().map(|lesson| lesson.number).collect();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(numbers, expected, "lesson folders: {:#?}", lessons());
}

/// `just lesson-N` exists for every lesson and runs that lesson's package.
#[test]
fn every_lesson_has_its_just_recipe() {
    let justfile = read("justfile".as_ref());
    for lesson in lessons() {
        let recipe = format!("lesson-{} ", lesson.number);
        let body = justfile
            .split("\n\n")
            .find(|block| block.lines().any(|line| line.starts_with(&recipe)));
        let runs_it = body.is_some_and(|block| block.contains(&format!("-p {}", lesson.package)));
        assert!(
            runs_it,
            "the justfile needs a recipe `lesson-{n} *ARGS:` that runs `cargo run -p {p}`\n\n\
             --- justfile ---\n{justfile}",
            n = lesson.number,
            p = lesson.package,
        );
    }
}

/// The README's lesson table has a row for every lesson, with its command.
#[test]
fn every_lesson_has_its_readme_row() {
    let readme = read("README.md".as_ref());
    for lesson in lessons() {
        let command = format!("just lesson-{}`", lesson.number);
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| {} ", lesson.number)));
        assert!(
            row.is_some_and(|row| row.contains(&command) && row.contains(&lesson.package)),
            "README.md needs a table row `| {n} | ... | `{command} ... {p} ... |`; found {row:?}",
            n = lesson.number,
            p = lesson.package,
        );
    }
}

/// At least one test runs each lesson's real binary.
#[test]
fn every_lesson_has_a_test_that_runs_it() {
    let sources = rust_sources("tests/course");
    for lesson in lessons() {
        let quoted = format!("\"{}\"", lesson.package);
        let runs_it = sources
            .iter()
            .any(|(_, text)| text.contains(&quoted) && text.contains("run_lesson("));
        assert!(
            runs_it,
            "no test under tests/course runs {quoted} with run_lesson(...)"
        );
    }
}

/// Each lesson's `main.rs` opens with a `//!` block that gives the command to run it.
#[test]
fn every_lesson_main_says_how_to_run_it() {
    for lesson in lessons() {
        let main = read(&lesson.folder.join("src/main.rs"));
        let command = format!("just lesson-{}", lesson.number);
        assert!(
            main.starts_with("//!") && main.contains(&command),
            "{}/src/main.rs must open with a //! block that shows `{command}`",
            lesson.folder.display()
        );
    }
}
