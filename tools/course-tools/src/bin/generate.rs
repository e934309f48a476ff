//! `generate [--check]`: writes the parts of other files that the registry
//! (`course.toml`) decides: the justfile's lesson recipes, the book's table of lessons
//! and summary, the tests' lesson modules and dependencies (see
//! `course_tools::generated`).
//!
//! Run it after editing `course.toml`: `just generate`. With `--check` it writes nothing
//! and fails (exit 1) when a part is stale, naming the files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use course_devkit::{files, registry, workspace};
use course_kit::failure::report_failure;
use course_tools::ToolError;
use course_tools::generated;

/// Writes what course.toml decides into the justfile, the book and the tests.
#[derive(Parser, Debug)]
#[command(name = "generate")]
struct Arguments {
    /// Write nothing; fail when a generated part is stale.
    #[arg(long)]
    check: bool,
    /// The course (default: this course).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

fn main() -> ExitCode {
    let arguments = match course_devkit::cli::parse::<Arguments>() {
        Ok(arguments) => arguments,
        Err(code) => return code,
    };
    let root = arguments.root.unwrap_or_else(workspace::root);
    let registry = match registry::load(&root) {
        Ok(registry) => registry,
        Err(problem) => return report_failure(ToolError::new(problem)),
    };
    let parts = match generated::parts(&registry, |path| {
        std::fs::read_to_string(root.join(path))
            .map_err(|error| ToolError::new(format!("cannot read {path}: {error}")))
    }) {
        Ok(parts) => parts,
        Err(error) => return report_failure(error),
    };
    let stale: Vec<&generated::Part> = parts.iter().filter(|part| part.is_stale()).collect();
    if arguments.check {
        if stale.is_empty() {
            return ExitCode::SUCCESS;
        }
        let names: Vec<String> = stale
            .iter()
            .map(|part| part.path.display().to_string())
            .collect();
        eprintln!(
            "error: stale since {} changed: {}; run `just generate`",
            registry::FILE,
            names.join(", ")
        );
        return ExitCode::FAILURE;
    }
    let writes: Vec<(PathBuf, String)> = stale
        .iter()
        .map(|part| (part.path.clone(), part.new.clone()))
        .collect();
    if let Err(failed) = files::write_all_or_nothing(&root, &writes) {
        return report_failure(ToolError::new(failed.to_string()));
    }
    for part in &stale {
        eprintln!("wrote {}", part.path.display());
    }
    if stale.is_empty() {
        eprintln!("every generated part is fresh");
    }
    ExitCode::SUCCESS
}
