//! `bench-tasks`: what async buys, measured. `just bench-tasks [N]` runs it (release build).
//!
//! N tasks that each sleep 100 ms. If each one needed an OS thread (8 MiB of stack
//! reserved, a kernel object, a context switch), 100,000 of them would be out of the
//! question; as tokio tasks they are small heap objects on one thread, and the whole
//! run takes barely more than the 100 ms they sleep.
//!
//! Three ways of running N sleeps on a current-thread runtime are compared, each in a
//! fresh child process (so that one measurement's memory does not count towards the
//! next; see [`crate::lifeline`] for why no child outlives the benchmark), measured after
//! one warm-up run:
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
//! channels) per turn. Only an operation that completes spends it: a sleep that
//! registers its timer and returns `Pending` gives its unit back, so all N sleeps
//! register on the first turn. When they all fire together, though, only 128 of them
//! may complete in that turn; the others are refused (`Pending`), and the wake-up each
//! refused sleep asks for is deferred until the turn ends. `join_all` puts all N sleeps
//! inside *one* task, so they share *one* budget, and each turn it polls every fired
//! sleep that is still unfinished, most of them in vain. (Above 30 futures `join_all`
//! polls only woken ones, but every refused sleep *was* woken, late; its guard against
//! spinning futures only counts wake-ups that happen during the poll itself.) About
//! N / 128 turns, each polling up to N sleeps: the work grows with N². The benchmark
//! shows it in the poll count, and `unconstrained` (no budget) makes it vanish.
//! Spawned tasks each have their own budget, so spawning scales linearly.

use std::future::Future;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use course_kit::Transcript;

use crate::memory;
use futures::future::join_all;

use crate::BenchError;
use crate::lifeline::spawn_child;

/// How long every task sleeps.
pub const SLEEP: Duration = Duration::from_millis(100);

/// The task counts the benchmark tries, up to the largest one asked for.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The most tasks `--tasks` accepts: a million tasks take a few hundred MiB.
pub const MAX_TASKS: usize = 1_000_000;

/// Above this many tasks, plain `join_all` is skipped: its time grows with N², so a
/// million would take many minutes (see the module documentation).
pub const MAX_JOIN_ALL: usize = 200_000;

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

    /// The words `--measure` takes, in the order of [`ALL`](Self::ALL).
    pub const KEYS: [&'static str; 3] = ["spawn", "join_all", "unconstrained"];

    /// The name the table shows.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::SpawnEach => "spawn each",
            Strategy::JoinAll => "join_all",
            Strategy::UnconstrainedJoinAll => "unconstrained(join_all)",
        }
    }

    /// The one word `--measure` takes.
    pub fn key(self) -> &'static str {
        match self {
            Strategy::SpawnEach => Self::KEYS[0],
            Strategy::JoinAll => Self::KEYS[1],
            Strategy::UnconstrainedJoinAll => Self::KEYS[2],
        }
    }

    /// The strategy whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|strategy| strategy.key() == key)
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measurement {
    /// Wall time for all N sleeps.
    pub total: Duration,
    /// The process's peak resident memory while measuring, if the OS reports it.
    pub peak_rss_kib: Option<u64>,
    /// How often the sleeps were polled.
    pub polls: u64,
}

impl Measurement {
    /// The one line a child prints for its parent: `micros kib polls`.
    pub fn to_line(self) -> String {
        format!(
            "{} {} {}",
            self.total.as_micros(),
            self.peak_rss_kib
                .map_or("-".to_owned(), |kib| kib.to_string()),
            self.polls
        )
    }

    /// Reads a line written by [`to_line`](Self::to_line).
    pub fn from_line(line: &str) -> Option<Self> {
        let mut fields = line.split_whitespace();
        let total = Duration::from_micros(fields.next()?.parse().ok()?);
        let peak_rss_kib = match fields.next()? {
            "-" => None,
            kib => Some(kib.parse().ok()?),
        };
        let polls = fields.next()?.parse().ok()?;
        fields.next().is_none().then_some(Self {
            total,
            peak_rss_kib,
            polls,
        })
    }
}

/// Measures `strategy` for `n` sleeps in this process, on a fresh current-thread runtime.
pub fn measure(strategy: Strategy, n: usize) -> Result<Measurement, BenchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|error| BenchError::new(format!("cannot start the tokio runtime: {error}")))?;
    // One unmeasured warm-up run first, as benchmarks do: the first run in a fresh
    // process also pays for the kernel handing the allocator its pages (~48 MiB for
    // 100,000 tasks), which is start-up cost, not the cost of the tasks.
    runtime.block_on(sleep_many(strategy, n));
    memory::reset_peak_rss();
    let start = Instant::now();
    let polls = runtime.block_on(sleep_many(strategy, n));
    let total = start.elapsed();
    Ok(Measurement {
        total,
        peak_rss_kib: memory::peak_rss_kib(),
        polls,
    })
}

