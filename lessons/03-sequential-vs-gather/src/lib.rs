//! # Lesson 3, the body: sequential await vs gather
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/03-sequential-vs-gather.md` (`just book`).

use std::cell::RefCell;
use std::time::Duration;

use course_kit::clock::{self, seconds};
use course_kit::{Timeline, Transcript};
use futures::future::join_all;
use tokio::time::{Instant, sleep};

/// How long each greeting waits, as in the Python tutorial.
pub const GREETING_DELAY: Duration = Duration::from_secs(2);

/// Who gets greeted, in order.
pub const NAMES: [&str; 3] = ["Alice", "Bob", "Charlie"];

/// How long `fetch_number` waits, as in the Python tutorial.
pub const FETCH_DELAY: Duration = Duration::from_secs(1);

/// The Python tutorial's `greet_after_delay(name)`.
pub async fn greet_after_delay(out: &Transcript, name: &str) {
    out.say(format!("Starting {name}..."));
    // Pauses this greeting (not the thread) for two seconds. Whether anything else runs
    // meanwhile depends on whether anything else was handed to the runtime: that is the
    // whole difference between Part 1 and Part 2.
    sleep(GREETING_DELAY).await;
    out.say(format!("Hello, {name}!"));
}

/// Part 1: three `.await`s in a row. Returns the total time.
pub async fn sequential(out: &Transcript) -> Duration {
    out.heading("Part 1: one .await after another");
    // `time.perf_counter()` ↔ `Instant::now()` (tokio's, so a paused test clock is exact).
    let start = Instant::now();
    let timeline = Timeline::new();
    // Each line waits for its greeting to finish completely before the next line even
    // creates the next greeting. Three times two seconds.
    timeline
        .record("Alice", greet_after_delay(out, "Alice"))
        .await;
    timeline.record("Bob", greet_after_delay(out, "Bob")).await;
    timeline
        .record("Charlie", greet_after_delay(out, "Charlie"))
        .await;
    finish_part(out, start.elapsed(), &timeline)
}

/// Part 2: `tokio::join!`, Rust's `asyncio.gather` for a fixed number of futures.
pub async fn with_join_macro(out: &Transcript) -> Duration {
    out.heading("Part 2: tokio::join! (asyncio.gather)");
    let start = Instant::now();
    let timeline = Timeline::new();
    // The three calls only *create* three futures (nothing runs yet: futures are lazy).
    // `join!` polls them all in turn: each prints "Starting...", reaches its sleep and
    // returns Pending; when a timer fires, `join!` polls again, and so on until all three
    // are done. It evaluates to a tuple of their outputs, here `((), (), ())`.
    // One difference from Python you may see in the output: each time `join!` is polled
    // it starts with the *next* branch (Alice, then Bob, ...), so that no branch can
    // always go first and starve the others. When all three timers fire together, the
    // second round starts at Bob, and "Hello, Bob!" comes first.
    tokio::join!(
        timeline.record("Alice", greet_after_delay(out, "Alice")),
        timeline.record("Bob", greet_after_delay(out, "Bob")),
        timeline.record("Charlie", greet_after_delay(out, "Charlie")),
    );
    finish_part(out, start.elapsed(), &timeline)
}

/// Part 3: `futures::future::join_all`, for a list of futures whose length is only known
/// at run time (`asyncio.gather(*coros)`).
pub async fn with_join_all(out: &Transcript) -> Duration {
    out.heading("Part 3: futures::future::join_all (asyncio.gather(*coros))");
    let start = Instant::now();
    let timeline = Timeline::new();
    // Build the list: an iterator of (lazy) futures, one per name.
    let greetings = NAMES
        .iter()
        .map(|name| timeline.record(*name, greet_after_delay(out, name)));
    // One `.await` for all of them, concurrently, on this one task.
    join_all(greetings).await;
    finish_part(out, start.elapsed(), &timeline)
}

/// Prints the part's total and its chart; returns the total.
fn finish_part(out: &Transcript, elapsed: Duration, timeline: &Timeline) -> Duration {
    out.say(clock::total_time(elapsed));
    timeline.print(out);
    elapsed
}

/// The Python tutorial's `fetch_number(n)`: waits a second, returns `n * 10`.
pub async fn fetch_number(n: u32) -> u32 {
    sleep(FETCH_DELAY).await;
    n * 10
}

/// `fetch_number`, with a wait of our choosing, noting when it finishes.
pub async fn fetch_number_after(
    out: &Transcript,
    n: u32,
    delay: Duration,
    finished: &RefCell<Vec<u32>>,
) -> u32 {
    sleep(delay).await;
    out.say(format!("fetch_number({n}) finished"));
    // A `RefCell` is enough: `join_all` runs all three on this one task and thread, and
    // the borrow ends before the next `.await`.
    finished.borrow_mut().push(n);
    n * 10
}

/// What Part 4 saw.
#[derive(Debug, PartialEq, Eq)]
pub struct Ordered {
    /// Three `fetch_number`s of one second each, joined.
    pub results: Vec<u32>,
    /// Three that finish in the opposite order, joined.
    pub reordered: Vec<u32>,
    /// The order those three finished in.
    pub finish_order: Vec<u32>,
}

/// Part 4: results come back in the order the futures were given.
pub async fn results_keep_their_order(out: &Transcript) -> Ordered {
    out.heading("Part 4: results come back in the order given");
    // As in the Python tutorial: three futures that each take one second.
    out.note("Three fetch_number(n) calls of one second each, joined:");
    let results = join_all([fetch_number(1), fetch_number(2), fetch_number(3)]).await;
    out.say(format!(
        "join_all([fetch_number(1), fetch_number(2), fetch_number(3)]) = {results:?}"
    ));
    out.note("Now number 1 waits longest and number 3 shortest:");

    // Now make them finish in the opposite order: 1 waits longest, 3 shortest.
    let timeline = Timeline::new();
    let finished = RefCell::new(Vec::new());
    let delays = [(1, 1500), (2, 1000), (3, 500)];
    let futures = delays.map(|(n, millis)| {
        let wait = Duration::from_millis(millis);
        timeline.record(
            format!("fetch_number({n})"),
            fetch_number_after(out, n, wait, &finished),
        )
    });
    let reordered = join_all(futures).await;
    let finish_order = finished.into_inner();
    out.say(format!("finished in the order: {finish_order:?}"));
    out.say(format!("join_all returned:     {reordered:?}"));
    timeline.print(out);
    Ordered {
        results,
        reordered,
        finish_order,
    }
}

/// What [`run`] measured.
#[derive(Debug, PartialEq, Eq)]
pub struct Totals {
    /// Part 1, three awaits in a row.
    pub sequential: Duration,
    /// Part 2, `join!`.
    pub join_macro: Duration,
    /// Part 3, `join_all`.
    pub join_all: Duration,
}

/// The whole lesson.
pub async fn run(out: &Transcript) -> Totals {
    out.note("Lesson 3: sequential await vs gather");
    out.note("(Start with the plain version, just plain-3; this is the same idea, measured.)");
    out.note("(Stamps count from the lesson's start and run on; each chart starts at 0.)");
    let totals = Totals {
        sequential: sequential(out).await,
        join_macro: with_join_macro(out).await,
        join_all: with_join_all(out).await,
    };
    results_keep_their_order(out).await;
    out.heading("Summary");
    out.paragraph(format!(
        "sequential: {}s, join!: {}s, join_all: {}s; sequential took {:.1} times as long.",
        seconds(totals.sequential),
        seconds(totals.join_macro),
        seconds(totals.join_all),
        totals.sequential.as_secs_f64() / totals.join_macro.as_secs_f64().max(f64::EPSILON)
    ));
    totals
}
