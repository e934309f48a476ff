//! # Lesson 4: tasks
//!
//! Run it: `just lesson-4` (or `cargo run -p lesson-04-tasks`).
//!
//! What it shows, measured in the transcript:
//! 1. A plain future is lazy: created and left alone, it prints nothing. A spawned task
//!    is eager: it starts as soon as the runtime gets a turn, without being awaited.
//! 2. Awaiting a `JoinHandle` gives the task's return value (wrapped in a `Result`).
//! 3. A task that panics does not take `main` down: its `JoinHandle` returns a
//!    `JoinError`, and the lesson carries on. (The one line on stderr is the panic
//!    report, printed on purpose.)
//! 4. `abort()` cancels a task at its next `.await`; its work never finishes.
//! 5. `spawn(f())` versus `spawn(async move { f().await })`: when each part runs.
//! 6. A `JoinSet` (Python's `asyncio.TaskGroup`): results as tasks finish; the first
//!    failure cancels the rest. With the timeline chart of every task.
//!
//! The Python it mirrors (the syllabus's "Tasks"):
//!
//! ```python
//! task = asyncio.create_task(greet_after_delay("Alice"))   # starts running soon
//! result = await task                                      # its return value
//! task.cancel()                                            # cancel it
//! async with asyncio.TaskGroup() as tg:                    # many tasks, one scope
//!     tg.create_task(...)
//! ```
//!
//! `just bench-tasks` (release build) runs the scale benchmark instead: 100,000 tasks
//! that each sleep 100 ms; see `src/scale.rs`.
//!
//! Read next: `src/lib.rs`.

use course_kit::Transcript;
use course_kit::cli::{Command, Opt};

const COMMAND: Command = Command {
    name: "lesson-04-tasks",
    about: "Lesson 4: spawned tasks start eagerly; JoinHandle, panics, abort and JoinSet.",
    options: &[
        Opt {
            name: "bench",
            value: Some("N"),
            help: "Instead of the lesson: time N tasks that each sleep 100 ms (use --release)",
        },
        Opt {
            name: "bench-one",
            value: Some("'STRATEGY N'"),
            help: "One measurement of --bench, run in a child process",
        },
    ],
};

fn main() {
    let args = COMMAND.parse();
    if let Some(spec) = args.value("bench-one") {
        lesson_04_tasks::scale::measure_and_print(spec);
        return;
    }
    if let Some(n) = args.value("bench") {
        let Ok(n @ 1..) = n.parse::<usize>() else {
            course_kit::cli::exit_with_error(format!("--bench wants a number of tasks, got {n:?}"));
        };
        lesson_04_tasks::scale::run_benchmark(&Transcript::stdout(), n);
        return;
    }
    // Part 3 panics inside a task on purpose: report that in one line, not as a crash.
    course_kit::panic_report::report_in_one_line("on purpose, see Part 3");
    run();
}

/// One thread, like Python's event loop: a spawned task runs when the code that spawned
/// it reaches an `.await` that pauses, exactly as with `asyncio.create_task`.
#[tokio::main(flavor = "current_thread")]
async fn run() {
    lesson_04_tasks::run(&Transcript::stdout()).await;
}
