//! # Lesson 1, the body: coroutines, `.await` and lazy futures
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/01-coroutines.md` (`just book`).
//!
//! The chapter's code examples, compiled (or refused) by rustdoc as the chapter shows them:
#![doc = include_str!("../snippets/forgot-await-refused.md")]
#![doc = include_str!("../snippets/with-await-compiles.md")]
#![doc = include_str!("../snippets/let-underscore-future-compiles.md")]

use std::time::Duration;

use course_kit::{Transcript, clock};

/// How long the greeting waits, as in the Python tutorial's `asyncio.sleep(2)`.
pub const DELAY: Duration = Duration::from_secs(2);

/// How many times [`run`] hands control back to the runtime before awaiting the greeting,
/// to show that an un-awaited future is not run by anyone.
pub const TURNS_GIVEN_TO_RUNTIME: usize = 3;

/// The Python tutorial's first coroutine, in Rust.
///
/// ```python
/// async def greet_after_delay():
///     print("Starting...")
///     await asyncio.sleep(2)
///     print("Hello!")
/// ```
///
/// The Rust version takes the [`Transcript`] to print to, so that a test can capture what
/// it prints. Calling it returns a future and prints nothing; the body runs when that
/// future is awaited.
pub async fn greet_after_delay(out: &Transcript) {
    out.say("Starting...");
    // `sleep` returns a future too. `.await` polls it: the timer has not fired, so it
    // answers "pending", and this whole function pauses right here, returning control to
    // the runtime. The thread is *not* blocked: the runtime is free to run anything else
    // (here there is nothing else, so it waits for the timer). After 2 s the timer wakes
    // this future, the runtime polls it again, and execution continues on the next line.
    tokio::time::sleep(DELAY).await;
    out.say("Hello!");
}

/// The whole lesson: first show that calling the `async fn` runs nothing, then await it.
pub async fn run(out: &Transcript) {
    out.note("Lesson 1: coroutines, .await and lazy futures");
    out.note("(Start with the plain version, just plain-1; this is the same idea, measured.)");

    out.heading("Step 1: call the async fn without .await");
    // No `.await`: this only *creates* the future. In Python terms,
    // `greeting = greet_after_delay()` gave us a coroutine object and nothing else.
    let greeting = greet_after_delay(out);
    out.say("let greeting = greet_after_delay(out);   // no .await");
    // Python prints `<class 'coroutine'>` here. Rust's compiler turns every `async fn`
    // into its own anonymous type (a state machine that implements `Future`); this is its
    // name as the compiler reports it.
    out.say(format!(
        "type of `greeting`: {}",
        std::any::type_name_of_val(&greeting)
    ));
    // `{{closure}}` is how the compiler names the state machine it generated from the
    // body. What every such type shares is the `Future` trait, and its `Output` is what
    // `.await` will hand back: `()` here, like a Python coroutine that returns None.
    out.say(format!(
        "it implements Future; .await will return: {}",
        output_type_name(&greeting)
    ));
    out.paragraph(
        "{{closure}} is the compiler's name for the state machine it built from the body of \
         the async fn: every async fn gets a type of its own, and all of them implement the \
         Future trait. Python prints <class 'coroutine'> here.",
    );

    // Give the runtime every chance to run the future on its own. `yield_now().await`
    // pauses *this* code and lets the runtime run whatever else is ready. If creating
    // the future had scheduled it (as `asyncio.create_task` or `tokio::spawn` would, see
    // lesson 4), its body would run now and print "Starting...". We count the lines
    // printed meanwhile instead of claiming none were.
    let lines_before = out.lines_written();
    for _ in 0..TURNS_GIVEN_TO_RUNTIME {
        tokio::task::yield_now().await;
    }
    let printed_meanwhile = out.lines_written() - lines_before;
    out.say(format!(
        "gave the runtime {TURNS_GIVEN_TO_RUNTIME} turns; lines the future printed meanwhile: \
         {printed_meanwhile}"
    ));
    out.paragraph(format!(
        "{printed_meanwhile} lines: the runtime had time to spare and still did not start the \
         future, because nobody handed it over. A future runs only when it is awaited (or \
         spawned as a task, lesson 4). No \"Starting...\" yet."
    ));

    out.heading("Step 2: .await it");
    out.say("greeting.await;");
    // Now we poll it, through `.await`: the body runs up to its sleep, pauses for 2 s
    // without blocking the thread, then finishes. This line completes only when the
    // whole greeting has.
    greeting.await;
    out.say(clock::total_time(out.elapsed()));
}

/// The name of the type a future will produce when awaited (`F::Output`), read by the
/// compiler from the future's type. It only compiles for values that *are* futures.
pub fn output_type_name<F: std::future::Future>(_future: &F) -> &'static str {
    std::any::type_name::<F::Output>()
}

/// What `#[tokio::main(flavor = "current_thread")]` on `main` turns into, written out.
///
/// `asyncio.run(coro)` creates an event loop, runs `coro` until it finishes and closes
/// the loop. The tokio equivalent is three steps: build a runtime, `block_on` the future
/// (the one place where a plain function waits for a future), drop the runtime.
///
/// Building the runtime fails only if the OS refuses a resource; that error is returned
/// for `main` to report.
pub fn main_by_hand(out: &Transcript) -> std::io::Result<()> {
    // A runtime that runs all tasks on this thread, with the timer driver switched on
    // (`enable_all` switches on every driver this build has: timers, and sockets when
    // the `net` feature is on). `?` hands a failure to the caller.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // `block_on` is the bridge from plain code to async code: it polls the future, parks
    // the thread while the future waits (here: on the 2 s timer), and returns its output.
    runtime.block_on(run(out));
    // Dropping the runtime shuts it down, like the end of `asyncio.run`.
    drop(runtime);
    Ok(())
}
