//! Building an example with cargo and finding its executable.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::ToolError;

/// Builds `example` of `package` (debug profile) and returns the executable's path, read
/// from cargo's JSON messages so that any target directory works.
pub fn build_example(root: &Path, package: &str, example: &str) -> Result<PathBuf, ToolError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["build", "-q", "-p", package, "--example", example])
        .arg("--message-format=json")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| ToolError::new(format!("cannot run cargo: {error}")))?;
    if !output.status.success() {
        return Err(ToolError::new(format!(
            "building {package}'s example {example} failed"
        )));
    }
    let messages = String::from_utf8_lossy(&output.stdout);
    messages
        .lines()
        .filter_map(executable_in)
        .find(|path| path.file_stem().is_some_and(|stem| stem == example))
        .ok_or_else(|| ToolError::new(format!("cargo built no executable named {example}")))
}

/// The `"executable":"..."` field of one cargo JSON message, if it has one.
pub fn executable_in(message: &str) -> Option<PathBuf> {
    let key = "\"executable\":\"";
    let start = message.find(key)? + key.len();
    let end = start + message[start..].find('"')?;
    Some(PathBuf::from(&message[start..end]))
}
