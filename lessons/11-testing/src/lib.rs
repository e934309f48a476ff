//! # Lesson 11, the body: testing async code
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/11-testing.md` (`just book`).

pub mod lines;
pub mod watchdog;

use std::future::Future;
use std::time::Duration;

use course_kit::Transcript;
use course_kit::clock::seconds;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, sleep, timeout};

pub use watchdog::{Health, watchdog};

/// `m:ss` for the ten-minute scenario.
fn clock_time(at: Duration) -> String {
    let seconds = at.as_secs();
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// What running a future on a paused clock took.
#[derive(Debug)]
pub struct Paused<T> {
    /// The future's output.
    pub output: T,
    /// Time on the paused clock: what the code under test lived through.
    pub virtual_time: Duration,
    /// Time on the wall clock: what you waited.
    pub real_time: Duration,
}

/// Runs `make()`'s future on a fresh, paused, single-threaded runtime of its own, as
/// `#[tokio::test(start_paused = true)]` does for a test, and measures both clocks. It
/// runs on a thread of its own (`spawn_blocking`): one runtime cannot run inside another.
pub async fn on_a_paused_clock<T, F, Fut>(make: F) -> std::io::Result<Paused<T>>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
    T: Send + 'static,
{
    let joined = tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()?;
        let real_start = std::time::Instant::now();
        let (output, virtual_time) = runtime.block_on(async move {
            let start = Instant::now();
            let output = make().await;
            (output, start.elapsed())
        });
        Ok(Paused {
            output,
            virtual_time,
            real_time: real_start.elapsed(),
        })
    })
    .await;
    joined.map_err(std::io::Error::other)?
}

/// One change the ten-minute scenario saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// When, from the start of the scenario.
    pub at: Duration,
    /// What the watchdog said then.
    pub health: Health,
}

/// The scenario: heartbeats every 30 s until 4:00, silence, then again from 8:00 to
/// 10:00; the watchdog's limit is 90 s. Returns every change of health it reported.
pub async fn ten_minutes() -> Vec<Change> {
    let start = Instant::now();
    let (beat, heartbeats) = mpsc::channel(1);
    let (health, mut watching) = watch::channel(Health::Up);
    let dog = tokio::spawn(watchdog(heartbeats, Duration::from_secs(90), health));
    let peer = tokio::spawn(async move {
        for second in (0..=240).step_by(30).chain((480..=600).step_by(30)) {
            // `sleep_until` a point in the scenario, not `sleep(30 s)`: no drift.
            tokio::time::sleep_until(start + Duration::from_secs(second)).await;
            let _ = beat.send(()).await;
        }
        // `beat` is dropped here: the watchdog's loop ends.
    });
    let mut changes = Vec::new();
    // Each change as it happens; Err once the watchdog has ended.
    while watching.changed().await.is_ok() {
        let health = *watching.borrow_and_update();
        changes.push(Change {
            at: start.elapsed(),
            health,
        });
    }
    let _ = tokio::join!(dog, peer);
    changes
}

/// Part 1: ten minutes of a watchdog, checked on a paused clock.
pub async fn part_1(out: &Transcript) -> std::io::Result<Paused<Vec<Change>>> {
    out.heading("Part 1: ten minutes in milliseconds (start_paused = true)");
    out.note("(The paused clock is tokio's test-util feature; Up and Down are Rust's {:?}.)");
    out.note("A watchdog calls a peer down after 90 s without a heartbeat. The peer beats");
    out.note("every 30 s until 4:00, is silent, and beats again from 8:00 to 10:00:");
    let run = on_a_paused_clock(ten_minutes).await?;
    for change in &run.output {
        out.say(format!(
            "at {} (virtual) the peer is {:?}",
            clock_time(change.at),
            change.health
        ));
    }
    out.say(format!(
        "{} of virtual time, in {} s of real time",
        clock_time(run.virtual_time),
        seconds(run.real_time)
    ));
    out.note("Down at 5:30, exactly 90 s after the last beat; up at 8:00. No test waited for it.");
    Ok(run)
}

/// A server that never answers: what a timeout test needs.
async fn never_answers() -> &'static str {
    std::future::pending().await
}

