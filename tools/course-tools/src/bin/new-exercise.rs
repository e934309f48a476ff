//! `new-exercise NNx-name`: scaffolds an exercise (brief, starter, check, hint,
//! solution) for instructors.
//!
//! Run it: `just new-exercise 03c-race-two-servers` (or `cargo run -q -p
//! course-tools --bin new-exercise -- 03c-race-two-servers`). See
//! `course_tools::exercise_scaffold`, and CONTRIBUTING.md for what comes next.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use course_kit::cli::{Command, Opt};
use course_kit::failure::report_failure;
use course_tools::exercise_scaffold as scaffold;

const COMMAND: Command = Command {
    name: "new-exercise NNx-name",
    about: "Creates exercises/NNx-name (brief, starter, check), its solution and its \
            exercises/info.txt block, in the course's conventions.",
    options: &[Opt::value(
        "root",
        "DIR",
        "The course folder (default: this course)",
    )],
};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<&String> = arguments
        .iter()
        .take_while(|a| !a.starts_with("--"))
        .collect();
    let args = match COMMAND.parse_from(&arguments[positional.len()..]) {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let [name] = positional[..] else {
        return args
            .error(format!(
                "new-exercise wants one name, NNx-name; got {}",
                positional.len()
            ))
            .report();
    };
    if let Err(problem) = scaffold::check_name(name) {
        return args.error(problem).report();
    }
    let root = args.value("root").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .nth(2)
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        },
        PathBuf::from,
    );
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
