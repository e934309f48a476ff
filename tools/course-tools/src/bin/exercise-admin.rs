//! `exercise-admin`: the exercise set's commands for instructors.
//!
//! - `verify [--shipped] [--without-capstone | --only-capstone] [--only NAME ...]`: every
//!   starter fails, every solution passes, every wrong answer fails with the message it should, and each capstone step's
//!   starter fails and reference passes (`just verify-exercises`);
//! - `capstone N --into DIR [--wrong NAME]`: step N's whole crate (or a wrong answer's);
//! - `bless`: rewrites `exercises/fingerprints.txt` after a deliberate change to a check,
//!   the kit or a manifest (`just bless-exercises`).
//!
//! Learners use `exercises` (the runner); nothing here is part of their loop.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use course_exercises::{catalog, guard};
use course_kit::failure::report_failure;
use course_tools::exercise_integrity as integrity;

/// The exercise set's commands for instructors.
#[derive(Parser)]
#[command(name = "exercise-admin")]
struct Cli {
    /// The course folder (default: the one this tool was built in).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Proves the set honest: starters fail, solutions pass, wrong answers fail as they
    /// should.
    Verify {
        /// Also require every exercise file to be its starter (true in a fresh clone).
        #[arg(long)]
        shipped: bool,
        /// Leave out the capstone's steps (they build the capstone and run its check
        /// fourteen times and more: minutes).
        #[arg(long, conflicts_with = "only_capstone")]
        without_capstone: bool,
        /// Only the capstone's steps (after changing its check or a step's reference).
        #[arg(long)]
        only_capstone: bool,
        /// Only this exercise or step (`03c`, `fanout-2` or the full name); repeatable.
        #[arg(long, value_name = "NAME")]
        only: Vec<String>,
    },
    /// Rewrites exercises/fingerprints.txt from the files as they are now.
    Bless,
    /// Writes the capstone's crate as step N's reference leaves it (`src/`, `tests/`),
    /// or with a wrong answer's patch applied: to read a whole step, or to edit and
    /// `diff -u` into a new wrong answer.
    Capstone {
        /// The step (1 to 7).
        #[arg(value_parser = clap::value_parser!(u32).range(1..=7))]
        step: u32,
        /// A wrong answer of that step (`3-batches`): its patch applied.
        #[arg(long, value_name = "NAME")]
        wrong: Option<String>,
        /// The folder to write into (made if missing; its src/ and tests/ are replaced).
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
    },
}

fn say(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn main() -> ExitCode {
    let cli = match course_devkit::cli::parse::<Cli>() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let root = cli.root.unwrap_or_else(course_devkit::workspace::root);
    match cli.command {
        Action::Verify {
            shipped,
            without_capstone,
            only_capstone,
            only,
        } => match integrity::verify(
            &root,
            shipped,
            &integrity::Parts {
                exercises: !only_capstone,
                capstone: !without_capstone,
                only,
            },
        ) {
            Ok(report) => {
                for line in report.lines.iter().chain(&report.notes) {
                    say(line);
                }
                if report.problems.is_empty() {
                    say(format!("All {} exercises are sound.", report.lines.len()));
                    ExitCode::SUCCESS
                } else {
                    for problem in &report.problems {
                        say(format!("problem: {problem}"));
                    }
                    ExitCode::FAILURE
                }
            }
            Err(error) => report_failure(error),
        },
        Action::Capstone { step, wrong, into } => {
            match capstone_files(&root, step, wrong.as_deref())
                .and_then(|files| course_exercises::capstone_crate::write(&into, &files))
            {
                Ok(()) => {
                    say(format!("wrote step {step}'s crate into {}", into.display()));
                    ExitCode::SUCCESS
                }
                Err(error) => report_failure(error),
            }
        }
        Action::Bless => {
            match catalog::load(&root).and_then(|exercises| guard::bless(&root, &exercises)) {
                Ok(()) => {
                    say(format!("wrote {}", guard::FILE));
                    ExitCode::SUCCESS
                }
                Err(error) => report_failure(error),
            }
        }
    }
}

/// Step `step`'s reference, or the wrong answer `wrong` of that step.
fn capstone_files(
    root: &Path,
    step: u32,
    wrong: Option<&str>,
) -> Result<course_exercises::capstone_crate::Files, course_exercises::RunnerError> {
    let Some(wrong) = wrong else {
        return Ok(course_exercises::capstone::reference(root, step));
    };
    let answers = course_tools::capstone_answers::wrong_answers(root)?;
    let names: Vec<String> = answers
        .iter()
        .filter(|answer| answer.step == step)
        .map(|answer| answer.name.clone())
        .collect();
    answers
        .into_iter()
        .find(|answer| answer.step == step && answer.name == wrong)
        .map(|answer| answer.files)
        .ok_or_else(|| {
            course_exercises::RunnerError::new(format!(
                "step {step} has no wrong answer {wrong:?}; it has {names:?}"
            ))
        })
}
