//! The capstone: one crate the learner grows in seven checked steps (`fanout-1` ...
//! `fanout-7`, the `[[step]]` tables of `course.toml`).
//!
//! - The learner's crate is `capstone/` (a workspace of its own, built into
//!   the capstone target folder, [`target_dir`]); its `src/` and `tests/` are theirs, its manifest is guarded.
//! - One check, `exercises/fanout-check` (binaries `check-fanout` and `fanout-broken`),
//!   runs steps 1 to N against the learner's real service.
//! - The reference is `solutions/capstone/` (the finished service), and the reference of
//!   step N is assembled from it: each file is the version in the first folder
//!   `solutions/capstone/steps/K-name/` with K ≥ N that has it (or lists it in its
//!   `not-yet.txt`: not there yet), else the finished one. So each version of a file is
//!   kept once, where it last held.
//! - Step N starts from the reference of step N−1 (`reset` writes it); step 1 from the
//!   crate as shipped.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use course_devkit::cargo as cargo_build;
use course_kit::check_protocol as protocol;
use course_kit::child::Stderr;

use crate::RunnerError;
use crate::capstone_crate::{CRATE, Files, learner_files, read};
use crate::catalog::Kind;
use crate::checking::BUILD_DEADLINE;

/// The finished reference, relative to the course root.
pub const REFERENCE: &str = "solutions/capstone";

/// Where the capstone builds: `capstone/` under the course's target folder (`target/`,
/// or `CARGO_TARGET_DIR` when set, as the `just capstone*` recipes say). The learner's
/// crate and the reference share it, so the dependencies are built once; their package
/// names differ, so neither is taken for the other.
pub fn target_dir(root: &Path) -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    base.join("capstone")
}

/// The check's package in the exercises' workspace, and its two binaries.
pub const CHECK_PACKAGE: &str = "ex-fanout-check";
/// The check.
pub const CHECK_BINARY: &str = "check-fanout";
/// The stand-in that breaks a service (step 7).
pub const BROKEN_BINARY: &str = "fanout-broken";

