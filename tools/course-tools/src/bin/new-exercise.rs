//! `new-exercise NNx-name`: scaffolds an exercise (brief, starter, check, hint,
//! solution) for instructors.
//!
//! Run it: `just new-exercise 03c-race-two-servers` (or `cargo run -q -p
//! course-tools --bin new-exercise -- 03c-race-two-servers`). See
//! `course_tools::exercise_scaffold`, and CONTRIBUTING.md for what comes next.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use course_kit::failure::report_failure;
use course_tools::exercise_scaffold as scaffold;

/// Creates exercises/NNx-name (brief, starter, check), its solution and its
/// course.toml table, in the course's conventions.
#[derive(Parser)]
#[command(name = "new-exercise")]
struct Arguments {
    /// The exercise: its lesson's number, a letter, a topic (`03c-race-two-servers`).
    #[arg(value_name = "NNx-name", value_parser = named_by_the_rule)]
    name: String,
    /// The course folder (default: this course).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

fn named_by_the_rule(name: &str) -> Result<String, String> {
    scaffold::check_name(name).map(|()| name.to_owned())
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let name = arguments.name.as_str();
    let root = arguments
        .root
        .unwrap_or_else(course_devkit::workspace::root);
    let files = match scaffold::plan(&root, name) {
        Ok(files) => files,
        Err(error) => return report_failure(error),
    };
    if let Err(error) = scaffold::apply(&root, &files) {
        return report_failure(error);
    }
    // The new check and manifest join what the runner guards.
    let blessed = course_exercises::catalog::load(&root)
        .and_then(|exercises| course_exercises::guard::bless(&root, &exercises));
    if let Err(error) = blessed {
        return report_failure(error);
    }
    eprintln!("created exercise {name}:");
    for (path, _) in &files {
        eprintln!("  {}", path.display());
    }
    eprintln!(
        "next: write the brief, starter, check, hint and solution (every {} line), then \
         `just verify-exercises` proves the starter fails and the solution passes (and `just \
         bless-exercises` after you change the check or its manifest).",
        scaffold::MARKER
    );
    ExitCode::SUCCESS
}
