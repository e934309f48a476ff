//! Building one exercise's check with cargo, running it with a deadline, and reading
//! its verdict (or the compiler's errors, when the learner's code does not compile).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::RunnerError;

/// What a check binary prints before its verdict (see the exercise kit).
pub const VERDICT_MARKER: &str = "---- verdict ----";

/// How long a check may run in real time, on top of its own deadline, before the runner
/// stops it.
pub const RUN_DEADLINE: Duration = Duration::from_secs(30);

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
                format!(
                    "does not compile: {}",
                    first_error.lines().next().unwrap_or_default()
                )
            }
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

/// Builds the binary `bin` of `package` in the cargo workspace `workspace` (with any
/// extra cargo arguments) and returns where it is, or the compiler's errors.
pub fn build(workspace: &Path, package: &str, bin: &str) -> Result<Built, RunnerError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "build",
            "-q",
            "-p",
            package,
            "--bin",
            bin,
            "--message-format=json",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors: Vec<String> = stdout
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-message\""))
        .filter_map(last_string_field("rendered"))
        .filter(|rendered| rendered.starts_with("error"))
        .collect();
    if !output.status.success() {
        if errors.is_empty() {
            return Err(RunnerError::new(format!(
                "cargo could not build {package}: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        return Ok(Built::Errors(errors));
    }
    stdout
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-artifact\""))
        .filter_map(last_string_field("executable"))
        .map(PathBuf::from)
        .find(|path| path.file_stem().is_some_and(|stem| stem == bin))
        .map(Built::Binary)
        .ok_or_else(|| RunnerError::new(format!("cargo built no binary named {bin}")))
}

/// What one `cargo build --bins` of a whole workspace produced.
#[derive(Debug, Default)]
pub struct BuiltAll {
    /// Each binary built, by name.
    pub binaries: std::collections::HashMap<String, PathBuf>,
    /// Each compiler error, with the package id it belongs to.
    pub errors: Vec<(String, String)>,
}

/// Builds every binary of the cargo workspace `workspace`, going on past crates that do
/// not compile.
pub fn build_all(workspace: &Path) -> Result<BuiltAll, RunnerError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "build",
            "-q",
            "--keep-going",
            "--bins",
            "--message-format=json",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut built = BuiltAll::default();
    for line in stdout.lines() {
        if line.contains("\"reason\":\"compiler-artifact\"") {
            if let Some(path) = last_string_field("executable")(line).map(PathBuf::from)
                && let Some(stem) = path.file_stem()
            {
                built
                    .binaries
                    .insert(stem.to_string_lossy().into_owned(), path);
            }
        } else if line.contains("\"reason\":\"compiler-message\"")
            && let Some(rendered) = last_string_field("rendered")(line)
            && rendered.starts_with("error")
        {
            let package = first_string_field("package_id")(line).unwrap_or_default();
            built.errors.push((package, rendered));
        }
    }
    if built.binaries.is_empty() && built.errors.is_empty() && !output.status.success() {
        return Err(RunnerError::new(format!(
            "cargo could not build {}: {}",
            workspace.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(built)
}

/// Runs a built check and reads its verdict.
pub fn run(binary: &Path) -> Result<Outcome, RunnerError> {
    let mut child = Command::new(binary)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| RunnerError::new(format!("cannot run {}: {error}", binary.display())))?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = String::new();
        let mut err = String::new();
        if let Some(pipe) = stdout.as_mut() {
            let _ = pipe.read_to_string(&mut out);
        }
        if let Some(pipe) = stderr.as_mut() {
            let _ = pipe.read_to_string(&mut err);
        }
        let _ = done.send((out, err));
    });
    let Ok((out, err)) = finished.recv_timeout(RUN_DEADLINE) else {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(Outcome::Checked {
            passed: false,
            message: format!(
                "the check did not finish within {} s of real time and was stopped",
                RUN_DEADLINE.as_secs()
            ),
            printed: String::new(),
        });
    };
    let _ = child.wait();
    let Some((printed, verdict)) = out.rsplit_once(VERDICT_MARKER) else {
        return Ok(Outcome::Checked {
            passed: false,
            message: format!(
                "the check ended without a verdict (did the code exit the process?): {}",
                err.trim()
            ),
            printed: out,
        });
    };
    let mut lines = verdict.trim_start_matches('\n').lines();
    let passed = lines.next() == Some("PASSED");
    let message = lines.collect::<Vec<_>>().join("\n");
    Ok(Outcome::Checked {
        passed,
        message,
        printed: printed.trim_end().to_owned(),
    })
}

/// Builds and runs `bin` of `package` in `workspace`.
pub fn build_and_run(workspace: &Path, package: &str, bin: &str) -> Result<Outcome, RunnerError> {
    match build(workspace, package, bin)? {
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

/// A function that finds the last `"key":"..."` string in a JSON line and decodes it.
/// (Cargo's messages are one JSON object a line; the top-level `rendered` of a
/// diagnostic comes after its children's, which are `null`.)
fn last_string_field(key: &str) -> impl Fn(&str) -> Option<String> + '_ {
    move |line| {
        let pattern = format!("\"{key}\":\"");
        let start = line.rfind(&pattern)? + pattern.len();
        decode_json_string(&line[start..])
    }
}

/// Like [`last_string_field`], for the first occurrence.
fn first_string_field(key: &str) -> impl Fn(&str) -> Option<String> + '_ {
    move |line| {
        let pattern = format!("\"{key}\":\"");
        let start = line.find(&pattern)? + pattern.len();
        decode_json_string(&line[start..])
    }
}

/// Decodes a JSON string body up to its closing quote.
fn decode_json_string(text: &str) -> Option<String> {
    let mut decoded = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(decoded),
            '\\' => match chars.next()? {
                'n' => decoded.push('\n'),
                't' => decoded.push('\t'),
                'r' => decoded.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    decoded.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                other => decoded.push(other),
            },
            other => decoded.push(other),
        }
    }
    None
}

/// A JSON string literal for `text` (for `--json` output).
pub fn json_string(text: &str) -> String {
    let mut json = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\t' => json.push_str("\\t"),
            c if (c as u32) < 0x20 => json.push_str(&format!("\\u{:04x}", c as u32)),
            c => json.push(c),
        }
    }
    json.push('"');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_round_trip() {
        let text = "error: \"x\"\n  --> a\\b\tc\u{1}";
        let encoded = json_string(text);
        assert_eq!(decode_json_string(&encoded[1..]), Some(text.to_owned()));
        let line = r#"{"children":[{"rendered":null}],"rendered":"error: oops\n"}"#;
        assert_eq!(
            last_string_field("rendered")(line),
            Some("error: oops\n".to_owned())
        );
    }
}
