//! Lesson 11's examples, as tests: copy the shape you need. Run them with
//! `cargo test -p lesson-11-testing` (they also run in `cargo test --workspace`).
//!
//! Each test says in its first line what it shows.

use std::time::Duration;

use lesson_11_testing::lines::{ask, serve_lines};
use lesson_11_testing::{Health, watchdog};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, sleep, timeout};

/// `#[tokio::test]` is `@pytest.mark.asyncio`: the test is an `async fn`, run on a
/// fresh single-threaded runtime of its own.
#[tokio::test]
async fn an_async_test_awaits_like_any_async_fn() {
    let (client, server) = tokio::io::duplex(64);
    let (answered, replies) = tokio::join!(serve_lines(server), ask(client, &["ping"]));
    assert_eq!(answered.expect("served"), 1);
    assert_eq!(replies.expect("asked"), ["pong"]);
}

/// On the paused clock, 90 s of silence take no real time, and the virtual time is exact.
#[tokio::test(start_paused = true)]
async fn the_watchdog_calls_a_silent_peer_down_after_exactly_90_s() {
    let start = Instant::now();
    let (_beat, heartbeats) = mpsc::channel(1);
    let (health, mut watching) = watch::channel(Health::Up);
    tokio::spawn(watchdog(heartbeats, Duration::from_secs(90), health));
    // Waits for the change itself: auto-advance jumps to the watchdog's timer.
    watching.changed().await.expect("the watchdog is running");
    assert_eq!(*watching.borrow(), Health::Down);
    assert_eq!(start.elapsed(), Duration::from_secs(90));
}

/// A heartbeat just in time keeps the peer up: sleep to a point in virtual time, act,
/// then look. `sleep` on the paused clock runs every timer on the way, in order.
#[tokio::test(start_paused = true)]
async fn a_heartbeat_in_time_keeps_the_peer_up() {
    let (beat, heartbeats) = mpsc::channel(1);
    let (health, watching) = watch::channel(Health::Up);
    tokio::spawn(watchdog(heartbeats, Duration::from_secs(90), health));
    sleep(Duration::from_secs(89)).await;
    beat.send(()).await.expect("the watchdog is running");
    sleep(Duration::from_secs(89)).await;
    assert_eq!(
        *watching.borrow(),
        Health::Up,
        "178 s in, never 90 s of silence"
    );
    sleep(Duration::from_secs(2)).await;
    assert_eq!(
        *watching.borrow(),
        Health::Down,
        "90 s after the heartbeat at 89 s"
    );
}

/// `advance` jumps the clock in one step: the watchdog's timer has fired, but the
/// watchdog has not run yet when the test looks; one more turn, and it has.
#[tokio::test(start_paused = true)]
async fn advance_fires_timers_but_the_woken_task_runs_later() {
    let (_beat, heartbeats) = mpsc::channel(1);
    let (health, watching) = watch::channel(Health::Up);
    tokio::spawn(watchdog(heartbeats, Duration::from_secs(90), health));
    tokio::task::yield_now().await; // the watchdog starts its 90 s wait
    tokio::time::advance(Duration::from_secs(91)).await;
    assert_eq!(
        *watching.borrow(),
        Health::Up,
        "not yet: the watchdog has not run"
    );
    tokio::task::yield_now().await;
    assert_eq!(*watching.borrow(), Health::Down, "one more turn: it ran");
}

/// A timeout test without the wait: 30 s of virtual time, next to no real time.
#[tokio::test(start_paused = true)]
async fn a_timeout_is_tested_without_waiting_for_it() {
    let real = std::time::Instant::now();
    let never = std::future::pending::<()>();
    let outcome = timeout(Duration::from_secs(30), never).await;
    assert!(outcome.is_err(), "a future that never ends must time out");
    assert!(real.elapsed() < Duration::from_secs(1));
}

/// A fake socket: two commands in one write still get two answers, because the server
/// reads lines, not `read()` calls.
#[tokio::test]
async fn two_commands_in_one_write_get_two_answers() {
    let (client, server) = tokio::io::duplex(8); // a tiny buffer: many short reads
    let (answered, replies) =
        tokio::join!(serve_lines(server), ask(client, &["ping", "what", "ping"]));
    assert_eq!(answered.expect("served"), 3);
    assert_eq!(
        replies.expect("asked"),
        ["pong", "unknown command: what", "pong"]
    );
}

/// A real server on port 0: the OS picks a free port, so tests never clash over one.
#[tokio::test]
async fn a_server_on_port_0_answers_over_tcp() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    assert_ne!(address.port(), 0, "the OS picked a real port");
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        serve_lines(stream).await
    });
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let replies = ask(stream, &["ping"]).await.expect("asked");
    assert_eq!(replies, ["pong"]);
    assert_eq!(server.await.expect("joined").expect("served"), 1);
}

/// Wait for a ready signal, not for a guessed time, and give the wait a deadline so a
/// broken server fails the test instead of hanging it.
#[tokio::test(start_paused = true)]
async fn wait_for_the_ready_signal_not_for_a_guess() {
    let (ready, is_ready) = oneshot::channel();
    tokio::spawn(async move {
        sleep(Duration::from_millis(37)).await; // however long it takes
        let _ = ready.send(());
    });
    let start = Instant::now();
    timeout(Duration::from_secs(5), is_ready)
        .await
        .expect("ready within 5 s")
        .expect("the server said so");
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(37),
        "not a moment longer"
    );
}

/// A pipe smaller than the request: the client writes and reads at the same time, so
/// neither side waits for ever on a full buffer.
#[tokio::test(start_paused = true)]
async fn many_commands_through_a_tiny_pipe_do_not_deadlock() {
    let (client, server) = tokio::io::duplex(8);
    let commands = ["ping"; 50];
    let talk = async { tokio::join!(serve_lines(server), ask(client, &commands)) };
    // On the paused clock a hang would show as this deadline, at once.
    let (answered, replies) = timeout(Duration::from_secs(60), talk)
        .await
        .expect("no deadlock");
    assert_eq!(answered.expect("served"), 50);
    assert_eq!(replies.expect("asked"), ["pong"; 50]);
}

/// On the paused clock, time stands still while a `spawn_blocking` call runs: the 1 ms
/// timeout around 50 ms of blocking work never fires, and no virtual time passes.
#[tokio::test(start_paused = true)]
async fn a_blocking_call_holds_the_paused_clock_still() {
    let start = tokio::time::Instant::now();
    let blocking = tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(50)));
    let outcome = tokio::time::timeout(Duration::from_millis(1), blocking).await;
    assert!(
        outcome.is_ok(),
        "the timeout must not fire while the clock is held"
    );
    assert_eq!(start.elapsed(), Duration::ZERO);
}
