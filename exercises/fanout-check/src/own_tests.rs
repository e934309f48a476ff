//! Step 7: your own tests. They must pass against your service and fail against each
//! broken one: a service that ignores --limit, one that answers long after its
//! deadline, one that never retries, one that never caches, one that drops the requests
//! in flight on SIGTERM. One of them, at least, runs on the paused clock.
//!
//! Your tests find the service to run in `FANOUT_BIN` (tests/support/mod.rs does this);
//! the check points it at a stand-in that runs your service, broken in one way or not at
//! all. Which way only the stand-in itself can ask (see [`crate::stand_in_settings`]):
//! nothing in its file, the environment or beside it says.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use course_kit::check_protocol as protocol;
use course_kit::child::{self, Stderr};

use crate::Context;
use crate::answers::short;

/// How long one run of your tests may take.
const TESTS_WITHIN: Duration = Duration::from_secs(20);

/// Each broken service, and what a test that catches it checks.
const BROKEN: [(&str, &str); 5] = [
    (
        "limit",
        "a service that ignores --limit (64 at once): a test that counts the upstream's \
         requests at once (CourseServer::most_requests_in_flight) with --limit 2",
    ),
    (
        "deadline",
        "a service whose deadline is ten times --deadline-ms: a test that asks for a slow \
         page with a short deadline and expects `unfinished` in time",
    ),
    (
        "retries",
        "a service that tries once (--retries 1 whatever you pass): a test with \
         /flaky/2/KEY and --retries 3 that expects `ok` after 3 attempts",
    ),
    (
        "cache",
        "a service that never caches: a test that asks for a page twice and expects \
         `\"cached\": true` the second time",
    ),
    (
        "drain",
        "a service that dies on SIGTERM, dropping what is in flight: a test that sends \
         SIGTERM while a slow page is being fetched and expects the answer, then exit 0",
    ),
];

pub fn check(context: &Context) -> Result<String, String> {
    if context.tests.is_empty() {
        return Err(
            "there are no tests in capstone/tests/ yet: write them there (tests/service.rs, \
             say), with `mod support;` for the helpers given in tests/support/mod.rs (lesson \
             11)"
            .to_owned(),
        );
    }
    let scratch = std::env::temp_dir().join(format!("fanout-check-{}", course_kit::token::fresh()));
    let result = run_all(context, &scratch);
    kill_strays(&scratch);
    let _ = fs::remove_dir_all(&scratch);
    result
}

