//! # Lesson 7, the body: context managers
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/07-context-managers.md` (`just book`).

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use course_kit::http_server::BackgroundServer;
use course_kit::{Transcript, panic_report};
use futures::FutureExt;
use reqwest::Client;
use tokio::task::JoinHandle;
use tokio::time::sleep;

// ---------------------------------------------------------------------------------
// Part 1: `with` ↔ a scope and `Drop`

/// A synchronous resource, like an open file: acquired when made, released by `Drop`.
pub struct FileLike {
    name: &'static str,
    out: Transcript,
}

impl FileLike {
    /// Acquires the resource: `__enter__`.
    pub fn open(out: &Transcript, name: &'static str) -> Self {
        out.say(format!("acquire {name}  (__enter__)"));
        Self {
            name,
            out: out.clone(),
        }
    }
}

impl Drop for FileLike {
    /// Releases it: `__exit__`. Runs however the owner's scope is left. All it can know
    /// about *why* is whether a panic is unwinding.
    fn drop(&mut self) {
        let why = if std::thread::panicking() {
            "; std::thread::panicking() = true"
        } else {
            ""
        };
        self.out
            .say(format!("release {}  (__exit__, by Drop{why})", self.name));
    }
}

/// `let _ = ...` versus `let _guard = ...`: the first drops the value at once.
pub fn underscore_versus_named(out: &Transcript) {
    out.say("let _ = FileLike::open(\"e.txt\");   // `_` binds nothing");
    let _ = FileLike::open(out, "e.txt"); // <- dropped at the end of this statement
    out.say("  body: e.txt is already released above");
    out.say("let _guard = FileLike::open(\"f.txt\");");
    let _guard = FileLike::open(out, "f.txt");
    out.say("  body: f.txt is still open");
} // <- `_guard` is dropped here

/// The block runs to its end; the file is released at the closing brace.
pub fn end_of_scope(out: &Transcript) {
    let _file = FileLike::open(out, "a.txt");
    out.say("  body: read a.txt");
} // <- `_file` is dropped here

/// The function returns from the middle of the block; the file is released on the way out.
pub fn early_return(out: &Transcript) -> &'static str {
    let _file = FileLike::open(out, "b.txt");
    out.say("  body: found what we wanted, return early");
    "found"
    // (Nothing after a `return` runs, but every local is still dropped.)
}

/// `?` passes an error up; the file is released before the caller sees the error.
pub fn error_with_question_mark(out: &Transcript) -> Result<u32, String> {
    let _file = FileLike::open(out, "c.txt");
    out.say("  body: parse the file's first line as a number");
    let number: u32 = "forty-two"
        .parse()
        .map_err(|error| format!("c.txt: {error}"))?; // <- returns here, dropping `_file`
    out.say("  body: never reached");
    Ok(number)
}

/// The block panics; the file is released while the panic unwinds the stack.
pub fn panic_in_body(out: &Transcript) {
    let _file = FileLike::open(out, "d.txt");
    out.say("  body: hit a bug");
    panic!("bug while reading d.txt");
}

/// Part 1: the four ways of leaving a `with` block.
pub fn with_and_drop(out: &Transcript) {
    out.heading("Part 1: with ↔ a scope and Drop");
    end_of_scope(out);
    let found = early_return(out);
    out.say(format!("early_return() = {found:?}"));
    let result = error_with_question_mark(out);
    out.say(format!("error_with_question_mark() = {result:?}"));
    // Catch the panic, as an `except` around the `with` would, to show the release
    // happened during the unwinding and that the program goes on.
    let caught = std::panic::catch_unwind(|| panic_in_body(out));
    let message = caught.err().map(|payload| panic_report::message(&*payload));
    out.say(format!("panic_in_body() panicked: {message:?}"));
    underscore_versus_named(out);
}

// ---------------------------------------------------------------------------------
// Part 2: `async with` ↔ an async constructor and an explicit `close().await`

/// How long the pretend handshake and flush take.
pub const HANDSHAKE: Duration = Duration::from_millis(100);

/// A resource whose setup and cleanup both have to wait: a connection that must say
/// goodbye to its server and flush what it buffered.
pub struct Connection {
    name: &'static str,
    out: Transcript,
    closed: bool,
}

impl Connection {
    /// `__aenter__`: connecting takes a round trip, so it is async.
    pub async fn open(out: &Transcript, name: &'static str) -> Self {
        out.say(format!("open {name}: handshake..."));
        sleep(HANDSHAKE).await;
        out.say(format!("open {name}: ready  (__aenter__ done)"));
        Self {
            name,
            out: out.clone(),
            closed: false,
        }
    }

    /// Some work with the connection.
    pub async fn send(&mut self, message: &str) {
        sleep(Duration::from_millis(50)).await;
        self.out.say(format!("  {}: sent {message:?}", self.name));
    }

    /// `__aexit__`: flushing takes another round trip. It takes `self` by value, so the
    /// connection cannot be used after it is closed: the compiler checks that for us.
    pub async fn close(mut self) {
        self.out
            .say(format!("close {}: flushing...  (__aexit__)", self.name));
        sleep(HANDSHAKE).await;
        self.closed = true;
        self.out.say(format!("close {}: closed", self.name));
    }
}

impl Drop for Connection {
    /// Can only *notice* a missing close: `drop` cannot `.await` the flush.
    fn drop(&mut self) {
        if !self.closed {
            self.out.say(format!(
                "drop {}: dropped WITHOUT close(): the async flush never ran",
                self.name
            ));
        }
    }
}

/// `async with`, written out: `__aenter__`, the body, `__aexit__`, all awaited. Unlike
/// Python's version, nothing here runs `close` if the body fails early: see
/// [`with_connection`].
pub async fn open_use_close(out: &Transcript) {
    let mut connection = Connection::open(out, "conn-1").await; // __aenter__
    connection.send("hello").await; //                              the body
    connection.close().await; //                                    __aexit__
}

/// The scoped helper: `async with` as a function. Opens a connection, runs `body` with
/// it, and **always** awaits `close()` afterwards: after success, after an error, and
/// after a panic in the body (caught, then re-raised once the connection is closed).
///
/// Three new words in its signature and body, in plain terms:
/// - `impl AsyncFnOnce(&mut Connection) -> Result<T, String>`: "any async closure that
///   takes the connection (borrowed) and returns a `Result`". The caller writes
///   `async |connection| { ... }`, like the body of an `async with` block.
/// - `.catch_unwind()` (from `futures::FutureExt`): runs the future and turns a panic
///   inside it into an `Err` value, the way `try: ... except BaseException:` would, so
///   the code after it (the close) still runs.
/// - `AssertUnwindSafe(..)`: `catch_unwind` insists that nothing half-updated by the
///   panic is used afterwards. We only close the connection and re-raise the panic, so
///   we vouch for that by wrapping the future in `AssertUnwindSafe`.
///
/// What it cannot guarantee: if the future of the whole `with_connection` call is
/// dropped (cancelled, Part 3), nothing after the current `.await` runs, `close`
/// included; and a program built with `panic = "abort"` runs no cleanup at all.
pub async fn with_connection<T>(
    out: &Transcript,
    name: &'static str,
    body: impl AsyncFnOnce(&mut Connection) -> Result<T, String>,
) -> Result<T, String> {
    let mut connection = Connection::open(out, name).await;
    // Run the body, catching a panic so that it cannot skip the close.
    // (`AssertUnwindSafe`: we promise not to use a half-updated value after a panic;
    // we only close the connection and re-raise.)
    let outcome = AssertUnwindSafe(body(&mut connection)).catch_unwind().await;
    connection.close().await;
    match outcome {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Part 2: the explicit close, then the scoped helper on success, error and panic.
pub async fn async_with(out: &Transcript) {
    out.heading("Part 2: async with ↔ open().await ... close().await");
    open_use_close(out).await;

    out.note("The scoped helper always awaits close():");
    let ok = with_connection(out, "conn-2", async |connection: &mut Connection| {
        connection.send("hello").await;
        Ok(42)
    })
    .await;
    out.say(format!("with_connection(...) = {ok:?}"));

    let failed: Result<(), String> =
        with_connection(out, "conn-3", async |connection: &mut Connection| {
            connection.send("hello").await;
            Err("the server said no".to_owned())
        })
        .await;
    out.say(format!("with_connection(...) = {failed:?}"));

    let panicked = AssertUnwindSafe(with_connection(
        out,
        "conn-4",
        async |connection: &mut Connection| -> Result<(), String> {
            connection.send("hello").await;
            panic!("bug in the body");
        },
    ))
    .catch_unwind()
    .await;
    let message = panicked
        .err()
        .map(|payload| panic_report::message(&*payload));
    out.say(format!("with_connection(...) panicked: {message:?}"));
}

// ---------------------------------------------------------------------------------
// Part 3: cancellation

/// Cleanups handed to spawned tasks, kept so the program can wait for them before it
/// exits. (A runtime that shuts down drops its unfinished tasks: a cleanup nobody waits
/// for may never finish.)
#[derive(Clone, Default)]
pub struct PendingCleanups(Arc<Mutex<Vec<JoinHandle<()>>>>);

impl PendingCleanups {
    /// Waits for every cleanup handed over so far.
    pub async fn wait(&self) {
        let handles: Vec<_> =
            std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        for handle in handles {
            let _ = handle.await;
        }
    }
}

/// Owns a connection and makes sure it gets closed: by [`CloseOnDrop::close`] on the
/// normal path, or, if it is dropped first (cancellation, an error, a panic), by a
/// task it spawns to run the async `close()` that `drop` itself cannot await.
pub struct CloseOnDrop {
    connection: Option<Connection>,
    pending: PendingCleanups,
}

impl CloseOnDrop {
    /// Takes charge of `connection`.
    pub fn new(connection: Connection, pending: &PendingCleanups) -> Self {
        Self {
            connection: Some(connection),
            pending: pending.clone(),
        }
    }

    /// The connection, to work with.
    pub fn connection(&mut self) -> Option<&mut Connection> {
        self.connection.as_mut()
    }

    /// The normal path: close it here and now.
    pub async fn close(mut self) {
        if let Some(connection) = self.connection.take() {
            connection.close().await;
        }
    }
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        let Some(connection) = self.connection.take() else {
            return; // closed already
        };
        // `drop` cannot await, but it can hand the async close to the runtime, which
        // runs it as a task of its own, after whatever was cancelled.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                connection
                    .out
                    .say("guard dropped before close(): spawning a task to close it");
                let handle = runtime.spawn(connection.close());
                self.pending
                    .0
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(handle);
            }
            // No runtime left: nothing can run the async close (the connection's own
            // `Drop` then reports it).
            Err(_) => drop(connection),
        }
    }
}

/// How long Part 3's work would take, and how long the timeout allows.
pub const WORK: Duration = Duration::from_secs(1);
/// See [`WORK`].
pub const TIMEOUT: Duration = Duration::from_millis(300);

/// What Part 3's two timeouts returned.
#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled {
    /// Whether the unguarded work timed out.
    pub bare_timed_out: bool,
    /// Whether the guarded work timed out.
    pub guarded_timed_out: bool,
}

/// Part 3: a timeout cancels work that holds a connection, first bare, then guarded.
pub async fn cancellation(out: &Transcript) -> Cancelled {
    out.heading("Part 3: cancellation drops the future; no async cleanup runs");
    // `timeout` polls the work until the deadline, then *drops* it. Dropping a future
    // runs the `Drop` of everything it owned at its current `.await`, and nothing else.
    let bare = tokio::time::timeout(TIMEOUT, async {
        let mut connection = Connection::open(out, "conn-5").await;
        connection.send("part of a long upload").await;
        sleep(WORK).await; // <- cancelled here
        connection.close().await; // never reached
    })
    .await;
    out.say(format!("timeout(...) = {bare:?}"));

    out.note("The same with a guard that hands close() to a task:");
    let pending = PendingCleanups::default();
    let guarded = tokio::time::timeout(TIMEOUT, async {
        let mut guard = CloseOnDrop::new(Connection::open(out, "conn-6").await, &pending);
        if let Some(connection) = guard.connection() {
            connection.send("part of a long upload").await;
        }
        sleep(WORK).await; // <- cancelled here
        guard.close().await;
    })
    .await;
    out.say(format!("timeout(...) = {guarded:?}"));
    // Before the program ends, wait for the cleanups it handed over.
    pending.wait().await;
    out.say("every pending cleanup has finished");
    out.paragraph(
        "Recommended: close explicitly on the normal path (with_connection does it for you). \
         Once a future has been dropped, only a task can still run its async close, which \
         is what CloseOnDrop does; that costs something: the runtime must keep running until \
         the task is done (so wait for pending cleanups before exiting), a task spawned while \
         the runtime shuts down is dropped at once (the close is lost), and tokio::spawn from \
         a Drop that runs outside any runtime panics. Better still, avoid the drop: signal \
         the work to stop (a tokio oneshot, watch or Notify checked with tokio::select!) \
         so it runs its own close, or spawn the whole operation so a caller's timeout cannot \
         cancel it (asyncio.shield). Where a cleanup can be synchronous (closing a socket \
         is), do it in Drop and need none of this.",
    );
    Cancelled {
        bare_timed_out: bare.is_err(),
        guarded_timed_out: guarded.is_err(),
    }
}

// ---------------------------------------------------------------------------------
// Part 4: why two `async with`: the client (a pool) and the response

/// What Part 4 counted on the server.
#[derive(Debug, PartialEq, Eq)]
pub struct Connections {
    /// Ten requests through one client.
    pub one_client: usize,
    /// Ten requests, each through a new client.
    pub client_per_request: usize,
    /// Three requests through one client, each response dropped unread.
    pub unread_responses: usize,
    /// Connections the server still had open from the first client, before it was dropped.
    pub open_before_drop: usize,
    /// ... and after `drop(client)`.
    pub open_after_drop: usize,
}

/// Part 4: count the TCP connections the server sees.
///
/// `.text()` takes the response by value: once the body is read, the response is gone,
/// and the compiler refuses any later use of it, as the end of an `async with` block
/// would. This does not compile:
///
/// ```compile_fail,E0382
/// async fn status_after_text(client: &reqwest::Client) -> Result<(), reqwest::Error> {
///     let response = client.get("http://127.0.0.1:8000/").send().await?;
///     let text = response.text().await?;
///     let status = response.status(); // error[E0382]: borrow of moved value: `response`
///     println!("{status}: {text}");
///     Ok(())
/// }
/// ```
pub async fn client_and_response(
    out: &Transcript,
    server: &BackgroundServer,
) -> Result<Connections, reqwest::Error> {
    out.heading("Part 4: two resources: the client (a pool) and the response");
    let url = server.url("/");

    // The session: one `Client`, made once. It keeps finished connections open in its
    // pool and reuses them. (Cloning a `Client` is cheap and shares the same pool.)
    let before = server.connections_accepted();
    let client = Client::new();
    for _ in 0..10 {
        // The response: `.text()` takes the response *by value* and reads the body to
        // the end, so the connection goes back to the pool, ready for the next request.
        let _page = client.get(&url).send().await?.text().await?;
    }
    let one_client = server.connections_accepted() - before;
    out.say(format!(
        "10 requests, one Client:          {one_client} TCP connection(s)"
    ));
    // The pool keeps that connection open for the next request, until the client goes.
    // Dropping the `Client` (its last clone) drops its pool, which closes the sockets:
    // the `__aexit__` of `async with ClientSession()`, done by `Drop`.
    let open_before_drop = server.connections_open();
    drop(client);
    let open_after_drop = server
        .wait_until_open_at_most(0, Duration::from_secs(2))
        .await;
    out.say(format!(
        "open on the server: {open_before_drop} before drop(client), {open_after_drop} after"
    ));

    // A new client per request: a new pool each time, so a new connection each time (a
    // new TLS handshake too, for https). This is what a `ClientSession` per request costs.
    let before = server.connections_accepted();
    for _ in 0..10 {
        let _page = Client::new().get(&url).send().await?.text().await?;
    }
    let client_per_request = server.connections_accepted() - before;
    out.say(format!(
        "10 requests, a new Client each:   {client_per_request} TCP connection(s)"
    ));

    // A response dropped before its body was read: the connection is in the middle of
    // a body nobody will read, so it cannot serve another request and is closed. (What
    // `async with session.get(...)` does for you in Python: its exit releases the
    // response either way.) A fresh client, so no connection from above is reused.
    let before = server.connections_accepted();
    let big = server.url("/bytes/1000000");
    let client = Client::new();
    for _ in 0..3 {
        let response = client.get(&big).send().await?;
        drop(response); // unread: 1 MB still on its way
    }
    let unread_responses = server.connections_accepted() - before;
    out.say(format!(
        "3 unread responses, one Client:   {unread_responses} TCP connection(s)"
    ));
    out.paragraph(format!(
        "What the numbers mean: {one_client} connection for ten requests, because one Client \
         keeps a pool and reuses a finished connection (so make one and share it, as with \
         ClientSession); {client_per_request} when every request gets a new Client, each with \
         an empty pool (and, for https, a new TLS handshake each); {unread_responses} for \
         three responses dropped unread, because a connection with a body still on its way \
         cannot serve another request, so it is closed instead of reused. Read the body (or \
         let the response go once it is read) and the connection goes back to the pool."
    ));
    Ok(Connections {
        one_client,
        client_per_request,
        unread_responses,
        open_before_drop,
        open_after_drop,
    })
}

/// The whole lesson.
pub async fn run(out: &Transcript, server: &BackgroundServer) {
    out.note("Lesson 7: context managers");
    out.note("(Start with the plain version, just plain-7; this is the same idea, measured.)");
    with_and_drop(out);
    async_with(out).await;
    cancellation(out).await;
    if let Err(error) = client_and_response(out, server).await {
        out.note(format!("Part 4 failed: {error}"));
    }
}