/// The step folders under `solutions/capstone/steps`, by step number.
fn step_folders(root: &Path) -> BTreeMap<u32, PathBuf> {
    let mut folders = BTreeMap::new();
    for entry in fs::read_dir(root.join(REFERENCE).join("steps"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(number) = name
            .split_once('-')
            .and_then(|(number, _)| number.parse().ok())
        {
            folders.insert(number, entry.path());
        }
    }
    folders
}

/// The files listed in a step folder's `not-yet.txt`.
fn not_yet(folder: &Path) -> Vec<PathBuf> {
    fs::read_to_string(folder.join("not-yet.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(PathBuf::from)
        .collect()
}

/// The reference crate at the end of `step` (see the module's notes).
pub fn reference(root: &Path, step: u32) -> Files {
    let finished = read(&root.join(REFERENCE));
    let folders = step_folders(root);
    let mut every_path: Vec<PathBuf> = finished.keys().cloned().collect();
    for folder in folders.values() {
        every_path.extend(learner_files(folder));
    }
    every_path.sort();
    every_path.dedup();
    let mut files = Files::new();
    for path in every_path {
        let mut decided = false;
        for folder in folders.range(step..).map(|(_, folder)| folder) {
            if not_yet(folder).contains(&path) {
                decided = true;
                break;
            }
            if let Ok(text) = fs::read_to_string(folder.join(&path)) {
                files.insert(path.clone(), text);
                decided = true;
                break;
            }
        }
        if !decided && let Some(text) = finished.get(&path) {
            files.insert(path, text.clone());
        }
    }
    files
}

/// The crate as `step` starts: the reference of the step before, or for step 1 the
/// crate as shipped (each file from its one home, as [`crate::starter`] finds it).
pub fn starter(root: &Path, step: u32) -> Result<Files, RunnerError> {
    if step > 1 {
        return Ok(reference(root, step - 1));
    }
    let mut files = Files::new();
    for file in crate::guard::shipped_files_under(root, Path::new(CRATE)) {
        let text = crate::starter::text_of(root, &file, CRATE)?;
        let inside = file
            .strip_prefix(CRATE)
            .map(Path::to_path_buf)
            .unwrap_or(file);
        files.insert(inside, text);
    }
    Ok(files)
}

/// What building the learner's crate gave: the service and its test binaries.
#[derive(Debug)]
pub struct Service {
    /// The `fanout` binary.
    pub binary: PathBuf,
    /// The integration tests' binaries (`tests/*.rs`).
    pub tests: Vec<PathBuf>,
}

/// The service's binary in the learner's crate.
pub const SERVICE_BINARY: &str = "fanout";

/// Builds the crate at `crate_root` (its binary `binary`, and its tests when
/// `with_tests`) into the capstone's target folder: the service, or the compiler's
/// errors.
pub fn build(
    root: &Path,
    crate_root: &Path,
    binary: &str,
    with_tests: bool,
    stderr: Stderr,
) -> Result<Result<Service, Vec<String>>, RunnerError> {
    let mut command = cargo_build::command();
    command
        .current_dir(crate_root)
        .args(["build", "--message-format=json", "--bin", binary])
        .env("CARGO_TARGET_DIR", target_dir(root));
    if with_tests {
        command.arg("--tests");
    }
    let build = cargo_build::run(&mut command, BUILD_DEADLINE, stderr)
        .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    if build.timed_out {
        return Err(RunnerError::new(format!(
            "building {} ran past {} min and was stopped",
            crate_root.display(),
            BUILD_DEADLINE.as_secs() / 60
        )));
    }
    let here = std::env::current_dir().unwrap_or_default();
    if !build.succeeded {
        if build.errors.is_empty() {
            return Err(RunnerError::new(format!(
                "cargo could not build {}: {}",
                crate_root.display(),
                build.stderr.trim()
            )));
        }
        return Ok(Err(build
            .errors
            .iter()
            .map(|error| crate::checking::paths_from_here(&error.rendered, crate_root, &here))
            .collect()));
    }
    let Some(binary) = build.binaries.get(binary).cloned() else {
        return Err(RunnerError::new(format!(
            "cargo built no binary named {binary}: capstone/src/main.rs is the service's main"
        )));
    };
    Ok(Ok(Service {
        binary,
        tests: build.integration_tests,
    }))
}

/// The check's two binaries: the check, and the stand-in that breaks a service.
#[derive(Clone, Debug)]
pub struct CheckBinaries {
    /// `check-fanout`.
    pub check: PathBuf,
    /// `fanout-broken`.
    pub broken: PathBuf,
}

/// Builds the check's two binaries in the exercises' workspace.
pub fn build_check(root: &Path, stderr: Stderr) -> Result<CheckBinaries, RunnerError> {
    let build = cargo_build::build(
        &root.join("exercises"),
        &[
            "-p",
            CHECK_PACKAGE,
            "--bin",
            CHECK_BINARY,
            "--bin",
            BROKEN_BINARY,
        ],
        BUILD_DEADLINE,
        stderr,
    )
    .map_err(|error| RunnerError::new(format!("cannot run cargo: {error}")))?;
    let found = |name: &str| build.binaries.get(name).cloned();
    match (build.succeeded, found(CHECK_BINARY), found(BROKEN_BINARY)) {
        (true, Some(check), Some(broken)) => Ok(CheckBinaries { check, broken }),
        _ => Err(RunnerError::new(format!(
            "cannot build the capstone's check ({CHECK_PACKAGE}): {}",
            build
                .errors
                .first()
                .map_or(build.stderr.trim(), |error| error.rendered.as_str())
        ))),
    }
}

/// Which steps a check runs: a learner's check re-runs every earlier step
/// ([`Steps::UpTo`]); `verify` proves a starter or a wrong answer by its own step alone
/// ([`Steps::Only`]), since the crate it came from already passed the earlier ones.
#[derive(Clone, Copy, Debug)]
pub enum Steps {
    /// Steps 1 to N.
    UpTo(u32),
    /// Step N alone.
    Only(u32),
}

impl Steps {
    /// The first and the last step it runs.
    fn range(self) -> (u32, u32) {
        match self {
            Steps::UpTo(step) => (1, step),
            Steps::Only(step) => (step, step),
        }
    }
}

/// Builds the learner's crate at `crate_root` and the check, and runs the check for
/// `steps`.
pub fn build_and_check(
    root: &Path,
    crate_root: &Path,
    steps: Steps,
    stderr: Stderr,
) -> Result<crate::checking::Outcome, RunnerError> {
    let (_, last) = steps.range();
    let service = match build(root, crate_root, SERVICE_BINARY, last >= 7, stderr)? {
        Ok(service) => service,
        Err(errors) => return Ok(does_not_compile(&errors)),
    };
    let check = build_check(root, stderr)?;
    run_check(root, &check, &service, crate_root, steps)
}

/// What a build that failed is, as a check's outcome.
pub fn does_not_compile(errors: &[String]) -> crate::checking::Outcome {
    crate::checking::Outcome::DoesNotCompile {
        first_error: errors.first().cloned().unwrap_or_default(),
        errors: errors.len(),
    }
}

/// Runs the check for `steps` against a built `service` whose crate is at `crate_root`.
pub fn run_check(
    root: &Path,
    check: &CheckBinaries,
    service: &Service,
    crate_root: &Path,
    steps: Steps,
) -> Result<crate::checking::Outcome, RunnerError> {
    // A learner's check re-runs every earlier step and confirms a failure; a proof of a
    // starter or a wrong answer, which must fail, runs its own step once.
    let (first, step) = steps.range();
    let confirm = match steps {
        Steps::UpTo(_) => "1",
        Steps::Only(_) => "0",
    };
    let tests = std::env::join_paths(&service.tests)
        .map_err(|error| RunnerError::new(format!("a test binary's path: {error}")))?;
    let (first, step) = (first.to_string(), step.to_string());
    // The steps' titles and what to reread: the registry's, for the check's messages.
    let notes: Vec<protocol::StepNotes> = crate::catalog::load(root)?
        .into_iter()
        .filter_map(|entry| match entry.kind {
            Kind::CapstoneStep(step) => Some(protocol::StepNotes {
                number: step.number,
                title: step.title,
                reread: step.reread,
            }),
            Kind::File { .. } => None,
        })
        .collect();
    let notes = protocol::encode_steps(&notes);
    let deadline = CHECK_DEADLINE_SECS.to_string();
    crate::checking::run_within(
        &check.check,
        &[
            (protocol::STEP, step.as_str()),
            (protocol::FIRST_STEP, first.as_str()),
            (protocol::CONFIRM_FAILURES, confirm),
            (protocol::STEP_NOTES, notes.as_str()),
            (protocol::SERVICE_BINARY, &service.binary.to_string_lossy()),
            (protocol::BROKEN_BINARY, &check.broken.to_string_lossy()),
            (protocol::CRATE_FOLDER, &crate_root.to_string_lossy()),
            (protocol::TEST_BINARIES, &tests.to_string_lossy()),
            (protocol::DEADLINE_SECS, deadline.as_str()),
        ],
        std::time::Duration::from_secs(CHECK_DEADLINE_SECS + 10),
    )
}

/// The capstone check's own deadline: seven steps against real processes, the last one
/// running the learner's tests six times.
pub const CHECK_DEADLINE_SECS: u64 = 150;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each file of step N is the version of the first step folder at or after N that
    /// has it or lists it as not there yet; else the finished one.
    #[test]
    fn a_step_takes_each_file_from_the_first_folder_at_or_after_it() {
        let root = std::env::temp_dir().join(format!("capstone-steps-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let folder = root.join(REFERENCE);
        for (file, text) in [
            ("src/main.rs", "final main"),
            ("src/cache.rs", "final cache"),
            ("tests/api.rs", "final tests"),
            ("steps/1-first/src/main.rs", "main at 1"),
            ("steps/1-first/not-yet.txt", "src/cache.rs\n"),
            ("steps/3-third/src/main.rs", "main at 2 and 3"),
            ("steps/3-third/not-yet.txt", "tests/api.rs\n"),
        ] {
            let path = folder.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let names = |files: &Files| -> Vec<(String, String)> {
            files
                .iter()
                .map(|(p, t)| (p.display().to_string(), t.clone()))
                .collect()
        };
        let pair = |p: &str, t: &str| (p.to_owned(), t.to_owned());
        assert_eq!(
            names(&reference(&root, 1)),
            [pair("src/main.rs", "main at 1")]
        );
        assert_eq!(
            names(&reference(&root, 2)),
            [
                pair("src/cache.rs", "final cache"),
                pair("src/main.rs", "main at 2 and 3")
            ]
        );
        assert_eq!(
            names(&reference(&root, 4)),
            [
                pair("src/cache.rs", "final cache"),
                pair("src/main.rs", "final main"),
                pair("tests/api.rs", "final tests")
            ]
        );
        let _ = fs::remove_dir_all(&root);
    }
}
