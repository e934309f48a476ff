//! The check for exercise 09b, on tokio's paused clock. Do not edit: the runner notices.

use std::cell::RefCell;
use std::process::ExitCode;
use std::time::Duration;

use ex_09b_retry_with_backoff::{Backoff, Failure, with_retries};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};
use tokio::time::Instant;

const BACKOFF: Backoff = Backoff {
    first_wait: Duration::from_millis(100),
    attempts: 4,
};

/// A server that answers `failures` (in order, one per attempt), then 200.
struct Server {
    failures: Vec<u16>,
    attempts_at: RefCell<Vec<Duration>>,
    start: Instant,
}

impl Server {
    fn new(failures: &[u16]) -> Self {
        Self {
            failures: failures.to_vec(),
            attempts_at: RefCell::default(),
            start: Instant::now(),
        }
    }

    async fn get(&self) -> Result<String, Failure> {
        let n = {
            let mut at = self.attempts_at.borrow_mut();
            at.push(self.start.elapsed());
            at.len()
        };
        match self.failures.get(n - 1) {
            Some(&code) => Err(Failure(code)),
            None => Ok("ok".to_owned()),
        }
    }

    fn attempts(&self) -> String {
        let at: Vec<String> = self
            .attempts_at
            .borrow()
            .iter()
            .map(|at| secs(*at))
            .collect();
        at.join(", ")
    }
}

/// One case: the server's failures, the outcome and attempt times expected, and why.
async fn case(
    failures: &[u16],
    expected: Result<&str, Failure>,
    expected_at: &[u64],
    what: &str,
    backoff: Backoff,
) -> Result<(), Verdict> {
    let server = Server::new(failures);
    let measured = measure(with_retries(|| server.get(), backoff)).await;
    measured.honest("with_retries")?;
    let outcome = measured.output;
    let took = server.start.elapsed();
    let expected_at: Vec<Duration> = expected_at
        .iter()
        .map(|ms| Duration::from_millis(*ms))
        .collect();
    let expected_times: Vec<String> = expected_at.iter().map(|at| secs(*at)).collect();
    let got_times = server.attempts();
    let made = server.attempts_at.borrow().len();
    let right_outcome = outcome.as_deref().map_err(|failure| *failure) == expected;
    if *server.attempts_at.borrow() != expected_at || !right_outcome {
        return Err(Verdict::fail(format!(
            "{what}: expected attempts at {} and {:?}; got attempts at {got_times} ({made} in \
             all) and {outcome:?}. Retry only when failure.is_worth_retrying(), wait first_wait \
             ({}) before the second attempt and double it each time, at most {} attempts \
             (lesson 9, Part 6)",
            expected_times.join(", "),
            expected,
            secs(backoff.first_wait),
            backoff.attempts
        )));
    }
    let last = *expected_at.last().unwrap_or(&Duration::ZERO);
    if took != last {
        return Err(Verdict::fail(format!(
            "{what}: the attempts were right, but with_retries returned at {}, not at {}: no \
             wait after the last attempt",
            secs(took),
            secs(last)
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases = [
                (&[][..], Ok("ok"), &[0][..], "a server that answers at once"),
                (&[503, 503], Ok("ok"), &[0, 100, 300], "two 503s, then 200"),
                (
                    &[404],
                    Err(Failure(404)),
                    &[0],
                    "a 404 (not worth retrying)",
                ),
                (
                    &[503, 502, 503, 503, 503],
                    Err(Failure(503)),
                    &[0, 100, 300, 700],
                    "a server down for good, 4 attempts at most",
                ),
                (
                    &[503, 404],
                    Err(Failure(404)),
                    &[0, 100],
                    "a 503, then a 404",
                ),
            ];
            for (failures, expected, at, what) in cases {
                if let Err(verdict) = case(failures, expected, at, what, BACKOFF).await {
                    return verdict;
                }
            }
            // A backoff picked anew each run: the answer waits what it is given.
            // 50 to 400 ms, never the 100 ms of the cases above.
            let first_ms = match exercise_kit::vary(5..=39) * 10 {
                at_least_100 if at_least_100 >= 100 => at_least_100 + 10,
                below => below,
            };
            let attempts = u32::try_from(exercise_kit::vary(2..=5)).unwrap_or(3);
            let backoff = Backoff {
                first_wait: Duration::from_millis(first_ms),
                attempts,
            };
            let at: Vec<u64> = (0..attempts).map(|n| first_ms * ((1 << n) - 1)).collect();
            let what = format!(
                "a server down for good, with first_wait {first_ms} ms and {attempts} attempts"
            );
            if let Err(verdict) = case(&[503; 6], Err(Failure(503)), &at, &what, backoff).await {
                return verdict;
            }
            Verdict::pass(
                "retries at 0.10, 0.30 and 0.70 s, only what is worth retrying, and never more \
                 than 4 attempts",
            )
        })
    })
}
