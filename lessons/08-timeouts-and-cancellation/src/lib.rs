//! # Lesson 8, the body: timeouts, `select!` and cancellation
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/08-timeouts-and-cancellation.md` (`just book`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use course_kit::Transcript;
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior, interval, sleep, timeout, timeout_at};

/// A job of `ms` milliseconds that says when it is done.
pub async fn job(ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    "done"
}

/// Part 1: `timeout` and `timeout_at`.
pub async fn timeouts(out: &Transcript) {
    out.heading("Part 1: timeout (asyncio.wait_for / asyncio.timeout)");
    // `timeout` polls the job until the time is up, then drops it: the job stops at its
    // pending `.await`, and the caller gets `Err(Elapsed)`.
    let slow = timeout(Duration::from_secs(1), job(3000)).await;
    out.say(format!("timeout(1 s, a 3 s job) = {slow:?}"));
    let quick = timeout(Duration::from_secs(1), job(500)).await;
    out.say(format!("timeout(1 s, a 0.5 s job) = {quick:?}"));

    // One deadline for several steps: each `timeout_at` gets only what is left of it.
    out.note("Three steps of 0.4 s each, all within one deadline 1 s away (timeout_at):");
    let deadline = Instant::now() + Duration::from_secs(1);
    for step in 1..=3 {
        match timeout_at(deadline, job(400)).await {
            Ok(_) => out.say(format!("step {step}: done")),
            Err(_) => out.say(format!(
                "step {step}: the deadline passed; the step was dropped"
            )),
        }
    }
}

/// A download from a mirror that counts its progress (ms of work done) as it goes, in
/// steps of `step_ms`.
pub async fn download(
    name: &'static str,
    total_ms: u32,
    step_ms: u32,
    progress: Arc<AtomicU32>,
) -> &'static str {
    for _ in 0..total_ms / step_ms {
        sleep(Duration::from_millis(step_ms.into())).await;
        progress.fetch_add(step_ms, Ordering::SeqCst);
    }
    name
}

/// What Part 2 measured.
#[derive(Debug, PartialEq, Eq)]
pub struct Race {
    /// The mirror that answered first.
    pub winner: &'static str,
    /// How far the other one got (ms of its 600) before it was dropped.
    pub loser_progress_ms: u32,
    /// Out of 1,000 races between two ready branches, how many the first won, with
    /// and without `biased;`.
    pub first_wins_biased: u32,
    /// The same without `biased;`.
    pub first_wins_random: u32,
}

/// Part 2: `select!` races two futures; the loser is dropped.
pub async fn racing(out: &Transcript) -> Race {
    out.heading("Part 2: select! (asyncio.wait FIRST_COMPLETED); the loser is dropped");
    let (a, b) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
    // Both downloads are polled together; the first to finish wins, and `select!` then
    // drops the other future right there, so its loop never takes another step.
    // (B's steps are 120 ms, so that none of its steps ends at the very moment A wins:
    // when several branches are ready together, select! picks one at random.)
    let winner = tokio::select! {
        name = download("mirror A", 300, 100, Arc::clone(&a)) => name,
        name = download("mirror B", 600, 120, Arc::clone(&b)) => name,
    };
    out.say(format!("select! returned {winner:?}"));
    // Wait long enough for B to have finished, had it gone on.
    sleep(Duration::from_secs(1)).await;
    let loser_progress_ms = b.load(Ordering::SeqCst);
    out.say(format!(
        "a second later, mirror B is still at {loser_progress_ms} ms of its 600: its future was dropped"
    ));

    // When several branches are ready at once, select! picks one at random (so that no
    // branch can starve the others); `biased;` checks them from the top instead.
    let (mut first_wins_biased, mut first_wins_random) = (0, 0);
    for _ in 0..1000 {
        first_wins_biased += tokio::select! {
            biased;
            _ = std::future::ready(()) => 1,
            _ = std::future::ready(()) => 0,
        };
        first_wins_random += tokio::select! {
            _ = std::future::ready(()) => 1,
            _ = std::future::ready(()) => 0,
        };
    }
    out.say(format!(
        "two ready branches, 1000 races: with biased; the first won {first_wins_biased}"
    ));
    let both = first_wins_random > 0 && first_wins_random < 1000;
    out.say(format!(
        "without biased; each branch won some races: {}",
        if both {
            "yes (the order is random)"
        } else {
            "NO"
        }
    ));
    Race {
        winner,
        loser_progress_ms,
        first_wins_biased,
        first_wins_random,
    }
}

/// Says so when it is dropped: the only code of a cancelled future that still runs.
pub struct Announce {
    out: Transcript,
    what: &'static str,
}

impl Drop for Announce {
    fn drop(&mut self) {
        self.out.say(format!("Drop of {}: runs", self.what));
    }
}

/// A piece of work that holds an `Announce` across a long wait.
pub async fn upload(out: Transcript, what: &'static str) {
    let _announce = Announce {
        out: out.clone(),
        what,
    };
    out.say(format!("{what}: started"));
    sleep(Duration::from_secs(5)).await; // <- a cancellation stops it here
    out.say(format!("{what}: finished")); // never printed when cancelled
}

/// Part 3: cancellation is dropping: nothing after the pending `.await` runs, `Drop` does.
pub async fn cancellation(out: &Transcript) {
    out.heading("Part 3: cancelling is dropping (task.cancel, CancelledError)");
    let result = timeout(Duration::from_secs(1), upload(out.clone(), "upload 1")).await;
    out.say(format!(
        "timeout(...) = {result:?}; \"upload 1: finished\" never comes"
    ));

    // A task is cancelled the same way: `abort` makes the runtime drop its future.
    let task = tokio::spawn(upload(out.clone(), "upload 2"));
    sleep(Duration::from_secs(1)).await;
    task.abort();
    let joined = task.await;
    out.say(format!(
        "handle.abort(); handle.await = Err(cancelled: {})",
        joined.is_err_and(|error| error.is_cancelled())
    ));
    out.paragraph(
        "Python raises CancelledError inside the coroutine, which may catch it and go on; \
         a dropped Rust future has no say: its code stops where it waited, and only Drop \
         runs (lesson 7 shows what Drop can and cannot do).",
    );
}

/// Part 4: `asyncio.shield` ↔ spawn the work you must not lose.
pub async fn shielding(out: &Transcript) {
    out.heading("Part 4: shield the work you must not lose (asyncio.shield ↔ spawn)");
    // The save runs as a task of its own. The caller's timeout only stops the *waiting*
    // (it drops `&mut handle`, a borrow), not the task.
    let mut save = tokio::spawn(async {
        sleep(Duration::from_secs(2)).await;
        "saved"
    });
    let waited = timeout(Duration::from_secs(1), &mut save).await;
    out.say(format!(
        "timeout(1 s, &mut handle) = {}: the caller stops waiting",
        if waited.is_err() {
            "Err(Elapsed)"
        } else {
            "Ok"
        }
    ));
    let saved = save.await;
    out.say(format!(
        "handle.await = {saved:?}: the task was never cancelled"
    ));
}

/// Reads one line from the chunks on `chunks`. **Not cancel safe**: the part of the line
/// read so far lives inside this future, and is lost if the future is dropped.
pub async fn read_line(chunks: &mut mpsc::Receiver<&'static str>) -> Option<String> {
    let mut line = String::new();
    loop {
        let chunk = chunks.recv().await?;
        line.push_str(chunk);
        if line.ends_with('\n') {
            return Some(line);
        }
    }
}

/// Reads lines like [`read_line`], but keeps the partial line in itself, so that a
/// dropped `next_line` future loses nothing: cancel safe.
pub struct LineReader {
    chunks: mpsc::Receiver<&'static str>,
    partial: String,
}

impl LineReader {
    /// Reads lines from `chunks`.
    pub fn new(chunks: mpsc::Receiver<&'static str>) -> Self {
        Self {
            chunks,
            partial: String::new(),
        }
    }

    /// The next whole line. Cancel safe: `recv` is, and what it returned is kept in
    /// `self` before the next `.await`.
    pub async fn next_line(&mut self) -> Option<String> {
        loop {
            let chunk = self.chunks.recv().await?;
            self.partial.push_str(chunk);
            if self.partial.ends_with('\n') {
                return Some(std::mem::take(&mut self.partial));
            }
        }
    }
}

/// Sends "hello\n" and "world\n" in two chunks each, 150 ms apart.
fn chunked_messages() -> mpsc::Receiver<&'static str> {
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        for chunk in ["hel", "lo\n", "wor", "ld\n"] {
            if sender.send(chunk).await.is_err() {
                return;
            }
            sleep(Duration::from_millis(150)).await;
        }
    });
    receiver
}

/// What Part 5 read, both ways.
#[derive(Debug, PartialEq, Eq)]
pub struct LinesRead {
    /// With a new `read_line` future every turn of the loop (not cancel safe).
    pub with_read_line: Vec<String>,
    /// With `LineReader::next_line` (cancel safe).
    pub with_line_reader: Vec<String>,
    /// With one `read_line` future per line, made before the loop and polled by `&mut`.
    pub with_one_future_per_line: Vec<String>,
}

/// Part 5: `select!` in a loop with a branch that is not cancel safe, then two fixes.
pub async fn cancel_safety(out: &Transcript) -> LinesRead {
    out.heading("Part 5: cancel safety: what select! in a loop can lose");
    out.note("Lines arrive in chunks 150 ms apart; a 100 ms tick races each read:");
    let mut chunks = chunked_messages();
    let mut ticks = interval(Duration::from_millis(100));
    let mut unsafe_lines = Vec::new();
    loop {
        tokio::select! {
            // A new `read_line` future every turn; when the tick wins, the future, and
            // the half line inside it, is dropped.
            line = read_line(&mut chunks) => match line {
                Some(line) => unsafe_lines.push(line),
                None => break,
            },
            _ = ticks.tick() => {}
        }
    }
    out.say(format!(
        "read_line, a new one each turn: {unsafe_lines:?}  (\"hel\" and \"wor\" were lost)"
    ));

    let mut reader = LineReader::new(chunked_messages());
    let mut ticks = interval(Duration::from_millis(100));
    let mut safe_lines = Vec::new();
    loop {
        tokio::select! {
            // Dropping this future loses nothing: the partial line is in `reader`.
            line = reader.next_line() => match line {
                Some(line) => safe_lines.push(line),
                None => break,
            },
            _ = ticks.tick() => {}
        }
    }
    out.say(format!(
        "LineReader::next_line:          {safe_lines:?}  (fix 1: the half line is kept in the reader)"
    ));

    let mut chunks = chunked_messages();
    let mut ticks = interval(Duration::from_millis(100));
    let mut kept_lines = Vec::new();
    'lines: loop {
        // Fix 2: the same `read_line` as above, but one future per *line*, made here,
        // before the inner loop. `pin!` fixes it in place so that `select!` can poll it
        // by `&mut`; when the tick wins, `select!` drops that borrow, not the future,
        // and the half line inside it waits for the next turn.
        let mut line = std::pin::pin!(read_line(&mut chunks));
        loop {
            tokio::select! {
                read = &mut line => match read {
                    Some(read) => {
                        kept_lines.push(read);
                        // The future is done: the next line needs a new one.
                        continue 'lines;
                    }
                    None => break 'lines,
                },
                _ = ticks.tick() => {}
            }
        }
    }
    out.say(format!(
        "one read_line polled by &mut:   {kept_lines:?}  (fix 2: the same future every turn)"
    ));
    LinesRead {
        with_read_line: unsafe_lines,
        with_line_reader: safe_lines,
        with_one_future_per_line: kept_lines,
    }
}

/// The times (since `start`) at which `times` ticks of a 100 ms `interval` came, with a
/// 350 ms stall after the first tick.
async fn ticks_after_a_stall(behavior: MissedTickBehavior) -> Vec<Duration> {
    let start = Instant::now();
    let mut ticks = interval(Duration::from_millis(100));
    ticks.set_missed_tick_behavior(behavior);
    let mut times = Vec::new();
    for tick in 0..5 {
        ticks.tick().await;
        times.push(start.elapsed());
        if tick == 0 {
            sleep(Duration::from_millis(350)).await; // busy elsewhere: ticks are missed
        }
    }
    times
}

fn stamps(times: &[Duration]) -> String {
    times
        .iter()
        .map(|time| format!("{:.2}", time.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Part 6: a sleep loop drifts; `interval` keeps the beat, and says what to do with
/// missed ticks.
pub async fn periodic(out: &Transcript) {
    out.heading("Part 6: a periodic tick: sleep loop vs interval");
    // 30 ms of work, then a 100 ms sleep: each round takes 130 ms, and the drift adds up.
    let start = Instant::now();
    let mut times = Vec::new();
    for _ in 0..4 {
        sleep(Duration::from_millis(30)).await; // the work
        times.push(start.elapsed());
        sleep(Duration::from_millis(100)).await;
    }
    out.say(format!(
        "sleep(100 ms) after 30 ms of work, work done at: {}",
        stamps(&times)
    ));
    // `interval` measures from its own schedule, so the work fits inside the period.
    let start = Instant::now();
    let mut ticks = interval(Duration::from_millis(100));
    let mut times = Vec::new();
    for _ in 0..4 {
        ticks.tick().await; // the first tick is at once
        sleep(Duration::from_millis(30)).await; // the work
        times.push(start.elapsed());
    }
    out.say(format!(
        "interval(100 ms), work done at:                {}",
        stamps(&times)
    ));

    out.note("After a 350 ms stall, the missed ticks (ticks at, in seconds; a real run may");
    out.note("show a tick a few ms late, 0.41 for 0.40, but the beat itself does not move):");
    for (name, behavior) in [
        (
            "Burst (the default): catch up at once",
            MissedTickBehavior::Burst,
        ),
        (
            "Delay: start the beat again from now  ",
            MissedTickBehavior::Delay,
        ),
        (
            "Skip: wait for the next on the beat   ",
            MissedTickBehavior::Skip,
        ),
    ] {
        let times = ticks_after_a_stall(behavior).await;
        out.say(format!("{name} {}", stamps(&times)));
    }
}

/// What Part 7 saw.
#[derive(Debug, PartialEq, Eq)]
pub struct Branches {
    /// What the loop took, in order: `price 1`, `news a`, ...
    pub taken: Vec<String>,
    /// When `else` ended the loop, from the part's start.
    pub ended_at: Duration,
    /// The panic of the same `select!` with no `else`, on closed queues.
    pub without_else: String,
}

/// A queue that receives `items` one every `every`, then closes (its sender is dropped).
fn feed(items: &'static [&'static str], every: Duration) -> mpsc::Receiver<&'static str> {
    let (sender, receiver) = mpsc::channel(items.len().max(1));
    tokio::spawn(async move {
        for &item in items {
            sleep(every).await;
            if sender.send(item).await.is_err() {
                return;
            }
        }
        // `sender` is dropped here: `recv()` gives `None` once the queue is empty.
    });
    receiver
}

/// Part 7: the three ways a `select!` branch is switched off, and what happens when all
/// of them are.
pub async fn select_branches(out: &Transcript) -> Branches {
    out.heading("Part 7: select! in a loop: patterns, `, if` and `else`");
    out.note("Prices 1, 2, 3 arrive every 100 ms, news a, b every 150 ms; then both queues");
    out.note("close. The loop takes at most 2 prices:");
    let start = Instant::now();
    let mut prices = feed(&["1", "2", "3"], Duration::from_millis(100));
    let mut news = feed(&["a", "b"], Duration::from_millis(150));
    let mut prices_wanted = 2;
    let mut taken = Vec::new();
    loop {
        tokio::select! {
            // `, if`: checked first, each turn; when false this branch is off for the
            // turn (its `recv()` future is made, but never polled).
            // The pattern `Some(..)`: a closed, empty queue gives `None`, which does not
            // match, so the branch is off for the rest of this turn, not the loop's end.
            Some(price) = prices.recv(), if prices_wanted > 0 => {
                prices_wanted -= 1;
                out.say(format!("price {price}"));
                taken.push(format!("price {price}"));
            }
            Some(item) = news.recv() => {
                out.say(format!("news {item}"));
                taken.push(format!("news {item}"));
            }
            // Runs when every branch is off: no prices wanted, no news left.
            else => break,
        }
    }
    let ended_at = start.elapsed();
    out.say("else: every branch was off, so the loop ended (price 3 was never taken)");

    // The same select! with no `else`, on two closed queues: tokio panics. Run in a task
    // of its own, so the panic ends that task only and comes back as a JoinError.
    let without_else = tokio::spawn(async {
        let (_, mut closed_a) = mpsc::channel::<u32>(1);
        let (_, mut closed_b) = mpsc::channel::<u32>(1);
        tokio::select! {
            Some(a) = closed_a.recv() => a,
            Some(b) = closed_b.recv() => b,
        }
    })
    .await;
    let without_else = match without_else {
        Err(error) if error.is_panic() => course_kit::panic_report::message(&*error.into_panic()),
        Err(error) => format!("(not a panic: {error})"),
        Ok(value) => format!("(no panic: it returned {value})"),
    };
    out.say(format!(
        "the same with no else, both queues closed: panic: {without_else}"
    ));
    Branches {
        taken,
        ended_at,
        without_else,
    }
}

/// The whole lesson.
pub async fn run(out: &Transcript) {
    out.note("Lesson 8: Timeouts, select! and cancellation");
    out.note("(Start with the plain version, just plain-8; this is the same idea, measured.)");
    timeouts(out).await;
    racing(out).await;
    cancellation(out).await;
    shielding(out).await;
    cancel_safety(out).await;
    periodic(out).await;
    select_branches(out).await;
}
