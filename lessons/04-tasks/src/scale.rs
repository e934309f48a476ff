//! Scale: what async buys, measured. `just bench-tasks` runs it (release build).
//!
//! N tasks that each sleep 100 ms. If each one needed an OS thread (8 MiB of stack
//! reserved, a kernel object, a context switch), 100,000 of them would be out of the
//! question; as tokio tasks they are small heap objects on one thread, and the whole
//! run takes barely more than the 100 ms they sleep.
//!
//! Three ways of running N sleeps on a current-thread runtime are compared, each in a
//! fresh process (so that one measurement's memory does not count towards the next),
//! measured after one warm-up run:
//!
//! - **spawn each**: `tokio::spawn` every sleep, then await the handles;
//! - **join_all**: one `futures::future::join_all` over all the sleeps, on one task;
//! - **unconstrained(join_all)**: the same, with tokio's cooperative budget turned off.
//!
//! Every sleep is wrapped so that the benchmark counts how often it is polled. A sleep
//! needs two polls: one to register its timer, one when it fires.
//!
//! ## What happens to join_all, and why
//!
//! tokio gives each task a budget of 128 operations on its resources (timers, sockets,
//! channels) per turn; once the budget is spent, further polls of a resource return
//! `Pending` and ask to be polled again on the next turn. That stops one busy task from
//! starving the others. `join_all` puts all N sleeps inside *one* task, so they share
//! *one* budget: each turn only about 128 of them can register their timer. The wake-up
//! that a budget-exhausted sleep asks for is deferred until the turn ends, so `join_all`
//! cannot tell that it is spinning and polls every other unfinished sleep in vain, every
//! turn. About N / 128 turns, each polling up to N sleeps: the work grows with N². The
//! benchmark shows it in the poll count, and `unconstrained` (no budget) makes it vanish.
//! Spawned tasks each have their own budget, so spawning scales linearly.

use std::future::Future;
use std::pin::Pin;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use course_kit::{Transcript, cli, memory};
use futures::future::join_all;

/// How long every task sleeps.
pub const SLEEP: Duration = Duration::from_millis(100);

/// The task counts the benchmark tries, up to the largest one asked for.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// How the N sleeps are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// `tokio::spawn` each sleep, then await every `JoinHandle`.
    SpawnEach,
    /// One `join_all` over every sleep, on one task.
    JoinAll,
    /// `tokio::task::unconstrained(join_all(..))`: the same without the coop budget.
    UnconstrainedJoinAll,
}

impl Strategy {
    /// Every strategy, in the order the table shows them.
    pub const ALL: [Strategy; 3] = [
        Strategy::SpawnEach,
        Strategy::JoinAll,
        Strategy::UnconstrainedJoinAll,
    ];

    /// The name the table and the command line use.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::SpawnEach => "spawn each",
            Strategy::JoinAll => "join_all",
            Strategy::UnconstrainedJoinAll => "unconstrained(join_all)",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|strategy| strategy.name() == name)
    }
}

/// How often the sleeps of the current measurement were polled. (A `static` rather than
/// an `Arc` per sleep: the counting must not cost more than what it counts.)
static SLEEP_POLLS: AtomicU64 = AtomicU64::new(0);

pin_project_lite::pin_project! {
    /// A `sleep(SLEEP)` that counts each time it is polled: exactly as big as the
    /// `Sleep` inside it, so counting costs no memory.
    struct CountedSleep {
        #[pin]
        sleep: tokio::time::Sleep,
    }
}

impl Future for CountedSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        SLEEP_POLLS.fetch_add(1, Ordering::Relaxed);
        // `project` hands out a pinned reference to the field: the safe way to poll a
        // future stored inside another one.
        self.project().sleep.poll(cx)
    }
}

/// `tokio::time::sleep` fixes its deadline when it is *created*, so every sleep made
/// here ends 100 ms after it was spawned (or handed to `join_all`), whenever its task
/// first runs.
fn counted_sleep() -> CountedSleep {
    CountedSleep {
        sleep: tokio::time::sleep(SLEEP),
    }
}

/// Runs `n` counted sleeps with `strategy` on the current runtime; returns how many
/// times the sleeps were polled in all. (One measurement at a time per process: the
/// count is process-wide.)
pub async fn sleep_many(strategy: Strategy, n: usize) -> u64 {
    let before = SLEEP_POLLS.load(Ordering::Relaxed);
    let sleeps = (0..n).map(|_| counted_sleep());
    match strategy {
        Strategy::SpawnEach => {
            // Each sleep becomes its own task, scheduled at once.
            let handles: Vec<_> = sleeps.map(tokio::spawn).collect();
            for handle in handles {
                let _ = handle.await;
            }
        }
        Strategy::JoinAll => {
            join_all(sleeps).await;
        }
        Strategy::UnconstrainedJoinAll => {
            tokio::task::unconstrained(join_all(sleeps)).await;
        }
    }
    SLEEP_POLLS.load(Ordering::Relaxed) - before
}

