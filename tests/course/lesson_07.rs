//! Lesson 7: with ↔ Drop in every way of leaving a block; async with ↔ open/close and a
//! scoped helper; cancellation with and without a guard; the client as a pool.

use course_kit::Transcript;
use course_kit::http_server::BackgroundServer;
use lesson_07_context_managers as lesson;

use course_kit::transcript::without_stamp;

use crate::support::expect::assert_lines;
use crate::support::expect::mask_times;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-07-context-managers";

/// Parts 1 to 3 on a paused clock: every acquire, body and release line, in order.
const PARTS_1_TO_3: &[&str] = &[
    "Lesson 7: context managers",
    "(Start with the plain version, just plain-7; this is the same idea, measured.)",
    "",
    "== Part 1: with ↔ a scope and Drop ==",
    "[ 0.00s] acquire a.txt  (__enter__)",
    "[ 0.00s]   body: read a.txt",
    "[ 0.00s] release a.txt  (__exit__, by Drop)",
    "[ 0.00s] acquire b.txt  (__enter__)",
    "[ 0.00s]   body: found what we wanted, return early",
    "[ 0.00s] release b.txt  (__exit__, by Drop)",
    "[ 0.00s] early_return() = \"found\"",
    "[ 0.00s] acquire c.txt  (__enter__)",
    "[ 0.00s]   body: parse the file's first line as a number",
    "[ 0.00s] release c.txt  (__exit__, by Drop)",
    "[ 0.00s] error_with_question_mark() = Err(\"c.txt: invalid digit found in string\")",
    "[ 0.00s] acquire d.txt  (__enter__)",
    "[ 0.00s]   body: hit a bug",
    "[ 0.00s] release d.txt  (__exit__, by Drop; std::thread::panicking() = true)",
    "[ 0.00s] panic_in_body() panicked: Some(\"bug while reading d.txt\")",
    "[ 0.00s] let _ = FileLike::open(\"e.txt\");   // `_` binds nothing",
    "[ 0.00s] acquire e.txt  (__enter__)",
    "[ 0.00s] release e.txt  (__exit__, by Drop)",
    "[ 0.00s]   body: e.txt is already released above",
    "[ 0.00s] let _guard = FileLike::open(\"f.txt\");",
    "[ 0.00s] acquire f.txt  (__enter__)",
    "[ 0.00s]   body: f.txt is still open",
    "[ 0.00s] release f.txt  (__exit__, by Drop)",
    "",
    "== Part 2: async with ↔ open().await ... close().await ==",
    "[ 0.00s] open conn-1: handshake...",
    "[ 0.10s] open conn-1: ready  (__aenter__ done)",
    "[ 0.15s]   conn-1: sent \"hello\"",
    "[ 0.15s] close conn-1: flushing...  (__aexit__)",
    "[ 0.25s] close conn-1: closed",
    "The scoped helper always awaits close():",
    "[ 0.25s] open conn-2: handshake...",
    "[ 0.35s] open conn-2: ready  (__aenter__ done)",
    "[ 0.40s]   conn-2: sent \"hello\"",
    "[ 0.40s] close conn-2: flushing...  (__aexit__)",
    "[ 0.50s] close conn-2: closed",
    "[ 0.50s] with_connection(...) = Ok(42)",
    "[ 0.50s] open conn-3: handshake...",
    "[ 0.60s] open conn-3: ready  (__aenter__ done)",
    "[ 0.65s]   conn-3: sent \"hello\"",
    "[ 0.65s] close conn-3: flushing...  (__aexit__)",
    "[ 0.75s] close conn-3: closed",
    "[ 0.75s] with_connection(...) = Err(\"the server said no\")",
    "[ 0.75s] open conn-4: handshake...",
    "[ 0.85s] open conn-4: ready  (__aenter__ done)",
    "[ 0.90s]   conn-4: sent \"hello\"",
    "[ 0.90s] close conn-4: flushing...  (__aexit__)",
    "[ 1.00s] close conn-4: closed",
    "[ 1.00s] with_connection(...) panicked: Some(\"bug in the body\")",
    "",
    "== Part 3: cancellation drops the future; no async cleanup runs ==",
    "[ 1.00s] open conn-5: handshake...",
    "[ 1.10s] open conn-5: ready  (__aenter__ done)",
    "[ 1.15s]   conn-5: sent \"part of a long upload\"",
    "[ 1.30s] drop conn-5: dropped WITHOUT close(): the async flush never ran",
    "[ 1.30s] timeout(...) = Err(Elapsed(()))",
    "The same with a guard that hands close() to a task:",
    "[ 1.30s] open conn-6: handshake...",
    "[ 1.40s] open conn-6: ready  (__aenter__ done)",
    "[ 1.45s]   conn-6: sent \"part of a long upload\"",
    "[ 1.60s] guard dropped before close(): spawning a task to close it",
    "[ 1.60s] timeout(...) = Err(Elapsed(()))",
    "[ 1.60s] close conn-6: flushing...  (__aexit__)",
    "[ 1.70s] close conn-6: closed",
    "[ 1.70s] every pending cleanup has finished",
    "Recommended: close explicitly on the normal path (with_connection does it for",
    "you). Once a future has been dropped, only a task can still run its async close,",
    "which is what CloseOnDrop does; that costs something: the runtime must keep",
    "running until the task is done (so wait for pending cleanups before exiting), a",
    "task spawned while the runtime shuts down is dropped at once (the close is",
    "lost), and tokio::spawn from a Drop that runs outside any runtime panics. Better",
    "still, avoid the drop: signal the work to stop (a tokio oneshot, watch or Notify",
    "checked with tokio::select!) so it runs its own close, or spawn the whole",
    "operation so a caller's timeout cannot cancel it (asyncio.shield). Where a",
    "cleanup can be synchronous (closing a socket is), do it in Drop and need none of",
    "this.",
];

