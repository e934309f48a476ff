//! The check for exercise 06a, over real HTTP to the course server. Do not edit: the
//! runner notices.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use course_kit::http_server::BackgroundServer;
use ex_06a_bounded_fetch::fetch_all;
use exercise_kit::{Verdict, real_time_runtime, run};

/// The requests' delays (ms). With at most 2 at once, starting the next one as soon as
/// any one ends takes 990 ms; waiting for the oldest first (`buffered`) or going in
/// fixed batches (`chunks`) takes 1500 ms.
const DELAYS: [u64; 6] = [600, 90, 300, 600, 90, 300];

/// Faster than either slow way can be, slower than the right way ever needs.
const IN_TIME: Duration = Duration::from_millis(1250);

/// What the slow ways take at the least: the server's own delays.
const SLOW_WAYS: Duration = Duration::from_millis(1500);

fn main() -> ExitCode {
    run(|| {
        course_kit::tls::install_crypto_provider();
        let Ok(server) = BackgroundServer::start() else {
            return Verdict::fail("the check could not start the course server on 127.0.0.1");
        };
        real_time_runtime().block_on(async {
            let client = reqwest::Client::new();
            let urls: Vec<String> = DELAYS
                .iter()
                .map(|ms| server.url(&format!("/delay/{ms}")))
                .collect();
            // "waited 600 ms\n" is 14 characters, "waited 90 ms\n" 13: the order shows.
            let expected: Vec<Option<usize>> = DELAYS
                .iter()
                .map(|ms| Some(format!("waited {ms} ms\n").len()))
                .collect();
            // Real time on a busy machine can run late: a run slower than the right way
            // needs, but faster than either slow way can be (they wait on the server's
            // delays), is tried once more.
            let mut tries = 0;
            let (lengths, took, most) = loop {
                tries += 1;
                server.reset_most_requests_in_flight();
                let start = Instant::now();
                let lengths = fetch_all(&client, &urls, 2).await;
                let took = start.elapsed();
                let most = server.most_requests_in_flight();
                if took <= IN_TIME || took >= SLOW_WAYS || tries == 2 {
                    break (lengths, took, most);
                }
            };
            if most > 2 {
                return Verdict::fail(format!(
                    "the server answered {most} requests at once; the limit is 2. Keep at most \
                     `limit` in flight (a Semaphore's permit around each request, held in a \
                     named variable: lesson 6, Part 3; lesson 9, Part 1)"
                ));
            }
            if lengths.len() == expected.len() && lengths != expected {
                let mut sorted = lengths.clone();
                sorted.sort();
                let mut want = expected.clone();
                want.sort();
                if sorted == want {
                    return Verdict::fail(format!(
                        "fetch_all returned {lengths:?}: every page, but in the order they \
                         finished, not the order of the URLs ({expected:?}). buffer_unordered \
                         and join_next give finish order; join_all keeps the order asked"
                    ));
                }
            }
            if lengths != expected {
                return Verdict::fail(format!(
                    "fetch_all returned {lengths:?}; expected {expected:?}, in the order of the URLs"
                ));
            }
            if most < 2 {
                return Verdict::fail(format!(
                    "the server never had more than {} at once: with a limit of 2, two should \
                     be in flight together (lesson 6, Part 3)",
                    exercise_kit::count(most, "request")
                ));
            }
            if took > IN_TIME {
                return Verdict::fail(format!(
                    "never more than 2 at once, but the batch took {} ms: a new request did not \
                     start as soon as one finished. buffered(2) waits for the oldest request \
                     before starting another (a finished one behind it keeps its place), and \
                     fixed batches wait for their slowest; starting the next the moment any \
                     one ends takes about 990 ms (lesson 9, Part 2)",
                    took.as_millis()
                ));
            }
            // A limit picked anew each run: the answer uses the limit it is given.
            let limit = exercise_kit::vary(3..=5);
            let urls: Vec<String> = (0..limit * 2)
                .map(|n| server.url(&format!("/delay/150?{n}")))
                .collect();
            server.reset_most_requests_in_flight();
            let lengths = fetch_all(&client, &urls, usize::try_from(limit).unwrap_or(3)).await;
            let most = server.most_requests_in_flight();
            if u64::try_from(most).ok() != Some(limit) || lengths.iter().any(Option::is_none) {
                return Verdict::fail(format!(
                    "with a limit of {limit} and {} requests of 150 ms, the server should have \
                     {limit} in flight at once, never more; it had at most {most} (results \
                     {lengths:?}). Use the `limit` argument, not a number of your own",
                    limit * 2
                ));
            }
            Verdict::pass(format!(
                "never more than the limit in flight (2, and {limit} picked for this run), the \
                 next one as soon as a place was free ({} ms for 1.98 s of requests), results \
                 in the order of the URLs",
                took.as_millis()
            ))
        })
    })
}
