//! `compare N`: lesson N's Python counterpart beside its plain Rust version.
//!
//! Run it: `just compare N` (or `cargo run -q -p course-tools --bin compare -- N`). Both
//! programs run at the same time; their outputs are printed side by side and their total
//! times compared. Lesson 6 fetches from the course's own server (Python needs aiohttp).

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::{self, Command};
use course_kit::http_server::BackgroundServer;
use course_tools::{cargo, compare, workspace};

const COMMAND: Command = Command {
    name: "compare N",
    about: "Runs lesson N's Python counterpart and its plain Rust version side by side. \
            Usage: compare N",
    options: &[],
};

fn main() -> ExitCode {
    // One positional argument, the lesson number: split it off before the options.
    let mut arguments: Vec<String> = std::env::args().skip(1).collect();
    let number = match arguments.first().map(|first| first.parse::<u32>()) {
        Some(Ok(number)) => {
            arguments.remove(0);
            Some(number)
        }
        _ => None,
    };
    let args = match COMMAND.parse_from(arguments) {
        Ok(args) => args,
        Err(stop) => return stop.report(),
    };
    let root = workspace::root();
    let lessons = match workspace::lessons(&root) {
        Ok(lessons) => lessons,
        Err(error) => return cli::report_failure(error),
    };
    let known: Vec<String> = lessons.iter().map(|l| l.number.to_string()).collect();
    let Some(lesson) = number.and_then(|n| lessons.iter().find(|l| l.number == n)) else {
        return args
            .error(format!(
                "compare wants a lesson number, one of {}",
                known.join(", ")
            ))
            .report();
    };
    let plain = match cargo::build_example(&root, &lesson.package, &lesson.plain_example()) {
        Ok(plain) => plain,
        Err(error) => return cli::report_failure(error),
    };
    // Lesson 6 fetches: give both sides the same slow pages from the course server.
    let server = if lesson.number == 6 {
        match BackgroundServer::start() {
            Ok(server) => Some(server),
            Err(error) => {
                return cli::report_failure(format!("cannot start the course server: {error}"));
            }
        }
    } else {
        None
    };
    let urls: Vec<String> = server
        .iter()
        .flat_map(|server| std::iter::repeat_n(server.url("/delay/500"), 3))
        .collect();
    match compare::compare(&root, lesson, plain, &urls) {
        Ok(comparison) => {
            compare::print(&Transcript::stdout(), &comparison);
            if comparison.python.problem.is_some() || comparison.rust.problem.is_some() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => cli::report_failure(error),
    }
}
