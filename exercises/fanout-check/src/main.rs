//! The capstone's check: `just exercise fanout-N` builds your crate (`capstone/`) and
//! runs this with `FANOUT_STEP=N`. It checks steps 1 to N in order, each against your
//! real service started as a process (flags, address line, HTTP, signals), with the
//! course server as the upstream. A later step re-runs the earlier ones: a change for
//! step 5 that breaks step 3 is caught, and named as step 3.
//!
//! The runner passes, in the environment: `FANOUT_STEP`, `FANOUT_FIRST_STEP` (1, but
//! for the course's own `verify`), `FANOUT_BIN` (your service),
//! `FANOUT_BROKEN` (the stand-in of step 7), `FANOUT_CRATE` (your crate's folder) and
//! `FANOUT_TESTS` (your test binaries, for step 7).

mod answers;
mod cache_and_status;
mod many_upstreams;
mod one_upstream;
mod own_tests;
mod retries;
mod service;
mod skeleton;
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

/// One step: its number, name, where to reread, its check.
struct Step {
    number: u32,
    name: &'static str,
    reread: &'static str,
    check: fn(&Context) -> Result<String, String>,
}

const STEPS: [Step; 7] = [
    Step {
        number: 1,
        name: "the skeleton",
        reread: "lesson 10, Part 5 (graceful shutdown)",
        check: skeleton::check,
    },
    Step {
        number: 2,
        name: "one upstream",
        reread: "lesson 6, Parts 1 and 4 (reqwest, timeouts, error statuses)",
        check: one_upstream::check,
    },
    Step {
        number: 3,
        name: "many upstreams",
        reread: "lesson 9, Parts 1 and 7 (a shared limit, one deadline)",
        check: many_upstreams::check,
    },
    Step {
        number: 4,
        name: "retries",
        reread: "lesson 9, Part 6 (retries with backoff and jitter)",
        check: retries::check,
    },
    Step {
        number: 5,
        name: "the cache and /status",
        reread: "lesson 10, Part 2 and \"Which mutex?\"; lesson 12, error 1 (atomics)",
        check: cache_and_status::check,
    },
    Step {
        number: 6,
        name: "tracing",
        reread: "its notes on spans, events and EnvFilter",
        check: tracing_logs::check,
    },
    Step {
        number: 7,
        name: "your own tests",
        reread: "lesson 11, Parts 1, 5 and 6",
        check: own_tests::check,
    },
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
    let mut passed = Vec::new();
    for step in STEPS
        .iter()
        .filter(|step| (first..=last).contains(&step.number))
    {
        match confirmed(step, &context) {
            Ok(summary) => passed.push(format!("step {}: {summary}", step.number)),
            Err(problem) => {
                let earlier = if step.number < last {
                    format!(" (step {last}'s check runs steps 1 to {last} in order)")
                } else {
                    String::new()
                };
                return Verdict::fail(format!(
                    "step {}, {}{earlier}: {problem}\n  Reread: the capstone chapter, \"Step {}\"; \
                     {}. Hints: `just hint fanout-{}`.",
                    step.number, step.name, step.number, step.reread, step.number
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
fn confirmed(step: &Step, context: &Context) -> Result<String, String> {
    let confirm = std::env::var(protocol::CONFIRM_FAILURES).map_or(true, |value| value != "0");
    match (step.check)(context) {
        Err(_) if confirm && step.number < 7 => (step.check)(context),
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
