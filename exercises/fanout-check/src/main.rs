//! The capstone's check: `just exercise fanout-N` builds your crate (`capstone/`) and
//! runs this with `FANOUT_STEP=N`. It checks steps 1 to N in order, each against your
//! real service started as a process (flags, address line, HTTP, signals), with the
//! course server as the upstream. A later step re-runs the earlier ones: a change for
//! step 5 that breaks step 3 is caught, and named as step 3.
//!
//! The runner passes, in the environment (names in `course_kit::check_protocol`):
//! `FANOUT_STEP`, `FANOUT_FIRST_STEP` (1, but for the course's own `verify`),
//! `FANOUT_STEP_NOTES` (each step's title and what to reread), `FANOUT_BIN` (your service),
//! `FANOUT_BROKEN` (the stand-in of step 7), `FANOUT_CRATE` (your crate's folder) and
//! `FANOUT_TESTS` (your test binaries, for step 7).

mod answers;
mod cache_and_status;
mod many_upstreams;
mod one_upstream;
mod own_tests;
mod paused_tests;
mod retries;
mod service;
mod skeleton;
mod stand_in_settings;
mod tracing_logs;

use std::path::PathBuf;
use std::process::ExitCode;

use course_kit::check_protocol as protocol;
use course_kit::http_server::BackgroundServer;
use exercise_kit::Verdict;

/// What every step's check is given.
pub struct Context {
    /// Your service's binary.
    pub binary: PathBuf,
    /// The stand-in that breaks it (step 7).
    pub broken: PathBuf,
    /// Your crate's folder.
    pub crate_root: PathBuf,
    /// Your test binaries (step 7).
    pub tests: Vec<PathBuf>,
    /// The upstream every check fetches from.
    pub upstream: BackgroundServer,
}

/// One step's check, by its number. What a step is called and what to reread when it
/// fails are the registry's (`course.toml`), passed by the runner.
type Check = fn(&Context) -> Result<String, String>;

const STEPS: [(u32, Check); 7] = [
    (1, skeleton::check),
    (2, one_upstream::check),
    (3, many_upstreams::check),
    (4, retries::check),
    (5, cache_and_status::check),
    (6, tracing_logs::check),
    (7, own_tests::check),
];

impl Context {
    /// A key for the course server's `/flaky/N/KEY`, new on every call: a step's check
    /// may run twice (see [`confirmed`]), and a key already asked would no longer fail.
    pub fn fresh_key(&self, name: &str) -> String {
        static USED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = USED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("{name}-{n}")
    }

    /// Waits until the course server has received more than `before` requests (your
    /// service has asked for the page): polled, at most 5 s, never a guessed sleep.
    pub fn wait_until_asked(&self, before: usize) -> Result<(), String> {
        let started = std::time::Instant::now();
        while self.upstream.requests_received() <= before {
            if started.elapsed() > std::time::Duration::from_secs(5) {
                return Err(
                    "your service never asked the upstream for the page within 5 s".to_owned(),
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        Ok(())
    }
}

fn main() -> ExitCode {
    exercise_kit::run(check)
}

fn check() -> Verdict {
    let context = match context() {
        Ok(context) => context,
        Err(problem) => return Verdict::fail(problem),
    };
    let last: u32 = std::env::var(protocol::STEP)
        .ok()
        .and_then(|step| step.parse().ok())
        .unwrap_or(1);
    // `verify` proves a starter or a wrong answer by its own step alone.
    let first: u32 = std::env::var(protocol::FIRST_STEP)
        .ok()
        .and_then(|step| step.parse().ok())
        .unwrap_or(1);
    let notes = protocol::decode_steps(&std::env::var(protocol::STEP_NOTES).unwrap_or_default());
    let mut passed = Vec::new();
    for (number, check) in STEPS
        .iter()
        .copied()
        .filter(|(number, _)| (first..=last).contains(number))
    {
        match confirmed(number, check, &context) {
            Ok(summary) => passed.push(format!("step {number}: {summary}")),
            Err(problem) => {
                let earlier = if number < last {
                    format!(" (step {last}'s check runs steps 1 to {last} in order)")
                } else {
                    String::new()
                };
                let note = notes.iter().find(|note| note.number == number);
                let title = note.map_or(String::new(), |note| format!(", {}", note.title));
                let reread = note.map_or(String::new(), |note| format!("; {}", note.reread));
                return Verdict::fail(format!(
                    "step {number}{title}{earlier}: {problem}\n  Reread: the capstone chapter, \
                     \"Step {number}\"{reread}. Hints: `just hint fanout-{number}`."
                ));
            }
        }
    }
    Verdict::pass(passed.join("\n  "))
}

/// Runs `step`'s check; a failure of steps 1 to 6, whose checks measure real time
/// against a live process, is confirmed by a second run, so that a busy machine (a build
/// beside it, a slow scheduler) cannot fail a correct service. A wrong service fails
/// both runs; the second run's words are shown. Step 7 runs your tests, which have
/// their own margins. (The course's proof of a starter or a wrong answer, which must
/// fail, asks for one run: `FANOUT_CONFIRM_FAILURES=0`.)
fn confirmed(number: u32, check: Check, context: &Context) -> Result<String, String> {
    let confirm = std::env::var(protocol::CONFIRM_FAILURES).map_or(true, |value| value != "0");
    match check(context) {
        Err(_) if confirm && number < 7 => check(context),
        outcome => outcome,
    }
}

fn context() -> Result<Context, String> {
    let path = |name: &str| {
        std::env::var_os(name).map(PathBuf::from).ok_or_else(|| {
            format!("{name} is not set: run this check with `just exercise fanout-N`")
        })
    };
    course_kit::tls::install_crypto_provider();
    let upstream = BackgroundServer::start()
        .map_err(|error| format!("cannot start the course server: {error}"))?;
    Ok(Context {
        binary: path(protocol::SERVICE_BINARY)?,
        broken: path(protocol::BROKEN_BINARY)?,
        crate_root: path(protocol::CRATE_FOLDER)?,
        tests: std::env::var_os(protocol::TEST_BINARIES)
            .map(|paths| std::env::split_paths(&paths).collect())
            .unwrap_or_default(),
        upstream,
    })
}
