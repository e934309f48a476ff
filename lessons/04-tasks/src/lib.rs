//! # Lesson 4, the body: tasks
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/04-tasks.md` (`just book`).
//!
//! The chapter's code examples, compiled (or refused) by rustdoc as the chapter shows them:
#![doc = include_str!("../snippets/spawn-borrows-refused.md")]
#![doc = include_str!("../snippets/spawn-async-move-compiles.md")]
#![doc = include_str!("../snippets/rc-across-await-refused.md")]
#![doc = include_str!("../snippets/rc-drop-before-await-refused.md")]

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
/// lets the runtime run other ready tasks first), and returns how many lines were
/// printed meanwhile.
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

/// The Python tutorial's `fetch_number`: a second of waiting, then `n * 10`.
pub async fn fetch_number(n: u32) -> u32 {
    sleep(Duration::from_secs(1)).await;
    n * 10
}

/// A task that can fail, the Rust way: it *returns* its error. Reads a number after a
/// second of "waiting for input".
pub async fn parse_number(text: &'static str) -> Result<u32, std::num::ParseIntError> {
    sleep(Duration::from_secs(1)).await;
    text.parse()
}

/// What Part 2 got back from its two tasks.
#[derive(Debug, PartialEq, Eq)]
pub struct Returned {
    /// `fetch_number(7)`'s value.
    pub value: Option<u32>,
    /// Whether `parse_number("seven")` came back as `Ok(Err(..))`: the task ran to its
    /// end and returned its error.
    pub returned_its_error: bool,
}

/// Part 2: awaiting a `JoinHandle` gives the task's return value, and a task that fails
/// returns its error as a value (where a Python task would raise).
pub async fn join_handle_returns_the_value(out: &Transcript) -> Returned {
    out.heading("Part 2: awaiting a JoinHandle gives what the task returned");
    // Both tasks start now and run side by side.
    let handle = tokio::spawn(fetch_number(7));
    let parsing = tokio::spawn(parse_number("seven"));
    // `JoinHandle<u32>` is itself a future; its output is `Result<u32, JoinError>`:
    // `Err` only if the task panicked or was aborted (Parts 3 and 4).
    let result = handle.await;
    out.say(format!("tokio::spawn(fetch_number(7)).await = {result:?}"));

    // A task that fails returns `Err` from its own future. The handle wraps that in the
    // runtime's `Ok`: the task itself ran fine, its *answer* is an error.
    let failing = parsing.await;
    out.say(format!(
        "tokio::spawn(parse_number(\"seven\")).await = {failing:?}"
    ));
    out.paragraph(
        "Ok(Err(..)): the task ran to its end and returned its error, the way a Python task \
         raises. The outer Ok is the runtime's: the task neither panicked nor was aborted.",
    );
    Returned {
        value: result.ok(),
        returned_its_error: matches!(failing, Ok(Err(_))),
    }
}

/// What Part 3 saw of its two panicking tasks.
#[derive(Debug, PartialEq, Eq)]
pub struct Panics {
    /// Whether the awaited task's panic came back as a `JoinError` with `is_panic()`.
    pub awaited_panic_caught: bool,
}

/// Part 3: a panic (a bug) inside a task comes back as a `JoinError`; `main` carries
/// on. A panic in a task that nobody awaits is seen only by the panic hook.
pub async fn a_panicking_task_does_not_stop_main(out: &Transcript) -> Panics {
    out.heading("Part 3: a task that panics (a bug, not an error)");
    let handle = tokio::spawn(async {
        // A bug in the task. tokio catches the panic at the task's boundary instead of
        // unwinding into the runtime, and keeps it for whoever awaits the handle.
        panic!("the task hit a bug");
    });
    let result: Result<(), JoinError> = handle.await;
    let awaited_panic_caught = match result {
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

    // Nobody awaits this one: its handle is dropped at once. Python would log "Task
    // exception was never retrieved" when the task is garbage-collected; in Rust the
    // panic hook (which prints the panic to stderr) is the only one that ever hears of it.
    drop(tokio::spawn(async {
        panic!("a bug in a task nobody awaits");
    }));
    // Give it a turn to run (and panic).
    tokio::task::yield_now().await;
    out.say("a second task panicked; its handle was dropped, so nothing here can see it:");
    out.say("only the panic hook reported it, on stderr");
    out.say("main is still running");
    Panics {
        awaited_panic_caught,
    }
}

/// Part 4: `abort()` cancels a task; dropping a `JoinHandle` does not.
pub async fn aborting_a_task(out: &Transcript) -> bool {
    out.heading("Part 4: aborting a task; dropping its handle does not");
    let handle = tokio::spawn(greet(out.clone(), "slow task", Duration::from_secs(5)));
    sleep(Duration::from_secs(1)).await;
    // Cancellation in tokio is not an exception thrown into the task (as
    // `asyncio.CancelledError` is): the runtime drops the task's future, which drops
    // everything it owned (here, its `Sleep`), and no code after its pending `.await`
    // ever runs. When? A task that is idle (waiting, like this one) is dropped without
    // being polled again; a task that is running right now (on another worker thread)
    // is dropped when its current poll returns `Pending`. A task busy computing without
    // awaiting is not interrupted.
    handle.abort();
    out.say("handle.abort();");
    let result = handle.await;
    let cancelled = matches!(&result, Err(error) if error.is_cancelled());
    out.say(format!(
        "handle.await = Err(JoinError): is_cancelled() = {cancelled}; \"Hello, slow task!\" never comes"
    ));

    // Dropping the handle is *not* cancelling: the task is detached and runs to its end.
    // (In Python, a task nobody references can be garbage-collected mid-run; keep a
    // reference. In Rust the runtime owns the task; the handle is only a way to wait.)
    let handle = tokio::spawn(greet(out.clone(), "detached task", Duration::from_secs(1)));
    drop(handle);
    out.say("drop(handle);   // the task is detached, not cancelled");
    sleep(Duration::from_secs(2)).await;
    out.say("two seconds later: the detached task said hello above");
    cancelled
}

/// What Part 5 saw of its three `JoinSet`s.
#[derive(Debug, PartialEq, Eq)]
pub struct TaskGroupRun {
    /// Names in the order their tasks finished, when the set was drained.
    pub finished: Vec<&'static str>,
    /// How many tasks our own `abort_all` cancelled after the first failure.
    pub cancelled_after_failure: usize,
    /// How many greetings finished after their `JoinSet` was dropped (none should).
    pub greeted_after_drop: usize,
}

/// Part 5: a `JoinSet`. Drained with `join_next`, it waits for every task, as leaving
/// an `async with asyncio.TaskGroup()` block does. Dropped, it aborts them.
pub async fn join_set_as_task_group(out: &Transcript) -> TaskGroupRun {
    out.heading("Part 5: JoinSet and asyncio.TaskGroup");
    out.note("Drained with join_next(), it waits for every task (what leaving TaskGroup does):");
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

    // TaskGroup also cancels the others when one task raises. A JoinSet does not do that
    // by itself: here it is our own code, one `abort_all()` on the first error.
    out.note("");
    out.note("On the first error, our own code calls abort_all() (TaskGroup does this for you):");
    let mut set = JoinSet::new();
    for (name, millis, fails) in [
        ("Dave", 1000, false),
        ("Eve", 1500, true),
        ("Frank", 3000, false),
    ] {
        let out = out.clone();
        set.spawn(async move {
            greet(out, name, Duration::from_millis(millis)).await;
            if fails {
                Err(format!("{name}'s work failed"))
            } else {
                Ok(name)
            }
        });
    }
    let mut cancelled_after_failure = 0;
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(name)) => out.say(format!("join_next() -> Ok({name})")),
            Ok(Err(failure)) => {
                out.say(format!("join_next() -> Err({failure:?}): set.abort_all()"));
                // Asks every task still in the set to stop; each comes out of
                // `join_next` as a cancelled `JoinError`.
                set.abort_all();
            }
            Err(error) if error.is_cancelled() => cancelled_after_failure += 1,
            Err(error) => out.say(format!("join_next() -> {error}")),
        }
    }
    out.say(format!(
        "{cancelled_after_failure} task(s) came back cancelled; \"Hello, Frank!\" never comes"
    ));

    // Dropping a `JoinSet` aborts every task still in it. Unlike leaving a TaskGroup,
    // that does not wait: on a multi-threaded runtime a task running right now on another
    // worker carries on until its current poll ends, and `spawn_blocking` work cannot be
    // aborted at all.
    out.note("");
    out.note("Dropped, it aborts its tasks instead of waiting for them:");
    let mut set = JoinSet::new();
    for (name, millis) in [("Gina", 1000), ("Hal", 2000)] {
        set.spawn(greet(out.clone(), name, Duration::from_millis(millis)));
    }
    sleep(Duration::from_millis(500)).await;
    drop(set);
    out.say("drop(set);");
    let before = out.lines_written();
    // Past the moment both greetings would have finished.
    sleep(Duration::from_secs(2)).await;
    let greeted_after_drop = out.lines_written() - before;
    out.say(format!(
        "two seconds later: {greeted_after_drop} greeting(s) finished after the drop"
    ));
    TaskGroupRun {
        finished,
        cancelled_after_failure,
        greeted_after_drop,
    }
}

/// The whole lesson.
pub async fn run(out: &Transcript) {
    out.note("Lesson 4: tasks");
    out.note("(Start with the plain version, just plain-4; this is the same idea, measured.)");
    lazy_future_versus_eager_task(out).await;
    join_handle_returns_the_value(out).await;
    a_panicking_task_does_not_stop_main(out).await;
    aborting_a_task(out).await;
    join_set_as_task_group(out).await;
}