fn run_all(context: &Context, scratch: &Path) -> Result<String, String> {
    fs::create_dir_all(scratch)
        .map_err(|error| format!("cannot make {}: {error}", scratch.display()))?;
    // One copy of your service for every stand-in (so that what they leave running can
    // be found and stopped: its path is under the scratch folder).
    let service = scratch.join(course_kit::token::fresh());
    fs::copy(&context.binary, &service)
        .map_err(|error| format!("cannot copy your service: {error}"))?;
    let settings = crate::stand_in_settings::SettingsServer::start(
        scratch.join(format!("{}.sock", course_kit::token::fresh())),
    )?;
    let (honest, marker) = stand_in(context, scratch, &service, "none", &settings)?;
    let run = run_tests(context, &honest, scratch);
    if !marker.exists() {
        return Err(
            "your tests never started the service FANOUT_BIN names, so no broken service \
             can be caught: start it with support::Service::start (tests/support/mod.rs), \
             not in-process and not with env!(\"CARGO_BIN_EXE_fanout\")"
                .to_owned(),
        );
    }
    if !run.passed {
        return Err(format!(
            "your tests must pass against your own service; they failed: {}",
            run.summary
        ));
    }
    // One test on the paused clock, at least, found in the code and run by its name
    // (an ignored test, or one that fails alone, does not count).
    let paused = paused_clock_tests(&context.crate_root.join("tests"));
    if !paused
        .iter()
        .any(|(file, test)| !test.ignored && runs_and_passes(context, &honest, file, &test.name))
    {
        return Err(if paused.is_empty() {
            "none of your tests under capstone/tests/ runs on the paused clock (only \
             tests/*.rs count; tests inside src/ are not run here): add one with \
             #[tokio::test(start_paused = true)], a runtime built with .start_paused(true), \
             or tokio::time::pause() (the cache's TTL is a good subject: fanout's Cache with \
             30 s of virtual time; lesson 11, Part 1)"
                .to_owned()
        } else {
            format!(
                "your tests on the paused clock ({}) did not run and pass when run by name: \
                 an #[ignore]d test never runs, so it does not count, and each must pass on \
                 its own",
                paused
                    .iter()
                    .map(|(file, test)| {
                        let ignored = if test.ignored { " (#[ignore]d)" } else { "" };
                        format!("tests/{file}.rs: {}{ignored}", test.name)
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    }
    if run.tests < 3 {
        return Err(format!(
            "your tests ran {} test(s); step 7 asks for tests of the limit, the deadline, \
             the retries, the cache and the drain",
            run.tests
        ));
    }
    for (defect, catch_it) in BROKEN {
        let (broken, _) = stand_in(context, scratch, &service, defect, &settings)?;
        let run = run_tests(context, &broken, scratch);
        if run.passed {
            return Err(format!(
                "every one of your tests passed against {catch_it}. That service is wrong, \
                 so some test should fail: add it"
            ));
        }
    }
    Ok(format!(
        "your {} tests pass against your service (one on the paused clock, at least) and \
         catch each of the five broken services",
        run.tests
    ))
}

/// The paused-clock tests of each test file `tests/NAME.rs` (read as Rust tokens: see
/// [`crate::paused_tests`]), as (NAME, test) pairs.
fn paused_clock_tests(folder: &Path) -> Vec<(String, crate::paused_tests::PausedTest)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(stem) = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
        else {
            continue;
        };
        if path.extension().is_some_and(|ext| ext == "rs") {
            let source = fs::read_to_string(&path).unwrap_or_default();
            for test in crate::paused_tests::in_source(&source) {
                found.push((stem.clone(), test));
            }
        }
    }
    found
}

/// Runs one test by name in the test binary built from `tests/FILE.rs`: whether it ran
/// and passed (`1 passed`).
fn runs_and_passes(context: &Context, service: &Path, file: &str, test: &str) -> bool {
    let prefix = format!("{}-", file.replace('-', "_"));
    let Some(binary) = context.tests.iter().find(|binary| {
        binary
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
    }) else {
        return false;
    };
    let mut command = Command::new(binary);
    command
        .args([test, "--exact"])
        .env(protocol::SERVICE_BINARY, service)
        .env_remove("RUST_LOG")
        .current_dir(&context.crate_root);
    child::run(&mut command, b"", TESTS_WITHIN, Stderr::Capture)
        .is_ok_and(|ended| ended.succeeded() && ended.stdout.contains("1 passed"))
}

/// A stand-in for `defect`, under a folder with a random name, as `.../fanout`: a copy
/// of the stand-in with the settings socket's path appended, its settings served to it
/// alone. Returns it and the marker it creates when it starts.
fn stand_in(
    context: &Context,
    scratch: &Path,
    service: &Path,
    defect: &str,
    settings: &crate::stand_in_settings::SettingsServer,
) -> Result<(PathBuf, PathBuf), String> {
    let folder = scratch.join(course_kit::token::fresh());
    fs::create_dir_all(&folder)
        .map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
    let stand_in = folder.join("fanout");
    let marker = scratch.join(course_kit::token::fresh());
    let mut bytes = fs::read(&context.broken)
        .map_err(|error| format!("cannot read {}: {error}", context.broken.display()))?;
    bytes.extend_from_slice(
        format!("\n#fanout-stand-in#{}#\n", settings.path().display()).as_bytes(),
    );
    fs::write(&stand_in, bytes).map_err(|error| format!("cannot write the stand-in: {error}"))?;
    make_executable(&stand_in)?;
    settings.serve(
        &stand_in,
        format!("{defect}#{}#{}#", service.display(), marker.display()),
    )?;
    Ok((stand_in, marker))
}

fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|error| format!("cannot make {} executable: {error}", path.display()))
}

/// What one run of every test binary gave.
struct TestRun {
    passed: bool,
    tests: usize,
    summary: String,
}

fn run_tests(context: &Context, service: &Path, scratch: &Path) -> TestRun {
    let mut run = TestRun {
        passed: true,
        tests: 0,
        summary: String::new(),
    };
    for test in &context.tests {
        let mut command = Command::new(test);
        command
            .env(protocol::SERVICE_BINARY, service)
            .env_remove("RUST_LOG")
            .current_dir(&context.crate_root);
        let ended = child::run(&mut command, b"", TESTS_WITHIN, Stderr::Capture);
        kill_strays(scratch);
        let Ok(ended) = ended else {
            run.passed = false;
            run.summary = format!("cannot run {}", test.display());
            continue;
        };
        run.tests += counted(&ended.stdout);
        if !ended.succeeded() {
            run.passed = false;
            let name = test.file_name().map(|n| n.to_string_lossy().into_owned());
            run.summary = if ended.timed_out() {
                format!(
                    "{} did not finish within {} s",
                    name.unwrap_or_default(),
                    TESTS_WITHIN.as_secs()
                )
            } else {
                let failures: Vec<&str> = ended
                    .stdout
                    .lines()
                    .filter(|line| line.starts_with("test ") && line.ends_with("FAILED"))
                    .collect();
                // Each failure's panic message: the line after "panicked at ...".
                let lines: Vec<&str> = ended.stdout.lines().collect();
                let why: Vec<&str> = lines
                    .windows(2)
                    .filter(|pair| pair[0].contains("panicked at"))
                    .map(|pair| pair[1])
                    .take(3)
                    .collect();
                format!(
                    "{}: {} ({})",
                    name.unwrap_or_default(),
                    short(&failures.join("; ")),
                    short(&why.join("; "))
                )
            };
        }
    }
    run
}

/// The tests libtest says it ran: `test result: ok. 3 passed; 1 failed; ...`.
fn counted(stdout: &str) -> usize {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test result: "))
        .map(|rest| {
            rest.split(';')
                .filter_map(|part| {
                    let mut words = part.split_whitespace().rev();
                    let kind = words.next()?;
                    let count: usize = words.next()?.parse().ok()?;
                    matches!(kind, "passed" | "failed").then_some(count)
                })
                .sum::<usize>()
        })
        .sum()
}

/// Kills every process still running a program from `scratch` (a service your test did
/// not stop, a stand-in's child), so none outlives the check.
fn kill_strays(scratch: &Path) {
    let Ok(entries) = fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(exe) = fs::read_link(entry.path().join("exe")) else {
            continue;
        };
        if exe.starts_with(scratch) {
            let _ = Command::new("kill")
                .args(["-KILL", &entry.file_name().to_string_lossy()])
                .status();
        }
    }
}
