//! `new-lesson NN topic "Title"`: scaffolds lesson NN, wired up everywhere.
//!
//! Run it: `just new-lesson 08 timeouts "Timeouts and cancellation"` (or `cargo run -p
//! course-tools --bin new-lesson -- 08 timeouts "Timeouts and cancellation"`). See
//! `course_tools::scaffold` for what it writes, and CONTRIBUTING.md for what comes next.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use course_devkit::workspace;
use course_kit::failure::report_failure;
use course_tools::scaffold::{self, NewLesson};

/// Creates lessons/NN-topic from the course's template and wires it up: just recipes,
/// README rows, the test module, the book's link.
#[derive(Parser, Debug)]
#[command(name = "new-lesson")]
struct Arguments {
    /// The lesson's number, two digits (08).
    number: String,
    /// Its topic, the folder's second half: lowercase words joined by hyphens.
    topic: String,
    /// Its title, for headings and the README ("Timeouts and cancellation").
    title: String,
    /// The course to add it to (default: this course).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let lesson = match NewLesson::parse(&arguments.number, &arguments.topic, &arguments.title) {
        Ok(lesson) => lesson,
        Err(problem) => {
            eprintln!("error: {problem} (try --help)");
            return ExitCode::from(2);
        }
    };
    let root = arguments.root.unwrap_or_else(workspace::root);
    let plan = match scaffold::plan(&root, &lesson) {
        Ok(plan) => plan,
        Err(error) => return report_failure(error),
    };
    if let Err(error) = scaffold::apply(&root, &plan) {
        return report_failure(error);
    }
    let n = lesson.number;
    eprintln!("created lessons/{} and wired it up:", lesson.folder());
    for change in &plan.changes {
        let verb = if change.old.is_some() {
            "edited "
        } else {
            "created"
        };
        eprintln!("  {verb} {}", change.path.display());
    }
    eprintln!(
        "next: `cargo test --workspace` builds it and runs its test; the consistency test \
         then lists every {} line to replace. `just lesson-{n}` runs it.",
        scaffold::MARKER
    );
    ExitCode::SUCCESS
}
