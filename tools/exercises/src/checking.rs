//! Building one exercise's check with cargo, running it with a deadline, and reading
//! its sealed verdict (or the compiler's errors, when the learner's code does not
//! compile).
//!
//! The runner hands every run of a check a fresh seal on stdin; the exercise kit reads it
//! before any of the learner's code runs and prints it in the marker before its verdict.
//! Only a verdict after a marker with *this* seal counts, and only when the check's exit
//! status agrees with it (0 passed, 1 failed): whatever the learner's code prints or
//! however it ends the process, it cannot forge a pass.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use course_devkit::cargo as cargo_build;
use course_kit::child::{self, Stderr};

use crate::RunnerError;

/// How long a check may run in real time, on top of its own deadline, before the runner
/// stops it.
pub const RUN_DEADLINE: Duration = Duration::from_secs(30);

/// How long a build may run before the runner stops it: far more than a cold first
/// build takes on a slow laptop, so only a build that never ends reaches it (a `const`
/// evaluation that loops, say).
pub const BUILD_DEADLINE: Duration = Duration::from_secs(900);

/// The result of checking one exercise.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The code compiled and the check ran.
    Checked {
        /// Whether it passed.
        passed: bool,
        /// The check's message: what was expected, what happened, where to look.
        message: String,
        /// What the learner's code printed while the check ran.
        printed: String,
    },
    /// The code did not compile.
    DoesNotCompile {
        /// The compiler's first error, as it renders it.
        first_error: String,
        /// How many errors there were.
        errors: usize,
    },
}

impl Outcome {
    /// Whether the exercise passed.
    pub fn passed(&self) -> bool {
        matches!(self, Self::Checked { passed: true, .. })
    }

    /// The one message a report shows.
    pub fn message(&self) -> String {
        match self {
            Self::Checked { message, .. } => message.clone(),
            Self::DoesNotCompile { first_error, .. } => {
                format!("does not compile: {first_error}")
            }
        }
    }

    /// Not run: the learner's file was refused before it was built (see
    /// [`crate::learner_code`]).
    pub fn refused(why: impl Into<String>) -> Self {
        Self::failed(why, "")
    }

    fn failed(message: impl Into<String>, printed: impl Into<String>) -> Self {
        Self::Checked {
            passed: false,
            message: message.into(),
            printed: printed.into(),
        }
    }
}

/// What `cargo build` produced for one check binary.
#[derive(Debug)]
pub enum Built {
    /// The binary's path.
    Binary(PathBuf),
    /// The compiler's errors, rendered, in order.
    Errors(Vec<String>),
}

/// Builds the binary `bin` of `package` in the cargo workspace `workspace`, showing
/// cargo's progress on stderr when `stderr` says so, and returns where it is, or the
/// compiler's errors.
pub fn build(
    workspace: &Path,
    package: &str,
    bin: &str,
    stderr: Stderr,
) -> Result<Built, RunnerError> {
    let build = cargo_build::build(
        workspace,
        &["-p", package, "--bin", bin],
        BUILD_DEADLINE,
        stderr,
    )
    .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    if build.timed_out {
        return Err(RunnerError::new(format!(
            "building {package} ran past {} min and was stopped: something in it never \
             finishes compiling (a const that loops for ever?)",
            BUILD_DEADLINE.as_secs() / 60
        )));
    }
    let here = std::env::current_dir().unwrap_or_default();
    let errors: Vec<String> = build
        .errors
        .into_iter()
        .map(|error| paths_from_here(&error.rendered, workspace, &here))
        .collect();
    if !build.succeeded {
        if errors.is_empty() {
            let why = build.stderr.trim();
            return Err(RunnerError::new(if why.is_empty() {
                format!("cargo could not build {package} (its messages are above)")
            } else {
                format!("cargo could not build {package}: {why}")
            }));
        }
        return Ok(Built::Errors(errors));
    }
    build
        .binaries
        .get(bin)
        .cloned()
        .map(Built::Binary)
        .ok_or_else(|| RunnerError::new(format!("cargo built no binary named {bin}")))
}

