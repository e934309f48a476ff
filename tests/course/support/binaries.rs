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
use std::process::{Command, Stdio};
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
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(workspace_root()).args([
        "build",
        "--workspace",
        "--bins",
        "--examples",
        "--message-format=json",
    ]);
    without_test_crate_env(&mut command);
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

/// Removes the variables cargo gave this test process to describe the tests crate
/// (`CARGO_MANIFEST_DIR` and friends) from `command`'s environment. Build scripts that
/// watch them (ring's does) would see them change and rebuild everything, in the tests'
/// own build and in any cargo a tested program runs (`compare` builds an example).
pub fn without_test_crate_env(command: &mut Command) -> &mut Command {
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let describes_this_crate = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            || ["CARGO_PRIMARY_PACKAGE", "CARGO_TARGET_TMPDIR", "OUT_DIR"].contains(&&*name);
        if describes_this_crate {
            command.env_remove(&*name);
        }
    }
    command
}

/// `debug` for `target/debug/deps/course-...`, the folder the test binary runs from.
fn current_profile() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    Some(profile_dir.file_name()?.to_string_lossy().into_owned())
}
