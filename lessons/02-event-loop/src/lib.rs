//! # Lesson 2, the body: how the event loop works, traced step by step
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/02-event-loop.md` (`just book`).

pub mod mini_loop;

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use course_kit::clock::{self, seconds};
use course_kit::{LessonClock, Transcript};
use mini_loop::{EventLoop, LoopHandle, LoopTime};

/// The first program's wait, as in `asyncio.sleep(2)`.
pub const DELAY: Duration = Duration::from_secs(2);

/// Part 2's coroutines and how long each one waits. Different waits make the switching
/// visible: they finish in a different order than they started.
pub const GREETINGS: [(&str, Duration); 3] = [
    ("Alice", Duration::from_secs(2)),
    ("Bob", Duration::from_secs(1)),
    ("Charlie", Duration::from_secs(3)),
];

/// The tutorial's coroutine, on the hand-made loop. With a name it greets that person
/// (Part 2); without, it prints the first program's "Starting..." and "Hello!".
pub async fn greet_after_delay(event_loop: LoopHandle, name: Option<&str>, delay: Duration) {
    match name {
        Some(name) => event_loop.say(format!("Starting {name}...")),
        None => event_loop.say("Starting..."),
    }
    // The loop's own sleep. `.await` polls it; it is not due, so it sets a timer and
    // returns Pending, and that Pending travels up through this function to the loop:
    // the whole coroutine is paused here and the loop is free to run something else.
    event_loop.sleep(delay).await;
    match name {
        Some(name) => event_loop.say(format!("Hello, {name}!")),
        None => event_loop.say("Hello!"),
    }
}

/// Part 2: the one-coroutine program on the hand-made loop.
pub fn one_coroutine_on_the_hand_made_loop(out: &Transcript, time: LoopTime) -> Duration {
    out.heading("Part 2 (deeper, optional on a first read): a hand-made event loop");
    out.paragraph(
        "The same nine steps, on an event loop of about 250 lines of code that you can read in \
         src/mini_loop.rs: a ready queue, a waker that puts a task back on it, a list of \
         timers, and idling until the next one is due.",
    );
    let mut event_loop = EventLoop::new(out, time);
    // Like `asyncio.run(greet_after_delay())`: hand the coroutine to the loop...
    event_loop.spawn(
        "greet_after_delay",
        greet_after_delay(event_loop.handle(), None, DELAY),
    );
    // ...and run the loop until it has nothing left to do.
    let total = event_loop.run();
    out.say_at(total, clock::total_time(total));
    total
}

/// Part 3: three coroutines on the hand-made loop. While one waits, the loop polls the
/// others, so the total is the longest wait, not the sum of the waits.
pub fn three_coroutines_on_the_hand_made_loop(out: &Transcript, time: LoopTime) -> Duration {
    out.heading("Part 3: three coroutines on the hand-made loop");
    let mut event_loop = EventLoop::new(out, time);
    for (name, delay) in GREETINGS {
        event_loop.spawn(
            name,
            greet_after_delay(event_loop.handle(), Some(name), delay),
        );
    }
    let total = event_loop.run();
    let sum: Duration = GREETINGS.iter().map(|(_, delay)| *delay).sum();
    let longest = GREETINGS.iter().map(|(_, delay)| *delay).max();
    out.say_at(total, clock::total_time(total));
    out.note(format!(
        "The waits add up to {}s; the longest is {}s. The loop took {}s.",
        seconds(sum),
        seconds(longest.unwrap_or_default()),
        seconds(total)
    ));
    total
}

/// What Part 3 writes its lines with: the transcript, stamped with a clock that starts
/// inside the runtime (so that a paused runtime gives exact stamps).
#[derive(Clone)]
struct TokioTrace {
    out: Transcript,
    clock: Arc<OnceLock<LessonClock>>,
}

impl TokioTrace {
    fn say(&self, text: impl std::fmt::Display) {
        let elapsed = self
            .clock
            .get()
            .map(LessonClock::elapsed)
            .unwrap_or_default();
        self.out.say_at(elapsed, text);
    }
}

/// A wrapper future that writes a line each time the runtime polls the future inside,
/// and what that poll returned. It changes nothing else.
struct Traced<F> {
    name: &'static str,
    polls: usize,
    // Boxing pins the inner future on the heap, so `Traced` itself can be moved freely
    // (it is `Unpin`) and no `unsafe` pin projection is needed.
    inner: Pin<Box<F>>,
    trace: TokioTrace,
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        let (name, polls) = (self.name, self.polls);
        let number = if polls == 1 { 2 } else { 7 };
        self.trace
            .say(step(number, format!("tokio: poll #{polls} of {name}")));
        let result = self.inner.as_mut().poll(cx);
        let (answer, number) = if result.is_ready() {
            ("Ready", 9)
        } else {
            ("Pending", 4)
        };
        self.trace.say(step(
            number,
            format!("tokio: poll #{polls} returned {answer}"),
        ));
        result
    }
}

/// What asyncio's loop does for the one-coroutine program, in nine steps, as Part 1
/// prints them before its trace.
pub const NINE_STEPS: [&str; 9] = [
    "1. asyncio.run() / block_on creates the loop and starts the future",
    "2. the loop runs the coroutine: tokio polls the future (poll #1)",
    "3. \"Starting...\" prints",
    "4. await asyncio.sleep(2): the sleep is not due, the future returns Pending",
    "5. the loop looks for other work: none, so the thread parks (sleeps)",
    "6. 2 s later the timer is due: the thread is unparked, the task woken",
    "7. the loop resumes the coroutine: poll #2",
    "8. \"Hello!\" prints",
    "9. the future returns Ready: block_on returns and the loop is closed",
];

/// Part 1: the one-coroutine program on tokio, traced by tokio's own hooks.
///
/// `runtime` is a current-thread builder, usually `Builder::new_current_thread()`; the
/// tests pass one with a paused clock. This function adds the trace hooks and the timer.
/// Fails only if the runtime cannot be built.
pub fn one_coroutine_on_tokio(
    out: &Transcript,
    mut runtime: tokio::runtime::Builder,
) -> std::io::Result<()> {
    out.heading("Part 1: one coroutine on tokio, traced by tokio's own hooks");
    out.note("What an event loop does for this program, in nine steps:");
    for step in NINE_STEPS {
        out.note(format!("  {step}"));
    }
    out.note("The trace, written as it runs (the step on the right; an unpark at 2.00 s is 6):");
    let trace = TokioTrace {
        out: out.clone(),
        clock: Arc::new(OnceLock::new()),
    };
    let (on_park, on_unpark) = (trace.clone(), trace.clone());
    // `on_thread_park` runs when the runtime has no task to poll and its thread is about
    // to sleep until I/O or a timer needs it (step 5); `on_thread_unpark` runs when it
    // wakes up again (step 6). (The runtime also checks its timers and I/O now and then
    // without sleeping; those quick checks call neither hook.)
    runtime
        .enable_time()
        .on_thread_park(move || on_park.say(step(5, "runtime: nothing to run; the thread parks")))
        .on_thread_unpark(move || on_unpark.say(step(6, "runtime: the thread is unparked")));
    let runtime = runtime.build()?;
    let greeting = Traced {
        name: "greet_after_delay",
        polls: 0,
        inner: Box::pin(greet_after_delay_on_tokio(trace.clone())),
        trace: trace.clone(),
    };
    // `block_on` is `asyncio.run`: poll the future, park while it waits, return when done.
    let polls = runtime.block_on(async {
        let _ = trace.clock.set(LessonClock::start());
        trace.say(step(
            1,
            "tokio: block_on starts the future (not polled yet)",
        ));
        let mut greeting = greeting;
        // Awaiting the traced future makes each of tokio's polls visible. (`&mut` so we
        // can still read its poll count afterwards; `Traced` is `Unpin`, which allows it.)
        (&mut greeting).await;
        trace.say(step(9, "tokio: the future is done, so block_on returns"));
        greeting.polls
    });
    // Dropping the runtime shuts it down, like the end of `asyncio.run`.
    drop(runtime);
    out.paragraph(format!(
        "greet_after_delay was polled {polls} times: once to start it, once after its \
         timer woke it."
    ));
    out.paragraph(EXTRA_WAKE_UPS);
    Ok(())
}

/// A trace line with its step number in a column on the right: `text ... (5)`.
pub fn step(number: u8, text: impl std::fmt::Display) -> String {
    format!("{:<58} ({number})", text.to_string())
}

/// Why the trace can show more park/unpark pairs than steps 5 and 6, printed under it.
pub const EXTRA_WAKE_UPS: &str = "The thread may unpark more often than it is needed: \
    each wake-up that finds no task to run just parks again, and the future is still \
    polled only twice. tokio's timer wheel files a deadline 2 s away in a slot 64 ms wide, \
    so the thread first wakes at 1.98 s and re-arms for the exact millisecond. On a real \
    clock you will also see a park and an immediate unpark at 0.00 s: registering the \
    first timer leaves a wake-up waiting for the thread, so its first park returns at once.";

/// The first program once more, with tokio's sleep.
async fn greet_after_delay_on_tokio(trace: TokioTrace) {
    trace.say(step(3, "  Starting..."));
    // tokio's timer: the first poll registers the deadline with the runtime's timer
    // wheel and returns Pending; the runtime wakes this task when the deadline passes.
    tokio::time::sleep(DELAY).await;
    trace.say(step(8, "  Hello!"));
}

/// The whole lesson: tokio's trace first, then the hand-made loop (the deeper part).
/// Fails only if the tokio runtime cannot be built.
pub fn run(
    out: &Transcript,
    time: LoopTime,
    tokio_runtime: tokio::runtime::Builder,
) -> std::io::Result<()> {
    out.note("Lesson 2: how the event loop works, traced as it happens");
    out.note("(Start with the plain version, just plain-2; this is the same idea, measured.)");
    one_coroutine_on_tokio(out, tokio_runtime)?;
    one_coroutine_on_the_hand_made_loop(out, time);
    three_coroutines_on_the_hand_made_loop(out, time);
    Ok(())
}