const PART_4: &[&str] = &[
    "",
    "== Part 4: two resources: the client (a pool) and the response ==",
    "10 requests, one Client:          1 TCP connection(s)",
    "open on the server: 1 before drop(client), 0 after",
    "10 requests, a new Client each:   10 TCP connection(s)",
    "3 unread responses, one Client:   3 TCP connection(s)",
    "What the numbers mean: 1 connection for ten requests, because one Client keeps a",
    "pool and reuses a finished connection (so make one and share it, as with",
    "ClientSession); 10 when every request gets a new Client, each with an empty pool",
    "(and, for https, a new TLS handshake each); 3 for three responses dropped",
    "unread, because a connection with a body still on its way cannot serve another",
    "request, so it is closed instead of reused. Read the body (or let the response",
    "go once it is read) and the connection goes back to the pool.",
];

/// On a paused clock, Parts 1 to 3 are exact: release at the end of the scope, on an
/// early return, on `?` and on a panic; close awaited after success, error and panic;
/// a cancelled future's Drop runs but its async close does not, unless a guard spawns it.
#[tokio::test(start_paused = true)]
async fn acquire_body_release_in_every_case() {
    let out = Transcript::captured();
    out.note("Lesson 7: context managers");
    out.note("(Start with the plain version, just plain-7; this is the same idea, measured.)");
    lesson::with_and_drop(&out);
    lesson::async_with(&out).await;
    assert_eq!(
        lesson::cancellation(&out).await,
        lesson::Cancelled {
            bare_timed_out: true,
            guarded_timed_out: true
        }
    );
    assert_lines(&out.lines(), PARTS_1_TO_3);
}

/// One client opens one connection for ten requests; a client per request opens ten;
/// each unread response costs its connection.
#[test]
fn the_client_is_a_pool_and_unread_responses_cost_connections() {
    course_kit::tls::install_crypto_provider();
    let server = BackgroundServer::start().expect("the course server starts");
    let out = Transcript::captured();
    let counted = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(lesson::client_and_response(&out, &server))
        .expect("the requests succeed");
    assert_eq!(
        counted,
        lesson::Connections {
            one_client: 1,
            client_per_request: 10,
            unread_responses: 3,
            open_before_drop: 1,
            open_after_drop: 0,
        }
    );
    let lines = out.lines();
    let said: Vec<&str> = lines.iter().map(|line| without_stamp(line)).collect();
    assert_lines(&said, PART_4);
}

/// The real binary prints the same story (times masked), and its only stderr lines are
/// the two deliberate panics' one-line reports.
#[test]
fn real_binary_tells_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success_with_stderr(&[
        "(panic report) bug while reading d.txt (on purpose)",
        "(panic report) bug in the body (on purpose)",
    ]);
    let expected: Vec<String> = PARTS_1_TO_3
        .iter()
        .chain(PART_4)
        .map(|line| mask_times(without_stamp(line)))
        .collect();
    assert_lines(&run.lines_without_times(), &expected);
}
