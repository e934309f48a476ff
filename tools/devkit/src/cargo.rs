//! Building with cargo and reading its `--message-format=json` lines with a JSON parser:
//! which binaries it built, and the compiler's errors as rustc renders them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use course_kit::child::{self, Stderr};

/// What one `cargo build` produced.
#[derive(Debug, Default)]
pub struct Build {
    /// Each binary built, by its name.
    pub binaries: HashMap<String, PathBuf>,
    /// The test binaries of integration tests (`tests/*.rs`) built (`--tests`).
    pub integration_tests: Vec<PathBuf>,
    /// Each compiler error, rendered, with the id of the package it belongs to.
    pub errors: Vec<CompilerError>,
    /// Each compiler warning, the same way (cargo replays a fresh crate's warnings).
    pub warnings: Vec<CompilerError>,
    /// Whether cargo succeeded.
    pub succeeded: bool,
    /// Whether the build was stopped at its deadline.
    pub timed_out: bool,
    /// Cargo's own standard error, when it was captured.
    pub stderr: String,
}

/// One compiler error.
#[derive(Clone, Debug)]
pub struct CompilerError {
    /// Cargo's id of the package (it holds the package's name).
    pub package_id: String,
    /// The name of the target (binary, example, library) being compiled.
    pub target: String,
    /// The error code (`E0507`), if rustc gave one.
    pub code: Option<String>,
    /// The error's first line, without `error[E0507]: `.
    pub message: String,
    /// The error as rustc prints it.
    pub rendered: String,
}

/// The path of cargo: the one running us (`$CARGO`), else the one on `PATH`.
pub fn program() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// A `cargo` command for a nested build, without the variables the calling cargo gave
/// this process to describe its own crate (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*` and
/// friends). Build scripts that watch them (ring's does) would see them change from one
/// caller to the next and rebuild everything: `just exercise fanout-1` and
/// `just capstone` must share what they built.
pub fn command() -> Command {
    let mut command = Command::new(program());
    without_caller_env(&mut command);
    command
}

/// Removes from `command`'s environment the variables cargo gave this process to
/// describe its own crate (see [`command`]): for any child that may run cargo itself.
pub fn without_caller_env(command: &mut Command) -> &mut Command {
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let describes_the_caller = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            || ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"].contains(&&*name);
        if describes_the_caller {
            command.env_remove(&*name);
        }
    }
    command
}

/// Runs `cargo build --message-format=json ARGS` in `workspace`, at most `deadline`;
/// cargo's progress goes where `stderr` says.
///
/// # Errors
/// If cargo cannot be started.
pub fn build(
    workspace: &Path,
    args: &[&str],
    deadline: Duration,
    stderr: Stderr,
) -> std::io::Result<Build> {
    let mut command = command();
    command
        .current_dir(workspace)
        .args(["build", "--message-format=json"])
        .args(args);
    run(&mut command, deadline, stderr)
}

/// Runs `command`, a cargo command given `--message-format=json` (`build`, `check`,
/// with whatever environment the caller set), at most `deadline`, and reads what it
/// built and the compiler's errors.
///
/// # Errors
/// If cargo cannot be started.
pub fn run(command: &mut Command, deadline: Duration, stderr: Stderr) -> std::io::Result<Build> {
    let ended = child::run(command, b"", deadline, stderr)?;
    let mut build = read_messages(&ended.stdout);
    build.succeeded = ended.succeeded();
    build.timed_out = ended.timed_out();
    build.stderr = ended.stderr;
    Ok(build)
}

/// Reads cargo's JSON messages, one object a line (other lines are skipped).
pub fn read_messages(stdout: &str) -> Build {
    let mut build = Build::default();
    for message in stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
    {
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                let Some(path) = message["executable"].as_str().map(PathBuf::from) else {
                    continue;
                };
                let kinds = message["target"]["kind"].as_array();
                let is_test = message["profile"]["test"] == true;
                if is_test {
                    // A library's or binary's own unit tests are a test binary too;
                    // only `tests/*.rs` targets are of kind "test".
                    if kinds.is_some_and(|kinds| kinds.iter().any(|kind| kind == "test")) {
                        build.integration_tests.push(path);
                    }
                } else if let Some(name) = message["target"]["name"].as_str() {
                    build.binaries.insert(name.to_owned(), path);
                }
            }
            Some("compiler-message")
                if matches!(
                    message["message"]["level"].as_str(),
                    Some("error" | "warning")
                ) =>
            {
                let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
                let list = if message["message"]["level"] == "error" {
                    &mut build.errors
                } else {
                    &mut build.warnings
                };
                list.push(CompilerError {
                    package_id: text(&message["package_id"]),
                    target: text(&message["target"]["name"]),
                    code: message["message"]["code"]["code"]
                        .as_str()
                        .map(str::to_owned),
                    message: text(&message["message"]["message"]),
                    rendered: text(&message["message"]["rendered"]),
                });
            }
            _ => {}
        }
    }
    build
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_and_errors_are_read_with_escapes_intact() {
        let lines = [
            r#"{"reason":"compiler-artifact","package_id":"path+file:///a#x@0.1.0","target":{"name":"check-01a"},"executable":"/t/a \"b\"/check-01a"}"#,
            r#"{"reason":"compiler-message","package_id":"path+file:///a#ex-01b@0.1.0","target":{"name":"ex_01b"},"message":{"level":"error","message":"x","code":{"code":"E0308","explanation":"..."},"rendered":"error: x\n  --> src\\lib.rs\n","children":[{"rendered":null}]}}"#,
            r#"{"reason":"compiler-message","package_id":"p","message":{"level":"warning","rendered":"warning: w"}}"#,
            "not json",
        ];
        let build = read_messages(&lines.join("\n"));
        assert_eq!(
            build.binaries.get("check-01a"),
            Some(&PathBuf::from("/t/a \"b\"/check-01a"))
        );
        assert_eq!(build.errors.len(), 1);
        assert_eq!(build.errors[0].rendered, "error: x\n  --> src\\lib.rs\n");
        assert!(build.errors[0].package_id.contains("ex-01b"));
        assert_eq!(build.errors[0].target, "ex_01b");
        assert_eq!(build.errors[0].code.as_deref(), Some("E0308"));
        assert_eq!(build.errors[0].message, "x");
        assert_eq!(build.warnings.len(), 1);
        assert_eq!(build.warnings[0].rendered, "warning: w");
    }
}