/// `rendered` with each source path rustc gave relative to the cargo `workspace`
/// (`03a-gather/src/lib.rs:5:9`) rewritten relative to `here`, the folder the learner
/// typed the command in (`exercises/03a-gather/src/lib.rs:5:9`), so the path opens as shown.
pub fn paths_from_here(rendered: &str, workspace: &Path, here: &Path) -> String {
    let workspace = workspace
        .canonicalize()
        .unwrap_or_else(|_| workspace.to_path_buf());
    let here = here.canonicalize().unwrap_or_else(|_| here.to_path_buf());
    let mut shown = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let arrow = ["--> ", "::: "]
            .into_iter()
            .find(|arrow| rest.starts_with(arrow));
        let rewritten = arrow.and_then(|arrow| {
            let place = rest[arrow.len()..].trim_end();
            // `path:line:column`; the path itself may hold a ':'.
            let mut parts = place.rsplitn(3, ':');
            let (column, row, path) = (parts.next()?, parts.next()?, parts.next()?);
            let path = Path::new(path);
            if path.is_absolute() {
                return None;
            }
            let full = workspace.join(path);
            let from_here = full.strip_prefix(&here).unwrap_or(&full);
            let end = &line[line.trim_end().len()..];
            Some(format!(
                "{}{arrow}{}:{row}:{column}{end}",
                &line[..indent],
                from_here.display()
            ))
        });
        shown.push_str(rewritten.as_deref().unwrap_or(line));
    }
    shown
}

/// Runs a built check with a fresh seal and reads its verdict.
pub fn run(binary: &Path) -> Result<Outcome, RunnerError> {
    run_with(binary, &[])
}

/// [`run`], with extra environment variables for the check (a shorter deadline).
pub fn run_with(binary: &Path, env: &[(&str, &str)]) -> Result<Outcome, RunnerError> {
    run_within(binary, env, RUN_DEADLINE)
}

/// [`run_with`], stopped after `deadline` of real time (the capstone's check runs a
/// service many times and takes longer than an exercise's).
pub fn run_within(
    binary: &Path,
    env: &[(&str, &str)],
    deadline: Duration,
) -> Result<Outcome, RunnerError> {
    let seal = course_kit::token::fresh();
    let mut command = Command::new(binary);
    command.envs(env.iter().copied());
    let ended = child::run(
        &mut command,
        format!("{seal}\n").as_bytes(),
        deadline,
        Stderr::Capture,
    )
    .map_err(|error| RunnerError::new(format!("cannot run {}: {error}", binary.display())))?;
    Ok(read_verdict(&seal, &ended, deadline))
}

/// The verdict of a check that ended as `ended`, sealed with `seal`.
pub fn read_verdict(seal: &str, ended: &child::Ended, deadline: Duration) -> Outcome {
    if ended.timed_out() {
        return Outcome::failed(
            format!(
                "the check did not finish within {} s of real time and was stopped",
                deadline.as_secs()
            ),
            ended.stdout.trim_end(),
        );
    }
    let marker = format!("---- verdict {seal} ----");
    let code = ended.status.and_then(|status| status.code());
    let Some((printed, verdict)) = ended.stdout.rsplit_once(&marker) else {
        let how = match code {
            Some(code) => format!("with exit status {code}"),
            None => "killed by a signal".to_owned(),
        };
        let stderr = ended.stderr.trim();
        let said = if stderr.is_empty() {
            String::new()
        } else {
            format!(" It said on stderr: {}", last_lines(stderr, 5))
        };
        return Outcome::failed(
            format!(
                "the check ended {how} before giving its verdict: your code ended the process \
                 itself (std::process::exit, abort, or a crash), so nothing was checked.{said}"
            ),
            ended.stdout.trim_end(),
        );
    };
    let mut lines = verdict.trim_start_matches('\n').lines();
    let status = lines.next();
    let message = lines.collect::<Vec<_>>().join("\n");
    let printed = printed.trim_end().to_owned();
    match (status, code) {
        (Some("PASSED"), Some(0)) => Outcome::Checked {
            passed: true,
            message,
            printed,
        },
        (Some("FAILED"), Some(1)) => Outcome::failed(message, printed),
        _ => Outcome::failed(
            format!(
                "the check's exit status ({}) does not agree with its verdict: your code ended \
                 the process after the check had finished, so the verdict cannot be trusted",
                code.map_or_else(|| "a signal".to_owned(), |code| code.to_string())
            ),
            printed,
        ),
    }
}