/// Part 2: a 30 s timeout, tested without waiting 30 s.
pub async fn part_2(out: &Transcript) -> std::io::Result<Paused<bool>> {
    out.heading("Part 2: testing a timeout without waiting for it");
    let run = on_a_paused_clock(|| async {
        timeout(Duration::from_secs(30), never_answers())
            .await
            .is_err()
    })
    .await?;
    out.say(format!(
        "timeout(30 s, a server that never answers) gave up: {}, after {} s virtual, {} s real",
        run.output,
        seconds(run.virtual_time),
        seconds(run.real_time)
    ));
    Ok(run)
}

/// What Part 3 saw: the watchdog's health read at 89 s and at 91 s, once with the
/// clock stepped by `advance`, once with `sleep`.
#[derive(Debug, PartialEq, Eq)]
pub struct Stepped {
    /// `advance(89 s)`, then a look.
    pub advance_89: Health,
    /// `advance(2 s)` more, then a look at once.
    pub advance_91: Health,
    /// `sleep(89 s)`, then a look.
    pub sleep_89: Health,
    /// `sleep(2 s)` more, then a look.
    pub sleep_91: Health,
}

/// Reads the watchdog's health at 89 s and 91 s, moving the clock with `advance` (if
/// `by_advance`) or with `sleep`.
pub async fn health_at_89_and_91(by_advance: bool) -> [Health; 2] {
    let (beat, heartbeats) = mpsc::channel(1);
    let (health, watching) = watch::channel(Health::Up);
    let dog = tokio::spawn(watchdog(heartbeats, Duration::from_secs(90), health));
    // Let the watchdog start waiting (with its 90 s timer) before the clock moves.
    tokio::task::yield_now().await;
    let mut seen = [Health::Up; 2];
    for (look, step) in [89, 2].into_iter().enumerate() {
        if by_advance {
            // Moves the paused clock at once and yields one turn. The timers it passed
            // have fired, but the tasks they woke may not have run yet.
            tokio::time::advance(Duration::from_secs(step)).await;
        } else {
            // With the clock paused, a sleep is instant too, and auto-advance stops at
            // every timer on the way, letting each woken task run, in order.
            sleep(Duration::from_secs(step)).await;
        }
        seen[look] = *watching.borrow();
    }
    drop(beat);
    let _ = dog.await;
    seen
}

/// Part 3: stepping the paused clock by hand with `advance`, and with `sleep`.
pub async fn part_3(out: &Transcript) -> std::io::Result<Stepped> {
    out.heading("Part 3: stepping the clock by hand (time::advance) or by sleep");
    let [advance_89, advance_91] = on_a_paused_clock(|| health_at_89_and_91(true))
        .await?
        .output;
    let [sleep_89, sleep_91] = on_a_paused_clock(|| health_at_89_and_91(false))
        .await?
        .output;
    out.say(format!(
        "advance(89 s): {advance_89:?}; advance(2 s) more, then look at once: {advance_91:?}"
    ));
    out.say(format!(
        "sleep(89 s):   {sleep_89:?}; sleep(2 s) more:                     {sleep_91:?}"
    ));
    out.note("advance only moved the clock; the next turn of the runtime fired the timer and");
    out.note("queued the watchdog, but the test's own future was polled first, so it looked");
    out.note("too soon (the docs of tokio::time::advance warn of this). sleep let auto-advance");
    out.note("stop at 90 s and run the watchdog first: prefer sleep in tests.");
    Ok(Stepped {
        advance_89,
        advance_91,
        sleep_89,
        sleep_91,
    })
}

/// Part 4: a fake socket, `tokio::io::duplex`.
pub async fn part_4(out: &Transcript) -> std::io::Result<Vec<String>> {
    out.heading("Part 4: a fake socket (tokio::io::duplex)");
    // Two streams joined in memory, 64 bytes of buffer each way: what one end writes,
    // the other reads. No port, no network, no waiting.
    let (client, server) = tokio::io::duplex(64);
    // Both sides at once: join! polls the server and the client together.
    let (answered, replies) = tokio::join!(
        lines::serve_lines(server),
        lines::ask(client, &["ping", "hello", "ping"])
    );
    let (answered, replies) = (answered?, replies?);
    out.say(format!(
        "sent ping, hello, ping in one write; the server answered {answered}: {replies:?}"
    ));
    Ok(replies)
}

