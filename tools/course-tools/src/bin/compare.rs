//! `compare N`: lesson N's Python counterpart beside its plain Rust version.
//!
//! Run it: `just compare N` (or `cargo run -p course-tools --bin compare -- N`). Both
//! programs run at the same time; their outputs are printed side by side and their total
//! times compared. Lesson 6 fetches from the course's own server (Python needs aiohttp).

use std::process::ExitCode;

use clap::Parser;
use course_devkit::workspace;
use course_kit::Transcript;
use course_kit::failure::report_failure;
use course_kit::http_server::BackgroundServer;
use course_tools::{cargo, compare};

/// Runs lesson N's Python counterpart and its plain Rust version side by side, and
/// compares their total times.
#[derive(Parser, Debug)]
#[command(name = "compare")]
struct Arguments {
    /// The lesson's number.
    lesson: u32,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let root = workspace::root();
    let lessons = match workspace::lessons(&root) {
        Ok(lessons) => lessons,
        Err(problem) => return report_failure(problem),
    };
    let Some(lesson) = lessons.iter().find(|l| l.number == arguments.lesson) else {
        let known: Vec<String> = lessons.iter().map(|l| l.number.to_string()).collect();
        eprintln!(
            "error: there is no lesson {}; compare wants one of {} (try --help)",
            arguments.lesson,
            known.join(", ")
        );
        return ExitCode::from(2);
    };
    let plain = match cargo::build_example(&root, &lesson.package(), &lesson.plain_example()) {
        Ok(plain) => plain,
        Err(error) => return report_failure(error),
    };
    // Lesson 6 fetches: give both sides the same slow pages from the course server.
    let server = if lesson.number == 6 {
        match BackgroundServer::start() {
            Ok(server) => Some(server),
            Err(error) => {
                return report_failure(format!("cannot start the course server: {error}"));
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
        Err(error) => report_failure(error),
    }
}
