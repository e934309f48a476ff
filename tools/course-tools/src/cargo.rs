//! Building an example with cargo (its progress shown, as a learner expects) and finding
//! its executable in cargo's JSON messages, read by `course-devkit`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use course_devkit::cargo;
use course_kit::child::Stderr;

use crate::ToolError;

/// Longer than any cold build of one lesson on a slow machine.
const BUILD_DEADLINE: Duration = Duration::from_secs(900);

/// Builds `example` of `package` (debug profile) and returns the executable's path.
pub fn build_example(root: &Path, package: &str, example: &str) -> Result<PathBuf, ToolError> {
    let build = cargo::build(
        root,
        // `--workspace` with one example picked: that example alone is built, with the
        // features the whole course resolves (as `cargo test --workspace` and `just warm`
        // build it), so it reuses what they compiled. `-p PACKAGE` would resolve that
        // package's own features and compile tokio and the rest again, once per lesson.
        &["--workspace", "--example", example],
        BUILD_DEADLINE,
        Stderr::Show,
    )
    .map_err(|error| ToolError::new(format!("cannot run cargo: {error}")))?;
    if build.timed_out {
        return Err(ToolError::new(format!(
            "building {package}'s example {example} ran past {} min and was stopped",
            BUILD_DEADLINE.as_secs() / 60
        )));
    }
    if !build.succeeded {
        // With JSON messages cargo keeps the compiler's errors on stdout: show them.
        for error in &build.errors {
            eprint!("{}", error.rendered);
        }
        return Err(ToolError::new(format!(
            "building {package}'s example {example} did not build (the messages are above)"
        )));
    }
    build
        .binaries
        .get(example)
        .cloned()
        .ok_or_else(|| ToolError::new(format!("cargo built no executable named {example}")))
}