/// Part 5: the same server on a real socket, on a port the OS picks.
pub async fn part_5(out: &Transcript) -> std::io::Result<Vec<String>> {
    out.heading("Part 5: a real server on port 0 (the OS picks a free port)");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (stream, _peer) = listener.accept().await?;
        lines::serve_lines(stream).await
    });
    let stream = tokio::net::TcpStream::connect(address).await?;
    let replies = lines::ask(stream, &["ping", "hello", "ping"]).await?;
    let answered = server.await.map_err(std::io::Error::other)??;
    out.say(format!(
        "127.0.0.1, on a port the OS picked (not 0: {}): the server answered {answered}: {replies:?}",
        address.port() != 0
    ));
    out.note("A fixed port would clash when two tests (or two runs) use it at once.");
    Ok(replies)
}

/// How often each way of waiting for a server to start got it wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct Waiting {
    /// Runs in which "sleep 10 ms, then look" looked too early.
    pub sleep_failed: u32,
    /// Of those, the runs whose server took exactly the 10 ms the test slept: a tie.
    pub sleep_failed_on_a_tie: u32,
    /// Runs in which waiting for the ready signal went wrong.
    pub signal_failed: u32,
    /// How many runs each.
    pub runs: u32,
    /// Time the sleeping way spent, over all runs.
    pub sleep_spent: Duration,
    /// Time the signal way spent, over all runs.
    pub signal_spent: Duration,
}

/// A pretend server that takes `startup` to be ready, then says so on `ready`.
async fn start_server(startup: Duration, ready: oneshot::Sender<()>) {
    sleep(startup).await;
    let _ = ready.send(());
}

/// Startup times of 1 to 20 ms, as a busy machine might give them (a fixed sequence
/// that visits each of them, so the output is the same every time).
fn startup_of(run: u32) -> Duration {
    Duration::from_millis(u64::from(run * 7 % 20 + 1))
}

/// 100 runs each: "sleep 10 ms and hope" vs "wait for the ready signal".
pub async fn compare_waiting() -> Waiting {
    let runs = 100;
    let guess = Duration::from_millis(10);
    let (mut sleep_failed, mut sleep_failed_on_a_tie, mut signal_failed) = (0, 0, 0);
    let start = Instant::now();
    for run in 0..runs {
        let (ready, mut is_ready) = oneshot::channel();
        let server = tokio::spawn(start_server(startup_of(run), ready));
        sleep(guess).await;
        // Looks once, after the sleep: ready or not, the test goes on. On a tie both
        // timers fire at the same instant, and the test's own future (the one
        // `block_on` drives) is polled before the server task: too early again.
        if is_ready.try_recv().is_err() {
            sleep_failed += 1;
            if startup_of(run) == guess {
                sleep_failed_on_a_tie += 1;
            }
        }
        let _ = server.await;
    }
    let sleep_spent = start.elapsed();
    let start = Instant::now();
    for run in 0..runs {
        let (ready, is_ready) = oneshot::channel();
        let server = tokio::spawn(start_server(startup_of(run), ready));
        // Waits for the signal itself, with a deadline so a broken server fails the
        // test instead of hanging it.
        if timeout(Duration::from_secs(5), is_ready).await.is_err() {
            signal_failed += 1;
        }
        let _ = server.await;
    }
    Waiting {
        sleep_failed,
        sleep_failed_on_a_tie,
        signal_failed,
        runs,
        sleep_spent,
        signal_spent: start.elapsed(),
    }
}

