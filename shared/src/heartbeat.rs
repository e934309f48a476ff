//! A heartbeat: a task that ticks every 100 ms, to measure whether the runtime is free.
//!
//! [`with_heartbeat`] runs some async code while a separate task tries to tick every
//! [`TICK`]. The heartbeat can only tick when the runtime gets a turn on a thread, so
//! its ticks measure how free the runtime was: about ten ticks a second, never far
//! apart, when the code only *waits*; no tick at all while the code *computes* or calls
//! a *blocking* function on the runtime's only thread.
//!
//! Times are real ([`std::time::Instant`]): CPU work and blocking calls take real time,
//! which a paused tokio clock would not see.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often the heartbeat ticks.
pub const TICK: Duration = Duration::from_millis(100);

/// A gap this long between ticks means the heartbeat was stalled (5 ticks missed).
pub const STALL: Duration = Duration::from_millis(500);

/// What the heartbeat measured while some code ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pulse {
    /// Ticks that happened while the scenario ran.
    pub ticks: usize,
    /// Ticks an unhindered heartbeat would have had.
    pub expected_ticks: usize,
    /// The longest time without a tick (from the start, between ticks, or to the end).
    pub longest_gap: Duration,
}

impl Pulse {
    /// Whether the heartbeat went [`STALL`] or longer without ticking.
    pub fn stalled(&self) -> bool {
        self.longest_gap >= STALL
    }
}

/// Runs `scenario` on the current runtime while a heartbeat task ticks beside it.
pub async fn with_heartbeat<F: Future>(scenario: F) -> (F::Output, Pulse) {
    let ticks = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let recorder = Arc::clone(&ticks);
    // The heartbeat is its own task: it only runs when the runtime gets a turn on a
    // thread, which is exactly what we are measuring.
    let heartbeat = tokio::spawn(async move {
        loop {
            // Waiting, the good kind: Pending at once, the thread is free meanwhile.
            tokio::time::sleep(TICK).await;
            recorder
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(Instant::now());
        }
    });
    // Give the heartbeat its first turn, so it is sleeping before the scenario starts.
    tokio::task::yield_now().await;
    let output = scenario.await;
    let end = Instant::now();
    // Stop the heartbeat: it would tick forever otherwise.
    heartbeat.abort();
    let ticks = ticks.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let mut previous = start;
    let mut longest_gap = Duration::ZERO;
    for tick in ticks.iter().copied().chain([end]) {
        longest_gap = longest_gap.max(tick.saturating_duration_since(previous));
        previous = tick;
    }
    let pulse = Pulse {
        ticks: ticks.len(),
        // Ticks due before the end. (The tick due at the very end of a 1 s scenario
        // lands a moment after it, so an unhindered heartbeat counts 9 for 1 s.)
        expected_ticks: (end
            .duration_since(start)
            .saturating_sub(Duration::from_millis(5))
            .as_millis()
            / TICK.as_millis()) as usize,
        longest_gap,
    };
    (output, pulse)
}

impl fmt::Display for Pulse {
    /// `9 of  9 ticks  longest gap   101 ms  on time`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.stalled() { "STALLED" } else { "on time" };
        write!(
            f,
            "{:>2} of {:>2} ticks  longest gap {:>5} ms  {verdict}",
            self.ticks,
            self.expected_ticks,
            self.longest_gap.as_millis()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime")
    }

    #[test]
    fn waiting_keeps_the_heartbeat_on_time() {
        let (value, pulse) = runtime().block_on(with_heartbeat(async {
            tokio::time::sleep(Duration::from_millis(450)).await;
            7
        }));
        assert_eq!(value, 7);
        assert!(!pulse.stalled() && pulse.ticks >= 3, "{pulse:?}");
        assert!(pulse.to_string().ends_with("on time"), "{pulse}");
    }

    #[test]
    fn blocking_the_thread_stalls_it() {
        let ((), pulse) = runtime().block_on(with_heartbeat(async {
            std::thread::sleep(Duration::from_millis(550));
        }));
        assert!(pulse.stalled() && pulse.ticks == 0, "{pulse:?}");
        assert!(pulse.to_string().ends_with("STALLED"), "{pulse}");
    }
}
