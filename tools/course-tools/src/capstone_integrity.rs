//! For instructors: the capstone's steps are honest. For each step, the crate as the
//! step starts fails the step's check, the step's reference passes it (steps 1 to N, as
//! a learner's check runs them), every wrong answer (`solutions/capstone/wrong/`) fails
//! with its words and every valid answer (`solutions/capstone/valid/`) passes.
//!
//! The variants are built one after the other (cargo is the one shared resource: one
//! scratch crate, one target folder) and checked side by side, [`CHECKERS`] at a time:
//! a check mostly waits on real time (services started, pages delayed, signals). Each
//! built variant is kept in a folder of its own (its binary, test binaries and files)
//! before the next build can overwrite them, and the scratch crate's service is built
//! under a name of its own too (`fanout-verify`): a `cargo run` of another capstone
//! crate in the same target folder (`target/capstone/debug/fanout`) cannot swap it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use course_exercises::RunnerError;
use course_exercises::capstone::{self, CheckBinaries, Service, Steps};
use course_exercises::capstone_crate::{self, Files};
use course_exercises::catalog::Exercise;
use course_exercises::checking::Outcome;
use course_kit::child::Stderr;

use crate::capstone_answers::{ValidAnswer, WrongAnswer};
use crate::exercise_integrity::write_if_changed;

/// How many checks run at once.
pub const CHECKERS: usize = 3;

/// The scratch crate's binary: a name no other crate in the target folder builds.
pub const VERIFY_BINARY: &str = "fanout-verify";

/// What one variant must show.
enum Claim {
    /// The crate as the step starts: fails.
    Starter,
    /// The step's reference: passes steps 1 to N.
    Reference,
    /// A wrong answer: fails, with its words.
    Wrong(usize),
    /// A valid answer: passes steps 1 to N.
    Valid(usize),
}

/// One variant to build and check.
struct Proof {
    step: u32,
    claim: Claim,
    files: Files,
    steps: Steps,
}

/// What the checks found, per step, in the report's shape.
pub struct Found {
    /// One line per step.
    pub lines: Vec<String>,
    /// Lines about the rest (the Python twin).
    pub notes: Vec<String>,
    /// Each problem, in one line (or a few).
    pub problems: Vec<String>,
}

/// Builds and checks every variant of `steps`; `wrong` and `valid` are every answer kept.
pub fn verify(
    root: &Path,
    steps: &[Exercise],
    wrong: &[WrongAnswer],
    valid: &[ValidAnswer],
    manifest: &str,
    lock: &str,
) -> Result<Found, RunnerError> {
    let scratch = root.join("target/exercise-integrity/capstone");
    let kept = root.join("target/exercise-integrity/capstone-built");
    write_if_changed(&scratch.join("Cargo.toml"), manifest)?;
    write_if_changed(&scratch.join("Cargo.lock"), lock)?;
    let mut proofs = Vec::new();
    for exercise in steps {
        let Some(step) = exercise.step().map(|step| step.number) else {
            continue;
        };
        proofs.push(Proof {
            step,
            claim: Claim::Starter,
            files: capstone::starter(root, step)?,
            steps: Steps::Only(step),
        });
        proofs.push(Proof {
            step,
            claim: Claim::Reference,
            files: capstone::reference(root, step),
            steps: Steps::UpTo(step),
        });
        for (index, answer) in wrong.iter().enumerate().filter(|(_, a)| a.step == step) {
            proofs.push(Proof {
                step,
                claim: Claim::Wrong(index),
                files: answer.files.clone(),
                steps: Steps::Only(step),
            });
        }
        for (index, answer) in valid.iter().enumerate().filter(|(_, a)| a.step == step) {
            proofs.push(Proof {
                step,
                claim: Claim::Valid(index),
                files: answer.files.clone(),
                steps: Steps::UpTo(step),
            });
        }
    }
    let check = capstone::build_check(root, Stderr::Capture)?;
    let with_twin = steps.iter().any(|exercise| {
        exercise
            .step()
            .is_some_and(|step| step.number >= TWIN_STEPS)
    });
    // The twin needs no build: its check runs beside the variants' from the start.
    let (outcomes, twin) = std::thread::scope(|scope| {
        let twin = with_twin.then(|| scope.spawn(|| check_the_twin(root, &check, &scratch)));
        let outcomes = build_and_check_all(root, &scratch, &kept, &check, &proofs);
        let twin = twin.map(|handle| {
            handle
                .join()
                .unwrap_or_else(|_| Err(RunnerError::new("the twin's check panicked")))
        });
        (outcomes, twin)
    });
    let mut found = report(steps, wrong, valid, &proofs, &outcomes?);
    match twin.transpose()? {
        Some(TwinFound::Line(line)) => found.notes.push(line),
        Some(TwinFound::Problem(problem)) => found.problems.push(problem),
        None => {}
    }
    Ok(found)
}

