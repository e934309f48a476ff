//! # Lesson 4, the body: tasks
//!
//! A **task** is a future handed to the runtime to run on its own. `tokio::spawn(fut)`
//! is `asyncio.create_task(coro)`: the runtime schedules the future right away and polls
//! it whenever it gets a turn, whether or not anyone ever awaits the result. A plain
//! future, by contrast, does nothing until it is awaited (lesson 1).
//!
//! | Python | Rust |
//! |---|---|
//! | `task = asyncio.create_task(coro())` | `let handle = tokio::spawn(fut());` |
//! | `await task` | `handle.await` gives `Result<T, JoinError>` |
//! | an exception inside the task, re-raised by `await task` | a panic inside the task, returned as `Err(JoinError)` by `handle.await` |
//! | `task.cancel()` | `handle.abort()` |
//! | `async with asyncio.TaskGroup() as tg:` | `let mut set = JoinSet::new();` |
//!
//! ## Why `spawn` wants `'static` futures, and what `move` is for
//!
//! A spawned task may outlive the function that spawned it (nobody has to await it), so
//! it cannot borrow that function's local variables: the future must own everything it
//! uses (the compiler says the future must be `'static`). This does not compile:
//!
//! ```compile_fail,E0597
//! async fn greet(name: &str) -> usize {
//!     name.len()
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() {
//!     let name = String::from("Alice");
//!     // error[E0597]: `name` does not live long enough: the task could still be
//!     // running after `main` returned and `name` was dropped.
//!     let handle = tokio::spawn(greet(&name));
//!     handle.await.unwrap();
//! }
//! ```
//!
//! The fix: give the task its own copy, and let an `async move` block own it. `move`
//! makes the block take ownership of the variables it uses instead of borrowing them:
//!
//! ```
//! async fn greet(name: &str) -> usize {
//!     name.len()
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() {
//!     let name = String::from("Alice");
//!     let owned = name.clone();
//!     let handle = tokio::spawn(async move { greet(&owned).await });
//!     assert_eq!(handle.await.unwrap(), 5);
//!     println!("{name} is still ours");
//! }
//! ```
//!
//! On the multi-threaded runtime a task may also move between threads, so `spawn`
//! additionally wants the future to be `Send`. `Transcript` (an `Arc` inside) is both
//! `Send` and cheap to clone, which is why each task below gets `out.clone()`.

pub mod scale;

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use course_kit::{Timeline, Transcript, panic_report};
use tokio::task::{JoinError, JoinSet};
use tokio::time::sleep;

/// How many times Part 1 lets the runtime run other work before looking.
pub const TURNS: usize = 3;

/// A greeting that owns what it uses, so it can be spawned. Returns the name.
pub async fn greet(out: Transcript, name: &'static str, delay: Duration) -> &'static str {
    out.say(format!("Starting {name}..."));
    sleep(delay).await;
    out.say(format!("Hello, {name}!"));
    name
}

/// Lets the runtime take [`TURNS`] turns (each `yield_now().await` pauses this code and
/// lets every other ready task run), and returns how many lines were printed meanwhile.
pub async fn lines_printed_while_yielding(out: &Transcript) -> usize {
    let before = out.lines_written();
    for _ in 0..TURNS {
        tokio::task::yield_now().await;
    }
    out.lines_written() - before
}

/// Part 1: a future sits there; a task runs.
pub async fn lazy_future_versus_eager_task(out: &Transcript) {
    out.heading("Part 1: a future is lazy, a spawned task is eager");
    let future = greet(out.clone(), "future", Duration::from_secs(1));
    out.say("let future = greet(\"future\");              // created, not awaited");
    let printed = lines_printed_while_yielding(out).await;
    out.say(format!(
        "the runtime took {TURNS} turns; the future printed {printed} line(s)"
    ));

    // `spawn` hands the future to the runtime and returns at once with a handle. On this
    // one-threaded runtime the task cannot run *during* this line: it runs as soon as
    // this code pauses, here at the `yield_now().await`s.
    let handle = tokio::spawn(greet(out.clone(), "task", Duration::from_secs(1)));
    out.say("let handle = tokio::spawn(greet(\"task\"));  // spawned, not awaited");
    let printed = lines_printed_while_yielding(out).await;
    out.say(format!(
        "the runtime took {TURNS} turns; the task printed {printed} line(s)"
    ));

    // Awaiting the handle waits for the task, which has been running for a while.
    out.say("handle.await;");
    let _ = handle.await;
    // Only now does the plain future start: look at the time stamps.
    out.say("future.await;");
    future.await;
}

/// The syllabus's `fetch_number`: a second of waiting, then `n * 10`.
pub async fn fetch_number(n: u32) -> u32 {
    sleep(Duration::from_secs(1)).await;
    n * 10
}

/// Part 2: awaiting a `JoinHandle` gives the task's return value.
pub async fn join_handle_returns_the_value(out: &Transcript) -> u32 {
    out.heading("Part 2: awaiting a JoinHandle gives the task's value");
    let handle = tokio::spawn(fetch_number(7));
    // `JoinHandle<u32>` is itself a future; its output is `Result<u32, JoinError>`:
    // `Err` if the task panicked or was cancelled (Parts 3 and 4).
    let result = handle.await;
    out.say(format!("tokio::spawn(fetch_number(7)).await = {result:?}"));
    result.unwrap_or_default()
}

/// Part 3: a panic inside a task comes back as a `JoinError`; `main` carries on.
pub async fn a_panicking_task_does_not_stop_main(out: &Transcript) -> bool {
    out.heading("Part 3: a task that panics");
    let handle = tokio::spawn(async {
        // A bug in the task. tokio catches the panic at the task's boundary, like an
        // exception stored in an asyncio Task, instead of unwinding into the runtime.
        panic!("the task hit a bug");
    });
    let result: Result<(), JoinError> = handle.await;
    let caught = match result {
        Err(error) if error.is_panic() => {
            let message = panic_report::message(&*error.into_panic());
            out.say(format!(
                "handle.await = Err(JoinError): is_panic() = true, message = {message:?}"
            ));
            true
        }
        Err(error) => {
            out.say(format!("handle.await = Err({error})"));
            false
        }
        Ok(()) => {
            out.say("handle.await = Ok(())");
            false
        }
    };
    out.say("main is still running");
    caught
}

/// Part 4: `abort()` cancels a task at its next `.await`.
pub async fn aborting_a_task(out: &Transcript) -> bool {
    out.heading("Part 4: aborting a task");
    let handle = tokio::spawn(greet(out.clone(), "slow task", Duration::from_secs(5)));
    sleep(Duration::from_secs(1)).await;
    // Cancellation in tokio is not an exception thrown into the task (as
    // `asyncio.CancelledError` is): the runtime simply never polls the task again and
    // drops its future, which drops everything it owned (here, its `Sleep`). That is why
    // it can only happen at an `.await`: a task busy computing is not interrupted.
    handle.abort();
    out.say("handle.abort();");
    let result = handle.await;
    let cancelled = matches!(&result, Err(error) if error.is_cancelled());
    out.say(format!(
        "handle.await = Err(JoinError): is_cancelled() = {cancelled}; \"Hello, slow task!\" never comes"
    ));
    cancelled
}

/// A plain function that does some work *at the call* and returns a future for the rest.
/// (An `async fn` does nothing at the call; this is the case where the two spellings of
/// Part 5 differ.)
pub fn prepare_greeting(
    out: Transcript,
    name: &'static str,
) -> impl Future<Output = ()> + Send + 'static {
    out.say(format!(
        "  prepare_greeting({name}): the part before the async block"
    ));
    async move {
        out.say(format!("  prepare_greeting({name}): the async part"));
    }
}

/// Part 5: `spawn(f())` versus `spawn(async move { f().await })`.
pub async fn spawn_call_versus_async_block(out: &Transcript) {
    out.heading("Part 5: spawn(f()) vs spawn(async move { f().await })");
    // `f()` is evaluated right here, on this task, *before* spawn is called: the work
    // before the async block runs now; only the returned future becomes the task.
    out.say("tokio::spawn(prepare_greeting(\"A\"));");
    let a = tokio::spawn(prepare_greeting(out.clone(), "A"));
    // Here the call itself is inside the task: nothing runs until the task is polled.
    out.say("tokio::spawn(async move { prepare_greeting(\"B\").await });");
    let task_out = out.clone();
    let b = tokio::spawn(async move { prepare_greeting(task_out, "B").await });
    out.say("both spawned; awaiting them");
    let _ = a.await;
    let _ = b.await;
    out.paragraph(
        "For an `async fn` the two spellings behave the same: calling it runs nothing. \
         They differ when `f` does work before returning its future, and when `f` borrows: \
         `async move` lets the task own what `f` borrows.",
    );
}

/// Part 6: a `JoinSet`, Python's `asyncio.TaskGroup`. Returns the names in the order
/// their tasks finished, and the names of the tasks the failure cancelled.
pub async fn join_set_as_task_group(out: &Transcript) -> (Vec<&'static str>, Vec<&'static str>) {
    out.heading("Part 6: JoinSet (asyncio.TaskGroup)");
    let timeline = Timeline::new();
    let mut set = JoinSet::new();
    for (name, millis) in [("Alice", 2000), ("Bob", 1000), ("Charlie", 3000)] {
        let work = greet(out.clone(), name, Duration::from_millis(millis));
        // `record` gives a future that owns a clone of the timeline, so it can be spawned.
        set.spawn(timeline.record(name, work));
    }
    // `join_next` gives each result as its task finishes: the order of *completion*,
    // unlike `join_all`, which keeps the order given (lesson 3).
    let mut finished = Vec::new();
    while let Some(joined) = set.join_next().await {
        if let Ok(name) = joined {
            out.say(format!("join_next() -> {name}"));
            finished.push(name);
        }
    }
    timeline.print(out);

    // TaskGroup's other promise: when one task fails, the others are cancelled.
    out.note("");
    out.note("When one task fails, cancel the rest (TaskGroup does this for you):");
    let timeline = Timeline::new();
    let mut set = JoinSet::new();
    let mut names = HashMap::new();
    for (name, millis, fails) in [
        ("Dave", 1000, false),
        ("Eve", 1500, true),
        ("Frank", 3000, false),
    ] {
        let out = out.clone();
        let work = async move {
            greet(out, name, Duration::from_millis(millis)).await;
            if fails {
                Err(format!("{name}'s work failed"))
            } else {
                Ok(name)
            }
        };
        let task = set.spawn(timeline.record(name, work));
        names.insert(task.id(), name);
    }
    let mut cancelled = Vec::new();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(name)) => out.say(format!("join_next() -> {name} finished")),
            Ok(Err(failure)) => {
                out.say(format!("join_next() -> {failure}: abort_all()"));
                // Cancels every task still in the set; they come out of `join_next`
                // as cancelled `JoinError`s.
                set.abort_all();
            }
            Err(error) if error.is_cancelled() => {
                let name = names.get(&error.id()).copied().unwrap_or("?");
                out.say(format!("join_next() -> {name} was cancelled"));
                cancelled.push(name);
            }
            Err(error) => out.say(format!("join_next() -> {error}")),
        }
    }
    timeline.print(out);
    // Dropping a `JoinSet` aborts whatever is still in it, so its tasks never outlive
    // the scope that owns it: the same guarantee as leaving an `async with TaskGroup`.
    (finished, cancelled)
}

/// The whole lesson.
pub async fn run(out: &Transcript) {
    out.note("Lesson 4: tasks");
    lazy_future_versus_eager_task(out).await;
    join_handle_returns_the_value(out).await;
    a_panicking_task_does_not_stop_main(out).await;
    aborting_a_task(out).await;
    spawn_call_versus_async_block(out).await;
    join_set_as_task_group(out).await;
}
