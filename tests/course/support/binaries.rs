//! Building the real binaries, as a learner would get them.
//!
//! The tests do not rely on anyone having run `cargo build` first: the first test that
//! needs a binary runs `cargo build --workspace --bins --examples` once for the whole test process
//! and reads the path of every binary from cargo's own JSON messages, which works
//! whatever the target directory or profile.
//!
//! That build must resolve the same features as `cargo test`, or every dependency is
//! compiled twice (and again on each run, as the two commands take turns). It does,
//! because the features tests need are *regular* dependencies of this crate (see
//! `tests/Cargo.toml`) and no member's dev-dependencies ask for more.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    course_devkit::workspace::root()
}

/// Path of the binary (or example) named `name`: each lesson crate has one binary named
/// like its package, and one example, its plain version, named `plain-NN`.
#[track_caller]
pub fn binary_path(package: &str) -> PathBuf {
    static BINARIES: OnceLock<Result<HashMap<String, PathBuf>, String>> = OnceLock::new();
    let binaries = BINARIES.get_or_init(build_every_binary);
    match binaries {
        Ok(binaries) => binaries.get(package).cloned().unwrap_or_else(|| {
            panic!(
                "no binary named {package} was built; built: {:?}",
                binaries.keys()
            )
        }),
        Err(message) => panic!("{message}"),
    }
}

fn build_every_binary() -> Result<HashMap<String, PathBuf>, String> {
    // Without the tests crate's own variables (see course_devkit::cargo::command).
    let mut command = course_devkit::cargo::command();
    command.current_dir(workspace_root()).args([
        "build",
        "--workspace",
        "--bins",
        "--examples",
        "--message-format=json",
    ]);
    // Build with the profile these tests were built with (`cargo test --release` ...),
    // so the build reuses what is already compiled.
    if let Some(profile) = current_profile() {
        match profile.as_str() {
            "debug" => {}
            "release" => {
                command.arg("--release");
            }
            other => {
                command.args(["--profile", other]);
            }
        }
    }
    let output = command
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("could not run cargo to build the lessons: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo build --workspace --bins` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Cargo's JSON messages, read by a JSON parser: each binary and example by its name.
    let binaries =
        course_devkit::cargo::read_messages(&String::from_utf8_lossy(&output.stdout)).binaries;
    Ok(binaries)
}

/// `debug` for `target/debug/deps/course-...`, the folder the test binary runs from.
fn current_profile() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    Some(profile_dir.file_name()?.to_string_lossy().into_owned())
}