/// Part 6: why sleeping to wait for something is flaky.
pub async fn part_6(out: &Transcript) -> std::io::Result<Waiting> {
    out.heading("Part 6: don't sleep to wait for something; wait for it");
    out.note("A server needs 1 to 20 ms to start. 100 runs each way, on a paused clock:");
    let waiting = on_a_paused_clock(compare_waiting).await?.output;
    out.say(format!(
        "sleep(10 ms), then look: looked too early in {} of {} runs ({} s of virtual time)",
        waiting.sleep_failed,
        waiting.runs,
        seconds(waiting.sleep_spent)
    ));
    out.say(format!(
        "  {} runs whose server took longer than 10 ms, and {} that took exactly 10 ms:",
        waiting.sleep_failed - waiting.sleep_failed_on_a_tie,
        waiting.sleep_failed_on_a_tie
    ));
    out.say("  on a tie both wake at once, and the test's own future is polled first");
    out.say(format!(
        "wait for the ready signal (5 s deadline): wrong in {} of {} runs ({} s of virtual time)",
        waiting.signal_failed,
        waiting.runs,
        seconds(waiting.signal_spent)
    ));
    out.note("The sleeping test is wrong whenever the machine is slower than the guess, and");
    out.note("slow whenever it is faster. The signal comes when the server says it is ready,");
    out.note("with no guessed margin; the deadline only trips for a broken server.");
    Ok(waiting)
}

/// What Part 7 measured.
#[derive(Debug)]
pub struct Limits {
    /// What building a multi-thread runtime with a paused clock said (it panics).
    pub multi_thread: String,
    /// Whether `timeout(1 ms, spawn_blocking(..))` got the blocking call's result.
    pub blocking_finished: bool,
    /// Virtual time that passed while the blocking call ran.
    pub blocking_virtual: Duration,
    /// Real time it took.
    pub blocking_real: Duration,
}

/// How long Part 7's blocking call sleeps, for real.
pub const BLOCKING_CALL: Duration = Duration::from_millis(50);

/// Part 7: where the paused clock stops helping: a multi-thread runtime, blocking work.
pub async fn part_7(out: &Transcript) -> std::io::Result<Limits> {
    out.heading("Part 7: the paused clock's limits: one thread, and no jumps while blocking");
    // tokio refuses to pause the clock of a multi-thread runtime: the build panics.
    let built = std::panic::catch_unwind(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_time()
            .start_paused(true)
            .build()
    });
    let multi_thread = match built {
        Err(payload) => course_kit::panic_report::message(&*payload),
        Ok(_) => "(it built: this tokio allows it)".to_owned(),
    };
    let first_sentence = multi_thread.split(". ").next().unwrap_or_default();
    out.say(format!(
        "multi-thread runtime + start_paused: panic: {first_sentence}"
    ));
    out.note("(#[tokio::test] is current-thread unless you ask for flavor = \"multi_thread\".)");

    // While a spawn_blocking call runs, the paused clock does not jump: tokio cannot know
    // what the thread is waiting for, so it waits for it, in real time.
    let measured = on_a_paused_clock(|| async {
        let start = Instant::now();
        let real = std::time::Instant::now();
        let blocking = tokio::task::spawn_blocking(|| std::thread::sleep(BLOCKING_CALL));
        // A deadline that the blocking call overruns fifty times over.
        let outcome = timeout(Duration::from_millis(1), blocking).await;
        (outcome.is_ok(), start.elapsed(), real.elapsed())
    })
    .await?;
    let (blocking_finished, blocking_virtual, blocking_real) = measured.output;
    out.say(format!(
        "timeout(1 ms, spawn_blocking(a {} ms sleep)): {}, after {} s virtual, {} s real",
        BLOCKING_CALL.as_millis(),
        if blocking_finished {
            "Ok"
        } else {
            "Err(Elapsed)"
        },
        seconds(blocking_virtual),
        seconds(blocking_real)
    ));
    out.note("The clock stood still while the blocking call ran, so the 1 ms timeout never");
    out.note("fired, and its 50 ms were waited for real. A test whose code blocks (a file, a");
    out.note("database driver) keeps real time; the clock jumps only when every task waits.");
    Ok(Limits {
        multi_thread,
        blocking_finished,
        blocking_virtual,
        blocking_real,
    })
}

/// The whole lesson.
pub async fn run(out: &Transcript) -> std::io::Result<()> {
    out.note("Lesson 11: Testing async code");
    out.note("(Start with the plain version, just plain-11; this is the same idea, measured.)");
    out.note("Each part runs code under test the way a test would; tests/examples.rs has");
    out.note("each one as a #[tokio::test] (cargo test -p lesson-11-testing).");
    part_1(out).await?;
    part_2(out).await?;
    part_3(out).await?;
    part_4(out).await?;
    part_5(out).await?;
    part_6(out).await?;
    part_7(out).await?;
    Ok(())
}