/// One measurement: total time, peak memory of the process, and polls.
#[derive(Clone, Copy, Debug)]
pub struct Measurement {
    /// Wall time for all N sleeps.
    pub total: Duration,
    /// The process's peak resident memory while measuring, if the OS reports it.
    pub peak_rss_kib: Option<u64>,
    /// How often the sleeps were polled.
    pub polls: u64,
}

/// Measures `strategy` for `n` sleeps in this process, on a fresh current-thread runtime.
pub fn measure(strategy: Strategy, n: usize) -> Measurement {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => cli::exit_with_error(format!("cannot start the tokio runtime: {error}")),
    };
    // One unmeasured warm-up run first, as benchmarks do: the first run in a fresh
    // process also pays for the kernel handing the allocator its pages (~48 MiB for
    // 100,000 tasks), which is start-up cost, not the cost of the tasks.
    runtime.block_on(sleep_many(strategy, n));
    memory::reset_peak_rss();
    let start = Instant::now();
    let polls = runtime.block_on(sleep_many(strategy, n));
    let total = start.elapsed();
    Measurement {
        total,
        peak_rss_kib: memory::peak_rss_kib(),
        polls,
    }
}

/// `--bench-one STRATEGY N`: measure once and print one machine-readable line
/// (`micros kib polls`) for the parent process to read.
pub fn measure_and_print(spec: &str) {
    let mut words = spec.rsplitn(2, ' ');
    let (Some(n), Some(name)) = (words.next(), words.next()) else {
        cli::exit_with_error(format!("--bench-one wants 'STRATEGY N', got {spec:?}"));
    };
    let (Some(strategy), Ok(n)) = (Strategy::from_name(name), n.parse::<usize>()) else {
        cli::exit_with_error(format!("--bench-one wants 'STRATEGY N', got {spec:?}"));
    };
    let m = measure(strategy, n);
    // Help output goes through stdout too; this line is for our own parent process.
    use std::io::Write;
    let _ = writeln!(
        std::io::stdout(),
        "{} {} {}",
        m.total.as_micros(),
        m.peak_rss_kib.map_or("-".to_owned(), |kib| kib.to_string()),
        m.polls
    );
}

/// `--bench N`: the table, each row measured in a fresh child process.
pub fn run_benchmark(out: &Transcript, largest: usize) {
    out.note(format!(
        "Scale: N tasks, each sleeping {} ms, on a current-thread runtime",
        SLEEP.as_millis()
    ));
    if cfg!(debug_assertions) {
        out.paragraph("(debug build: figures are only meaningful with --release, as `just bench-tasks` runs it)");
    }
    out.note(format!(
        "{:<24} {:>8} {:>10} {:>12} {:>10} {:>12}",
        "strategy", "N", "total ms", "overhead ms", "peak MiB", "sleep polls"
    ));
    let Ok(exe) = std::env::current_exe() else {
        cli::exit_with_error("cannot find this program's own path to measure in a child process");
    };
    let mut sizes: Vec<usize> = SIZES.into_iter().filter(|&n| n <= largest).collect();
    if !sizes.contains(&largest) {
        sizes.push(largest);
    }
    for n in sizes {
        for strategy in Strategy::ALL {
            let spec = format!("{} {n}", strategy.name());
            let output = Command::new(&exe).args(["--bench-one", &spec]).output();
            let line = match output {
                Ok(output) if output.status.success() => {
                    String::from_utf8_lossy(&output.stdout).trim().to_owned()
                }
                Ok(output) => cli::exit_with_error(format!(
                    "measuring {spec} failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                )),
                Err(error) => {
                    cli::exit_with_error(format!("cannot run {}: {error}", exe.display()))
                }
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [micros, kib, polls] = fields[..] else {
                cli::exit_with_error(format!("unexpected measurement {line:?}"));
            };
            let total = Duration::from_micros(micros.parse().unwrap_or_default());
            let overhead = total.saturating_sub(SLEEP);
            let peak = kib.parse::<u64>().map_or("n/a".to_owned(), |kib| {
                format!("{:.1}", kib as f64 / 1024.0)
            });
            out.note(format!(
                "{:<24} {:>8} {:>10} {:>12} {:>10} {:>12}",
                strategy.name(),
                n,
                total.as_millis(),
                overhead.as_millis(),
                peak,
                polls
            ));
        }
    }
    out.paragraph(
        "Each sleep needs 2 polls. join_all runs every sleep on one task, which shares one \
         coop budget (128 operations a turn): most polls are spent in vain, about N/128 \
         turns of up to N polls each. unconstrained() removes the budget and the waste; \
         spawned tasks each have their own budget.",
    );
}
