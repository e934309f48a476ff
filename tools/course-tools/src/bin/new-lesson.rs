//! `new-lesson NN topic "Title"`: scaffolds lesson NN, wired up everywhere.
//!
//! Run it: `just new-lesson 08 timeouts "Timeouts and cancellation"` (or `cargo run -q -p
//! course-tools --bin new-lesson -- 08 timeouts "Timeouts and cancellation"`). See
//! `course_tools::scaffold` for what it writes, and CONTRIBUTING.md for what comes next.

use std::path::PathBuf;
use std::process::ExitCode;

use course_kit::cli::{self, Command, Opt};
use course_tools::scaffold::{self, NewLesson};
use course_tools::workspace;

const COMMAND: Command = Command {
    name: "new-lesson NN topic \"Title\"",
    about: "Creates lessons/NN-topic from the course's template and wires it up: just \
            recipes, README rows, the test module, the book's link.",
    options: &[Opt::value(
        "root",
        "DIR",
        "The workspace to add it to (default: this course)",
    )],
};

fn main() -> ExitCode {
    // Three positional arguments, then options.
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<&String> = arguments
        .iter()
        .take_while(|a| !a.starts_with("--"))
        .collect();
    let options: Vec<String> = arguments[positional.len()..].to_vec();
    let args = match COMMAND.parse_from(options) {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let [number, topic, title] = positional[..] else {
        return args
            .error(format!(
                "new-lesson wants three arguments, NN topic \"Title\"; got {}",
                positional.len()
            ))
            .report();
    };
    let lesson = match NewLesson::parse(number, topic, title) {
        Ok(lesson) => lesson,
        Err(problem) => return args.error(problem).report(),
    };
    let root = args
        .value("root")
        .map_or_else(workspace::root, PathBuf::from);
    let plan = match scaffold::plan(&root, &lesson) {
        Ok(plan) => plan,
        Err(error) => return cli::report_failure(error),
    };
    if let Err(error) = scaffold::apply(&root, &plan) {
        return cli::report_failure(error);
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