/// The last `n` lines of `text`, joined by ` / `.
fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join(" / ")
}

/// Builds and runs `bin` of `package` in `workspace`, showing cargo's progress.
pub fn build_and_run(workspace: &Path, package: &str, bin: &str) -> Result<Outcome, RunnerError> {
    match build(workspace, package, bin, Stderr::Show)? {
        Built::Binary(binary) => run(&binary),
        Built::Errors(errors) => Ok(Outcome::DoesNotCompile {
            first_error: errors.first().cloned().unwrap_or_default(),
            errors: errors.len(),
        }),
    }
}

/// How long `work` took, with its result.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let result = work();
    (result, start.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_verdict_now(seal: &str, ended: &child::Ended) -> Outcome {
        read_verdict(seal, ended, RUN_DEADLINE)
    }

    fn ended(stdout: &str, code: i32) -> child::Ended {
        let mut command = Command::new("sh");
        let status = command
            .args(["-c", &format!("exit {code}")])
            .status()
            .expect("sh runs");
        child::Ended {
            status: Some(status),
            stdout: stdout.to_owned(),
            stderr: String::new(),
            took: Duration::ZERO,
            pipes_left_open: false,
        }
    }

    #[test]
    fn only_a_sealed_verdict_that_agrees_with_the_exit_status_counts() {
        let sealed = "hi\n\n---- verdict s3 ----\nPASSED\nall good";
        assert!(read_verdict_now("s3", &ended(sealed, 0)).passed());
        // A forged marker without the seal, or with another seal.
        let forged = "\n---- verdict ----\nPASSED\nforged";
        assert!(!read_verdict_now("s3", &ended(forged, 0)).passed());
        let guessed = "\n---- verdict s4 ----\nPASSED\nforged";
        assert!(!read_verdict_now("s3", &ended(guessed, 0)).passed());
        // A sealed FAILED turned into exit 0 by the learner's code.
        let failed = "\n---- verdict s3 ----\nFAILED\nno";
        let outcome = read_verdict_now("s3", &ended(failed, 0));
        assert!(!outcome.passed() && outcome.message().contains("does not agree"));
        // No verdict at all: the process was ended early.
        let outcome = read_verdict_now("s3", &ended("partial", 0));
        assert!(outcome.message().contains("before giving its verdict"));
        assert!(!outcome.message().ends_with(": "), "{}", outcome.message());
    }

    /// A compiler error's paths open from where the learner typed the command.
    #[test]
    fn compiler_error_paths_are_shown_from_the_learners_folder() {
        let root = std::env::temp_dir().join(format!("paths-{}", std::process::id()));
        let workspace = root.join("exercises");
        std::fs::create_dir_all(&workspace).unwrap();
        let rendered = "error[E0308]: mismatched types\n  --> 03a-gather/src/lib.rs:5:9\n   |\n\
                        ::: /home/x/.cargo/registry/src/tokio/src/lib.rs:1:1\n";
        let shown = paths_from_here(rendered, &workspace, &root);
        assert_eq!(
            shown,
            "error[E0308]: mismatched types\n  --> exercises/03a-gather/src/lib.rs:5:9\n   |\n\
             ::: /home/x/.cargo/registry/src/tokio/src/lib.rs:1:1\n"
        );
        // From a folder outside the exercises, the path is shown whole.
        let outside = root.join("elsewhere");
        std::fs::create_dir_all(&outside).unwrap();
        let elsewhere = paths_from_here(rendered, &workspace, &outside);
        let whole = workspace.canonicalize().unwrap().join("03a-gather");
        assert!(
            elsewhere.contains(&format!("--> {}/", whole.display())),
            "{elsewhere}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
