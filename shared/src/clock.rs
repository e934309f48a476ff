//! Lesson time: how long since the lesson started, and how the course prints it.
//!
//! Every reading comes from [`tokio::time::Instant`], not [`std::time::Instant`]. In a
//! normal run the two agree. In a test that pauses tokio's clock
//! (`#[tokio::test(start_paused = true)]`), tokio's clock only moves when every task is
//! waiting on a timer, and then jumps straight to the next deadline: a `sleep(2 s)` takes
//! no real time and the lesson still reads exactly 2.00 s.

use std::time::Duration;

use tokio::time::Instant;

/// A stopwatch for one lesson, started when the lesson starts.
///
/// It is `Copy`: hand it to as many tasks as you like, they all read the same start.
#[derive(Clone, Copy, Debug)]
pub struct LessonClock {
    start: Instant,
}

impl LessonClock {
    /// Starts the stopwatch now (on tokio's clock).
    pub fn start() -> Self {
        Self {
            start: Instant::now(),
        }
    }

    /// Time since the stopwatch was started.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// Seconds with two decimals, as Python's `f"{elapsed:.2f}"` prints them: `"6.00"`.
pub fn seconds(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64())
}

/// The line the tutorial's programs end with: `"Total time: 6.00 seconds"`.
pub fn total_time(duration: Duration) -> String {
    format!("Total time: {} seconds", seconds(duration))
}

/// Reads a [`total_time`] line back, for tests that run a real binary and compare the
/// time it printed. Returns `None` for any other line.
pub fn parse_total_time(line: &str) -> Option<Duration> {
    let rest = line.split("Total time: ").nth(1)?;
    let number = rest.strip_suffix(" seconds")?;
    number.parse::<f64>().ok().map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_round_to_two_decimals() {
        assert_eq!(seconds(Duration::from_millis(6000)), "6.00");
        assert_eq!(seconds(Duration::from_micros(2_004_999)), "2.00");
        assert_eq!(seconds(Duration::from_micros(2_005_001)), "2.01");
        assert_eq!(seconds(Duration::ZERO), "0.00");
    }

    #[test]
    fn total_time_round_trips() {
        let line = total_time(Duration::from_millis(2500));
        assert_eq!(line, "Total time: 2.50 seconds");
        assert_eq!(parse_total_time(&line), Some(Duration::from_millis(2500)));
        // Lines from a transcript carry a time stamp in front; that is fine too.
        assert_eq!(
            parse_total_time("[ 6.01s] Total time: 6.01 seconds"),
            Some(Duration::from_millis(6010))
        );
        assert_eq!(parse_total_time("Hello!"), None);
        assert_eq!(parse_total_time("Total time: soon seconds"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn the_clock_reads_paused_time_exactly() {
        let clock = LessonClock::start();
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(clock.elapsed(), Duration::from_secs(2));
        // A copy reads the same start.
        let copy = clock;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(copy.elapsed(), Duration::from_millis(2500));
    }
}