/// Measures `strategy` for `n` sleeps in a fresh child process (this same program with
/// `--measure`), which ends if this process does.
fn measure_in_child(strategy: Strategy, n: usize) -> Result<Measurement, BenchError> {
    let exe = std::env::current_exe()
        .map_err(|error| BenchError::new(format!("cannot find this program's path: {error}")))?;
    let what = format!("{} with {n} tasks", strategy.name());
    let mut child = spawn_child(
        Command::new(&exe)
            .args(["--measure", strategy.key(), "--tasks", &n.to_string()])
            .stdout(Stdio::piped()),
    )
    .map_err(|error| BenchError::new(format!("cannot run {}: {error}", exe.display())))?;
    let output = child
        .finish()
        .map_err(|error| BenchError::new(format!("measuring {what}: {error}")))?;
    if !output.status.success() {
        return Err(BenchError::new(format!(
            "measuring {what} failed ({})",
            output.status
        )));
    }
    Measurement::from_line(output.stdout.trim()).ok_or_else(|| {
        BenchError::new(format!(
            "measuring {what} printed {:?}, not `micros kib polls`",
            output.stdout.trim()
        ))
    })
}

/// The table for up to `largest` tasks, each row measured in a fresh child process.
pub fn run_benchmark(out: &Transcript, largest: usize) -> Result<(), BenchError> {
    out.note(format!(
        "Scale: N tasks, each sleeping {} ms, on a current-thread runtime",
        SLEEP.as_millis()
    ));
    if cfg!(debug_assertions) {
        out.paragraph(
            "(debug build: figures are only meaningful with --release, as `just bench-tasks` \
             runs it)",
        );
    }
    out.note(format!(
        "{:<24} {:>8} {:>10} {:>12} {:>10} {:>12}",
        "strategy", "N", "total ms", "overhead ms", "peak MiB", "sleep polls"
    ));
    let mut sizes: Vec<usize> = SIZES.into_iter().filter(|&n| n <= largest).collect();
    if !sizes.contains(&largest) {
        sizes.push(largest);
    }
    for n in sizes {
        for strategy in Strategy::ALL {
            if strategy == Strategy::JoinAll && n > MAX_JOIN_ALL {
                out.note(format!(
                    "{:<24} {n:>8}   skipped: above {MAX_JOIN_ALL} its time grows with N²",
                    strategy.name()
                ));
                continue;
            }
            let m = measure_in_child(strategy, n)?;
            let overhead = m.total.saturating_sub(SLEEP);
            let peak = m.peak_rss_kib.map_or("n/a".to_owned(), |kib| {
                format!("{:.1}", kib as f64 / 1024.0)
            });
            out.note(format!(
                "{:<24} {:>8} {:>10} {:>12} {:>10} {:>12}",
                strategy.name(),
                n,
                m.total.as_millis(),
                overhead.as_millis(),
                peak,
                m.polls
            ));
        }
    }
    out.paragraph(
        "Each sleep needs 2 polls. join_all runs every sleep on one task, which shares one \
         coop budget (128 operations a turn): most polls are spent in vain, about N/128 \
         turns of up to N polls each. unconstrained() removes the budget and the waste; \
         spawned tasks each have their own budget.",
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_travel_as_one_line() {
        let m = Measurement {
            total: Duration::from_micros(174_000),
            peak_rss_kib: Some(48_230),
            polls: 200_000,
        };
        assert_eq!(m.to_line(), "174000 48230 200000");
        assert_eq!(Measurement::from_line(&m.to_line()), Some(m));
        let unknown = Measurement {
            peak_rss_kib: None,
            ..m
        };
        assert_eq!(Measurement::from_line(&unknown.to_line()), Some(unknown));
        assert_eq!(Measurement::from_line("1 2"), None);
        assert_eq!(Measurement::from_line("1 2 3 4"), None);
    }

    /// Spawned sleeps and `unconstrained(join_all)` poll each sleep exactly twice; plain
    /// `join_all` on one task wastes polls, because all its sleeps share one coop budget.
    #[tokio::test(start_paused = true)]
    async fn join_all_wastes_polls_where_spawn_does_not() {
        let n = 5_000;
        let spawned = sleep_many(Strategy::SpawnEach, n).await;
        let unconstrained = sleep_many(Strategy::UnconstrainedJoinAll, n).await;
        let joined = sleep_many(Strategy::JoinAll, n).await;
        assert_eq!(spawned, 2 * n as u64);
        assert_eq!(unconstrained, 2 * n as u64);
        assert!(
            joined > 10 * spawned,
            "join_all polled {joined} times, spawn {spawned}"
        );
    }

    #[test]
    fn strategies_round_trip_by_key() {
        for strategy in Strategy::ALL {
            assert_eq!(Strategy::from_key(strategy.key()), Some(strategy));
        }
        assert_eq!(Strategy::from_key("threads"), None);
    }
}