/// What the twin's check found: a line for the report, or a problem.
enum TwinFound {
    Line(String),
    Problem(String),
}

/// The steps whose checks the Python twin passes too: the API (step 6's logs are
/// `tracing`'s, step 7's tests Rust's).
pub const TWIN_STEPS: u32 = 5;

/// The twin, `python/fanout-twin` (aiohttp), through the same checks as the reference:
/// steps 1 to [`TWIN_STEPS`]. Without aiohttp it is skipped, saying so; in CI
/// (`CI` set) that is a problem.
fn check_the_twin(
    root: &Path,
    check: &CheckBinaries,
    scratch: &Path,
) -> Result<TwinFound, RunnerError> {
    let importable = std::process::Command::new("python3")
        .args(["-c", "import aiohttp"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !importable {
        let why =
            format!("the Python twin: not checked, python3 cannot import aiohttp ({PIP_INSTALL})");
        if std::env::var_os("CI").is_some() {
            return Ok(TwinFound::Problem(why));
        }
        return Ok(TwinFound::Line(why));
    }
    let twin = Service {
        binary: root.join("python/fanout-twin"),
        tests: Vec::new(),
    };
    let outcome = capstone::run_check(root, check, &twin, scratch, Steps::UpTo(TWIN_STEPS))?;
    Ok(if outcome.passed() {
        TwinFound::Line(format!(
            "the Python twin (python/capstone.py) passes steps 1 to {TWIN_STEPS}, as the reference does"
        ))
    } else {
        TwinFound::Problem(format!(
            "the Python twin (python/capstone.py) must pass steps 1 to {TWIN_STEPS} like the \
             reference; it gave: {}",
            outcome.message()
        ))
    })
}

/// How to get the twin's one dependency, pinned.
pub const PIP_INSTALL: &str = "python3 -m pip install aiohttp==3.14.5";

/// Builds each proof in turn and hands it to [`CHECKERS`] threads; the outcomes in the
/// proofs' order.
fn build_and_check_all(
    root: &Path,
    scratch: &Path,
    kept: &Path,
    check: &CheckBinaries,
    proofs: &[Proof],
) -> Result<Vec<Outcome>, RunnerError> {
    let outcomes: Mutex<Vec<Option<Result<Outcome, RunnerError>>>> =
        Mutex::new(proofs.iter().map(|_| None).collect());
    let record = |index: usize, outcome: Result<Outcome, RunnerError>| {
        outcomes.lock().unwrap_or_else(PoisonError::into_inner)[index] = Some(outcome);
    };
    let (to_check, checking) = mpsc::channel::<(usize, Service, PathBuf)>();
    let checking = Arc::new(Mutex::new(checking));
    let built: Result<(), RunnerError> = std::thread::scope(|scope| {
        for _ in 0..CHECKERS {
            let checking = Arc::clone(&checking);
            // A checker: takes the next built variant, checks it, records the outcome.
            scope.spawn(move || {
                loop {
                    let next = checking
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok((index, service, crate_root)) = next else {
                        return;
                    };
                    let outcome = capstone::run_check(
                        root,
                        check,
                        &service,
                        &crate_root,
                        proofs[index].steps,
                    );
                    record(index, outcome);
                }
            });
        }
        for (index, proof) in proofs.iter().enumerate() {
            capstone_crate::write(scratch, &proof.files)?;
            let (_, last) = match proof.steps {
                Steps::UpTo(step) | Steps::Only(step) => (step, step),
            };
            match capstone::build(root, scratch, VERIFY_BINARY, last >= 7, Stderr::Capture)? {
                Err(errors) => record(index, Ok(capstone::does_not_compile(&errors))),
                Ok(service) => {
                    let folder = kept.join(index.to_string());
                    let service = keep(&service, &proof.files, &folder)?;
                    // The checkers end when this sender is dropped (the scope's end).
                    let _ = to_check.send((index, service, folder.join("crate")));
                }
            }
        }
        drop(to_check);
        Ok(())
    });
    built?;
    outcomes
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .map(|outcome| outcome.unwrap_or_else(|| Err(RunnerError::new("a check did not run"))))
        .collect()
}

/// Copies a built variant's binary, test binaries and files into `folder`, out of reach
/// of the next build.
fn keep(service: &Service, files: &Files, folder: &Path) -> Result<Service, RunnerError> {
    let _ = std::fs::remove_dir_all(folder);
    let copy = |from: &Path, to: PathBuf| {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|error| {
                RunnerError::new(format!("cannot create {}: {error}", parent.display()))
            })?;
        }
        std::fs::copy(from, &to).map_err(|error| {
            RunnerError::new(format!("cannot copy {}: {error}", from.display()))
        })?;
        Ok::<PathBuf, RunnerError>(to)
    };
    let binary = copy(&service.binary, folder.join("fanout"))?;
    let tests = service
        .tests
        .iter()
        .map(|test| {
            copy(
                test,
                folder
                    .join("tests")
                    .join(test.file_name().unwrap_or_default()),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    capstone_crate::write(&folder.join("crate"), files)?;
    Ok(Service { binary, tests })
}

/// The report: a line per step, a problem per claim not shown.
fn report(
    steps: &[Exercise],
    wrong: &[WrongAnswer],
    valid: &[ValidAnswer],
    proofs: &[Proof],
    outcomes: &[Outcome],
) -> Found {
    let mut found = Found {
        lines: Vec::new(),
        notes: Vec::new(),
        problems: Vec::new(),
    };
    for exercise in steps {
        let Some(step) = exercise.step().map(|step| step.number) else {
            continue;
        };
        let name = &exercise.name;
        let (mut starter_fails, mut reference_passes) = (true, true);
        let (mut caught, mut wrong_count, mut passing, mut valid_count) = (0, 0, 0, 0);
        for (proof, outcome) in proofs.iter().zip(outcomes).filter(|(p, _)| p.step == step) {
            let message = outcome.message();
            match proof.claim {
                Claim::Starter if outcome.passed() => {
                    starter_fails = false;
                    found.problems.push(format!(
                        "{name}: the crate as this step starts must fail its check; it passed"
                    ));
                }
                Claim::Reference if !outcome.passed() => {
                    reference_passes = false;
                    found.problems.push(format!(
                        "{name}: the step's reference must pass its check; it gave: {message}"
                    ));
                }
                Claim::Starter | Claim::Reference => {}
                Claim::Wrong(index) => {
                    let answer = &wrong[index];
                    wrong_count += 1;
                    if !outcome.passed() && message.contains(&answer.expect) {
                        caught += 1;
                    } else {
                        found.problems.push(format!(
                            "{name}: the wrong answer solutions/capstone/wrong/{}.patch ({}) must \
                             fail with a message containing {:?}; it gave: {message}",
                            answer.name, answer.mistake, answer.expect
                        ));
                    }
                }
                Claim::Valid(index) => {
                    let answer = &valid[index];
                    valid_count += 1;
                    if outcome.passed() {
                        passing += 1;
                    } else {
                        found.problems.push(format!(
                            "{name}: the valid answer solutions/capstone/valid/{}.patch ({}) must \
                             pass; it gave: {message}",
                            answer.name, answer.design
                        ));
                    }
                }
            }
        }
        let valid_note = if valid_count == 0 {
            String::new()
        } else {
            format!(", valid answers: {passing} of {valid_count} pass")
        };
        found.lines.push(format!(
            "{:<32} starter: {:<17} solution: {:<14} wrong answers: {caught} of {wrong_count} fail as they should{valid_note}",
            name,
            if starter_fails { "fails" } else { "PASSES (wrong)" },
            if reference_passes { "passes" } else { "FAILS (wrong)" },
        ));
    }
    found
}
