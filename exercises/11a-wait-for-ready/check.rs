//! The check for exercise 11a, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_11a_wait_for_ready::{NotReady, wait_until_ready};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};
use tokio::sync::watch;

/// The limit every case gives `wait_until_ready`.
const LIMIT: Duration = Duration::from_secs(1);

/// Far past the limit, in virtual time: an answer still waiting then ignores it.
const PATIENCE: Duration = Duration::from_secs(5);

/// What the pretend server does.
#[derive(Clone, Copy)]
enum Server {
    /// Says it is ready after this many ms.
    ReadyAfter(u64),
    /// Was ready before anyone asked.
    AlreadyReady,
    /// Never says so, and stays around.
    Never,
    /// Goes away (drops its sender) after this many ms, never ready.
    GoneAfter(u64),
}

/// One case: the result and the moment expected.
async fn case(
    server: Server,
    what: &str,
    expected: Result<u64, NotReady>,
    at_ms: u64,
    limit: Duration,
) -> Result<(), Verdict> {
    let (sender, receiver) = watch::channel(matches!(server, Server::AlreadyReady));
    let pretend = tokio::spawn(async move {
        match server {
            Server::ReadyAfter(ms) => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                // A few turns later than the timer, still at the same virtual instant: a
                // waiter that looks on a timer of its own looks too early and sees `false`.
                for _ in 0..3 {
                    tokio::task::yield_now().await;
                }
                let _ = sender.send(true);
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
            Server::AlreadyReady | Server::Never => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
            Server::GoneAfter(ms) => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
        }
        drop(sender);
    });
    let measured = measure(tokio::time::timeout(
        PATIENCE,
        wait_until_ready(receiver, limit),
    ))
    .await;
    measured.honest("wait_until_ready")?;
    let Ok(got) = measured.output else {
        pretend.abort();
        return Err(Verdict::fail(format!(
            "{what}: still waiting after {} of virtual time, with a limit of {}. Give up at \
             the limit: wrap the wait in tokio::time::timeout(limit, ...) (lesson 8, Part 1; \
             lesson 11, Part 6)",
            secs(PATIENCE),
            secs(limit)
        )));
    };
    let took = measured.took;
    pretend.abort();
    let expected = expected.map(Duration::from_millis);
    let at = Duration::from_millis(at_ms);
    if got != expected || took != at {
        return Err(Verdict::fail(format!(
            "{what}: expected {} at {}; got {} at {} of virtual time. Wait for the value \
             itself (a loop that looks every millisecond looks too early), not for a guessed \
             time, and give up at the limit ({}) or when the \
             sender is gone (lesson 11, Part 6)",
            show(expected),
            ms(at),
            show(got),
            ms(took),
            secs(limit)
        )));
    }
    Ok(())
}

/// Milliseconds: these waits are too short for seconds with two decimals.
fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

fn show(result: Result<Duration, NotReady>) -> String {
    match result {
        Ok(took) => format!("Ok({})", ms(took)),
        Err(NotReady) => "Err(NotReady)".to_owned(),
    }
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases = [
                (
                    Server::ReadyAfter(15),
                    "a server ready after 15 ms",
                    Ok(15),
                    15,
                ),
                (Server::ReadyAfter(3), "a server ready after 3 ms", Ok(3), 3),
                (Server::AlreadyReady, "a server already ready", Ok(0), 0),
                (
                    Server::GoneAfter(20),
                    "a server that goes away after 20 ms",
                    Err(NotReady),
                    20,
                ),
                (
                    Server::Never,
                    "a server that never gets ready",
                    Err(NotReady),
                    1000,
                ),
            ];
            for (server, what, expected, at) in cases {
                if let Err(verdict) = case(server, what, expected, at, LIMIT).await {
                    return verdict;
                }
            }
            // A limit picked anew each run: the answer uses the limit it is given.
            // 0.3 to 2.9 s, never the 1 s of the cases above.
            let limit_ms = match exercise_kit::vary(300..=2899) {
                at_least_1000 if at_least_1000 >= 1000 => at_least_1000 + 1,
                below => below,
            };
            let what = format!("a server that never gets ready, with a limit of {limit_ms} ms");
            let limit = Duration::from_millis(limit_ms);
            if let Err(verdict) = case(Server::Never, &what, Err(NotReady), limit_ms, limit).await {
                return verdict;
            }
            Verdict::pass(
                "ready the moment it is ready, NotReady at the limit or when the server is gone",
            )
        })
    })
}
