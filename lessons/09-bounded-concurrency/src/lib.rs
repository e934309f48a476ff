//! # Lesson 9, the body: bounded concurrency, streams and partial failure
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/09-bounded-concurrency.md` (`just book`).
//!
//! The chapter's code examples, compiled (or refused) by rustdoc as the chapter shows them:
#![doc = include_str!("../snippets/fetch-moved-refused.md")]
#![doc = include_str!("../snippets/fetch-borrowed-compiles.md")]

pub mod backend;

use std::sync::Arc;
use std::time::Duration;

use course_kit::Transcript;
use course_kit::clock::seconds;
use course_kit::failure::Failure;
use course_kit::http_server::CourseServer;
use course_kit::timeline::Timeline;
use futures::StreamExt;
use futures::stream::{self, FuturesUnordered};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout_at};

pub use backend::{Backend, Body, RequestError};

/// How many requests Parts 1 and 2 allow at once.
pub const LIMIT: usize = 2;

/// What Part 1 measured, for one way of holding the permit.
#[derive(Debug, PartialEq, Eq)]
pub struct Limited {
    /// When each request got its permit, from the start of the run.
    pub permits_at: Vec<Duration>,
    /// How long all six took.
    pub took: Duration,
    /// The most requests the server was answering at once.
    pub most_in_flight: usize,
}

/// Six requests of 0.3 s, each a task that first takes a permit from a `Semaphore`
/// with [`LIMIT`] permits. With `keep_permit`, the task holds the permit in a variable
/// until its request is done; without, it writes `let _ = ...` and the permit is gone
/// at once (the pitfall).
pub async fn six_requests_with_a_semaphore(backend: &Backend, keep_permit: bool) -> Limited {
    backend.reset_most_in_flight();
    let semaphore = Arc::new(Semaphore::new(LIMIT));
    let start = Instant::now();
    // When each task got its permit; a std Mutex, held only for a push (lesson 10).
    let permits_at = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut tasks = JoinSet::new();
    for _ in 0..6 {
        // Each task gets its own `Arc` of the semaphore (hence the clone). It takes its
        // permit inside, so `semaphore.acquire()` would do here too: that permit
        // borrows the semaphore, and the task owns what it borrows from. The owned
        // permit `acquire_owned` gives is needed when it is taken *before* the spawn
        // and moved in, as plain-09 does; that way also bounds how many tasks exist at
        // once (10,000 URLs, LIMIT tasks), where this loop spawns every task at once.
        let semaphore = Arc::clone(&semaphore);
        let (backend, permits_at) = (backend.clone(), Arc::clone(&permits_at));
        // Each task waits at `acquire_owned` while LIMIT permits are out, like
        // `async with sem:`. It fails only if the semaphore was closed, which this one
        // never is. The two versions differ in one line.
        if keep_permit {
            tasks.spawn(async move {
                // A variable: the permit lives to the end of the task, after the request.
                let _permit = semaphore.acquire_owned().await;
                note_time(&permits_at, start.elapsed());
                backend.get("/delay/300").await
            });
        } else {
            tasks.spawn(async move {
                // The pitfall: `_` binds nothing, so the permit `acquire_owned` returned
                // is dropped at the end of this statement, before the request starts.
                let _ = semaphore.acquire_owned().await;
                note_time(&permits_at, start.elapsed());
                backend.get("/delay/300").await
            });
        }
    }
    // Waits for every task (a JoinSet is a set of handles); the outcomes are not the
    // point here, so they are only drained.
    while tasks.join_next().await.is_some() {}
    let mut permits_at = std::mem::take(
        &mut *permits_at
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    permits_at.sort();
    Limited {
        permits_at,
        took: start.elapsed(),
        most_in_flight: backend.most_in_flight(),
    }
}

fn note_time(times: &std::sync::Mutex<Vec<Duration>>, at: Duration) {
    times
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(at);
}

/// Part 1: `asyncio.Semaphore` ↔ `tokio::sync::Semaphore`.
pub async fn semaphore(out: &Transcript, backend: &Backend) -> [Limited; 2] {
    out.heading("Part 1: a limit on requests at once (asyncio.Semaphore ↔ Semaphore)");
    out.note(format!(
        "Six tasks, each a request of 0.3 s; each first takes a permit of Semaphore::new({LIMIT})."
    ));
    out.note("Kept in a variable, `let _permit = sem.acquire_owned().await`:");
    let kept = six_requests_with_a_semaphore(backend, true).await;
    report_limited(out, &kept);
    out.note("Not kept, `let _ = sem.acquire_owned().await`:");
    let dropped = six_requests_with_a_semaphore(backend, false).await;
    report_limited(out, &dropped);
    out.note("`_permit` is a variable: the permit lives to the end of the task. `_` binds");
    out.note("nothing: the permit is dropped at the end of the statement, and the limit");
    out.note("does nothing. (A permit taken in the loop, before the spawn, works too.)");
    [kept, dropped]
}

fn report_limited(out: &Transcript, limited: &Limited) {
    let at: Vec<String> = limited.permits_at.iter().map(|at| seconds(*at)).collect();
    out.say(format!(
        "permits taken at {}; all done in {} s; the server saw at most {} at once",
        at.join(" "),
        seconds(limited.took),
        limited.most_in_flight
    ));
}

/// One request of Parts 2 and 3: a name, and how long the server takes.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    /// The job's name in the transcript.
    pub name: &'static str,
    /// The server's delay, in milliseconds.
    pub ms: u64,
}

/// The jobs of Part 2: the slowest first, so order and finish time differ.
pub const JOBS: [Job; 4] = [
    Job { name: "a", ms: 500 },
    Job { name: "b", ms: 100 },
    Job { name: "c", ms: 300 },
    Job { name: "d", ms: 200 },
];

/// Requests `job` and gives back its name with the outcome.
async fn fetch(backend: &Backend, job: Job) -> (&'static str, Result<String, RequestError>) {
    (job.name, backend.get(&format!("/delay/{}", job.ms)).await)
}

/// What Part 2 measured, for one of the two combinators.
#[derive(Debug, PartialEq, Eq)]
pub struct Arrivals {
    /// Job names in the order the stream gave their results.
    pub order: Vec<&'static str>,
    /// When all four were done.
    pub took: Duration,
    /// The most requests the server was answering at once.
    pub most_in_flight: usize,
}

/// Runs [`JOBS`], at most [`LIMIT`] at once, with `buffer_unordered` if `unordered`,
/// else `buffered`, and says when each result arrived.
pub async fn arrivals(out: &Transcript, backend: &Backend, unordered: bool) -> Arrivals {
    backend.reset_most_in_flight();
    let start = Instant::now();
    // A stream of futures that have not started (futures are lazy, lesson 1);
    // `buffered` starts up to LIMIT of them and yields results in the order given,
    // `buffer_unordered` yields each as soon as it is done. (`boxed_local` gives the
    // two different stream types one type, so one variable can hold either.)
    // Each request is a row of the timeline: from its first poll to its answer, which
    // is not when the stream hands its result on.
    let timeline = Timeline::new();
    let jobs = stream::iter(JOBS).map(|job| timeline.record(job.name, fetch(backend, job)));
    let (name, mut results) = if unordered {
        (
            "buffer_unordered(2)",
            jobs.buffer_unordered(LIMIT).boxed_local(),
        )
    } else {
        ("buffered(2)        ", jobs.buffered(LIMIT).boxed_local())
    };
    let mut order = Vec::new();
    let mut at = Vec::new();
    // `next()` waits for the stream's next result (StreamExt, like `async for`).
    while let Some((job, _outcome)) = results.next().await {
        order.push(job);
        at.push(format!("{job} {}", seconds(start.elapsed())));
    }
    let arrived = Arrivals {
        order,
        took: start.elapsed(),
        most_in_flight: backend.most_in_flight(),
    };
    out.say(format!(
        "{name}: {}; done in {} s, at most {} at once",
        at.join(", "),
        seconds(arrived.took),
        arrived.most_in_flight
    ));
    timeline.print(out);
    arrived
}

/// Part 2: `buffered` keeps the order; `buffer_unordered` gives results as they come.
pub async fn buffered_and_unordered(out: &Transcript, backend: &Backend) -> [Arrivals; 2] {
    out.heading("Part 2: buffered (order kept) vs buffer_unordered (as they finish)");
    out.note(format!(
        "Jobs a 0.5 s, b 0.1 s, c 0.3 s, d 0.2 s, at most {LIMIT} at once (times are arrivals):"
    ));
    let in_order = arrivals(out, backend, false).await;
    let as_done = arrivals(out, backend, true).await;
    out.note("buffered gave b only after a, and took longer: a finished result that waits");
    out.note("for its turn still holds one of the 2 places (futures-util's FuturesOrdered");
    out.note("counts it), so from 0.1 s to 0.5 s only a was running, and c and d waited.");
    [in_order, as_done]
}

/// Part 3: `asyncio.as_completed` ↔ `FuturesUnordered` and `JoinSet::join_next`.
pub async fn as_completed(out: &Transcript, backend: &Backend) -> Vec<&'static str> {
    out.heading("Part 3: results as they finish (asyncio.as_completed)");
    let jobs = [JOBS[2], JOBS[1], JOBS[3]];
    out.note("Jobs c 0.3 s, b 0.1 s, d 0.2 s, all at once, in a FuturesUnordered (one");
    out.note("collection of futures, all polled by this task; no spawn):");
    let start = Instant::now();
    // All three futures live in one collection, polled by this task; `next()` gives
    // whichever finishes first (like iterating asyncio.as_completed).
    let mut running: FuturesUnordered<_> = jobs.iter().map(|job| fetch(backend, *job)).collect();
    let mut finish_order = Vec::new();
    while let Some((job, _outcome)) = running.next().await {
        out.say(format!("{job} done after {} s", seconds(start.elapsed())));
        finish_order.push(job);
    }
    out.note("The same with spawned tasks, JoinSet::join_next():");
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for job in jobs {
        let backend = backend.clone();
        // Each request is its own task now: it runs even while we are not awaiting
        // (asyncio.create_task); join_next hands back whichever task ends first.
        tasks.spawn(async move { fetch(&backend, job).await });
    }
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((job, _outcome)) => {
                out.say(format!("{job} done after {} s", seconds(start.elapsed())))
            }
            Err(problem) => out.say(format!("a task failed: {problem}")),
        }
    }
    finish_order
}

/// One request of Part 4, which says in the transcript when it finishes.
async fn tracked(
    out: &Transcript,
    backend: &Backend,
    start: Instant,
    job: Job,
) -> Result<&'static str, RequestError> {
    let path = if job.name == "b" {
        // b fails: its server answers 500 after 0.1 s.
        format!("/delay/{}/500", job.ms)
    } else {
        format!("/delay/{}", job.ms)
    };
    let outcome = backend.get(&path).await;
    let said = match &outcome {
        Ok(_) => "ok".to_owned(),
        Err(problem) => problem.to_string(),
    };
    out.say(format!(
        "  {} finished after {} s: {said}",
        job.name,
        seconds(start.elapsed())
    ));
    outcome.map(|_| job.name)
}

/// The jobs of Part 4: b fails after 0.1 s; a, c and d succeed later.
pub const PART_4_JOBS: [Job; 4] = [
    Job { name: "a", ms: 300 },
    Job { name: "b", ms: 100 },
    Job { name: "c", ms: 200 },
    Job { name: "d", ms: 400 },
];

/// Part 4: partial failure, three ways.
pub async fn partial_failure(out: &Transcript, backend: &Backend) {
    out.heading("Part 4: some requests fail (gather, return_exceptions, try_join_all)");
    out.note("Jobs a 0.3 s, b fails with HTTP 500 after 0.1 s, c 0.2 s, d 0.4 s.");

    out.note("join_all over Results (gather(..., return_exceptions=True)):");
    let start = Instant::now();
    // join_all polls all four to the end; each outcome is a value, errors included.
    let outcomes =
        futures::future::join_all(PART_4_JOBS.map(|job| tracked(out, backend, start, job))).await;
    out.say(format!("join_all returned {outcomes:?}"));

    out.note("try_join_all over the futures (the first Err drops the rest):");
    let start = Instant::now();
    // try_join_all returns at the first Err, and dropping it drops the three futures
    // still running: their requests stop where they were (cancelling is dropping,
    // lesson 8), so none of them ever says it finished.
    let first_error =
        futures::future::try_join_all(PART_4_JOBS.map(|job| tracked(out, backend, start, job)))
            .await;
    out.say(format!("try_join_all returned {first_error:?}"));
    // Long enough for all of them to have finished, had they gone on.
    sleep(Duration::from_millis(500)).await;
    out.say("0.5 s later: no other job finished; they were dropped");

    out.note("Spawned tasks, then try_join_all over their handles (like gather without");
    out.note("return_exceptions: the first error comes back, the other tasks run on):");
    let start = Instant::now();
    let handles = PART_4_JOBS.map(|job| {
        let (out, backend) = (out.clone(), backend.clone());
        // Tasks run on their own: dropping a JoinHandle does not stop its task.
        tokio::spawn(async move { tracked(&out, &backend, start, job).await })
    });
    // A JoinHandle gives Result<task's output, JoinError>: `?` turns a JoinError into a
    // RequestError, and the task's own Result is then the block's value.
    let first_error =
        futures::future::try_join_all(handles.map(|handle| async move { handle.await? })).await;
    out.say(format!("try_join_all returned {first_error:?}"));
    sleep(Duration::from_millis(500)).await;
    out.note("The others ran on and finished, as they would after gather's exception.");
}

/// Part 5: `async for` ↔ a `Stream`: pages one by one, a body chunk by chunk.
pub async fn streams(out: &Transcript, backend: &Backend) -> usize {
    out.heading("Part 5: async for ↔ Stream: pages, then a body chunk by chunk");
    out.note("Three pages of 0.2 s each, from stream::unfold; the loop works 0.3 s on each:");
    // An async generator, Rust style: `unfold` keeps a state (the page number) and a
    // closure that returns a future (an `async move` block) making the next item, or
    // `None` to end. Like a Python async
    // generator it is lazy: a page is requested only when the loop asks for it.
    let pages = stream::unfold(1, |page| async move {
        if page > 3 {
            return None;
        }
        let outcome = backend.get("/delay/200").await;
        Some(((page, outcome), page + 1))
    });
    // A stream built from an `async` block must stay in one place in memory while it
    // is polled; `pin!` does that on the stack (`boxed()` would do it on the heap).
    let mut pages = std::pin::pin!(pages);
    let start = Instant::now();
    while let Some((page, outcome)) = pages.next().await {
        let how = if outcome.is_ok() { "ok" } else { "failed" };
        out.say(format!(
            "page {page} arrived after {} s ({how})",
            seconds(start.elapsed())
        ));
        sleep(Duration::from_millis(300)).await;
    }
    out.note("Each page was asked for only when the loop came back for it: 0.5 s apart.");

    out.note("A body sent in ten chunks 0.05 s apart, read as it arrives:");
    let body = match backend.open("/slow/50").await {
        Ok(body) => body,
        Err(problem) => {
            out.say(format!("the request failed: {problem}"));
            return 0;
        }
    };
    // The same shape for a body: the state is the response, each step one `chunk()`.
    // `try_unfold` ends the stream at `Ok(None)` and gives an `Err` as an item.
    let chunks = stream::try_unfold(body, |mut body| async move {
        Ok::<_, RequestError>(body.chunk().await?.map(|chunk| (chunk, body)))
    });
    let mut chunks = std::pin::pin!(chunks);
    let (mut total, mut count) = (0, 0);
    let mut seen = Vec::new();
    while let Some(chunk) = chunks.next().await {
        match chunk {
            Ok(bytes) => {
                count += 1;
                total += bytes.len();
                seen.push(total.to_string());
            }
            Err(problem) => {
                out.say(format!("the body broke off: {problem}"));
                break;
            }
        }
        if count % 5 == 0 {
            out.say(format!(
                "running total after each chunk: {} bytes",
                seen.join(" ")
            ));
            seen.clear();
        }
    }
    out.say(format!("{count} chunks, {total} bytes"));
    total
}

/// A small random-number generator (xorshift), seeded, so the transcript is the same
/// on every run. A real program would use the `rand` or `fastrand` crate.
#[derive(Debug)]
pub struct Jitter(u64);

impl Jitter {
    /// A generator that always gives the same sequence for the same `seed`.
    pub fn seeded(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// A duration picked at random between half of `wait` and all of it ("equal
    /// jitter"), rounded to 10 ms: clients that failed together do not retry together.
    pub fn pick(&mut self, wait: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let half = wait.as_millis() as u64 / 2;
        let extra = if half == 0 { 0 } else { self.0 % (half + 1) };
        Duration::from_millis((half + extra) / 10 * 10)
    }
}

/// How [`get_with_retries`] retries.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    /// The wait after the first failure, before jitter; it doubles after each.
    pub first_wait: Duration,
    /// The most attempts, the first one included.
    pub attempts: u32,
}

/// GETs `path`, retrying a failure worth retrying after a growing, jittered wait.
/// Each attempt is written to `out`. Give it a total deadline with `timeout_at`.
pub async fn get_with_retries(
    out: &Transcript,
    backend: &Backend,
    path: &str,
    backoff: Backoff,
    jitter: &mut Jitter,
) -> Result<String, RequestError> {
    let start = Instant::now();
    let mut wait = backoff.first_wait;
    let mut attempt = 1;
    loop {
        match backend.get(path).await {
            Ok(body) => {
                out.say(format!(
                    "  attempt {attempt} at {} s: ok",
                    seconds(start.elapsed())
                ));
                return Ok(body);
            }
            Err(problem) if problem.is_worth_retrying() && attempt < backoff.attempts => {
                let pause = jitter.pick(wait);
                out.say(format!(
                    "  attempt {attempt} at {} s: {problem}; next in {} s",
                    seconds(start.elapsed()),
                    seconds(pause)
                ));
                // A plain sleep. Under a `timeout_at`, the deadline can drop the whole
                // retry loop at any `.await`: in this sleep, or in a request.
                sleep(pause).await;
                wait *= 2;
                attempt += 1;
            }
            Err(problem) => {
                out.say(format!(
                    "  attempt {attempt} at {} s: {problem}; giving up",
                    seconds(start.elapsed())
                ));
                return Err(problem);
            }
        }
    }
}

/// Part 6: retries with exponential backoff and jitter, within a total deadline.
pub async fn retries(out: &Transcript, backend: &Backend) -> [bool; 2] {
    out.heading("Part 6: retries with backoff and jitter, within a deadline");
    let backoff = Backoff {
        first_wait: Duration::from_millis(100),
        attempts: 8,
    };
    let mut jitter = Jitter::seeded(2026);
    out.note("Waits start at 0.1 s and double; each is picked at random between half of it");
    out.note("and all of it (jitter), so clients that failed together do not retry together.");
    out.note("A server that fails 3 times (HTTP 503), a deadline of 2 s:");
    let deadline = Instant::now() + Duration::from_secs(2);
    // timeout_at drops the whole retry loop (requests and sleeps) at the deadline.
    let first = timeout_at(
        deadline,
        get_with_retries(out, backend, "/flaky/3/part6-a", backoff, &mut jitter),
    )
    .await;
    out.say(match &first {
        Ok(Ok(_)) => "got it, within the deadline".to_owned(),
        Ok(Err(problem)) => format!("gave up: {problem}"),
        Err(_) => "the deadline passed".to_owned(),
    });
    out.note("A server that fails 20 times, the same backoff, a deadline of 1 s:");
    let deadline = Instant::now() + Duration::from_secs(1);
    let second = timeout_at(
        deadline,
        get_with_retries(out, backend, "/flaky/20/part6-b", backoff, &mut jitter),
    )
    .await;
    out.say(match &second {
        Ok(Ok(_)) => "got it, within the deadline".to_owned(),
        Ok(Err(problem)) => format!("gave up: {problem}"),
        Err(_) => "the deadline passed: the retry loop was dropped where it waited".to_owned(),
    });
    [matches!(first, Ok(Ok(_))), matches!(second, Ok(Ok(_)))]
}

/// How one request of a batch stood at the batch's deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchOutcome {
    /// It finished with its body.
    Done(String),
    /// It finished with an error.
    Failed(String),
    /// It was still running at the deadline (and was dropped).
    Unfinished,
}

/// The jobs of Part 7: b fails after 0.1 s; d and e need longer than the batch's 1 s.
pub const BATCH_JOBS: [Job; 5] = [
    Job { name: "a", ms: 300 },
    Job { name: "b", ms: 100 },
    Job { name: "c", ms: 200 },
    Job {
        name: "d",
        ms: 1500,
    },
    Job {
        name: "e",
        ms: 2500,
    },
];

/// The time Part 7 gives the whole batch.
pub const BATCH_DEADLINE: Duration = Duration::from_secs(1);

/// What Part 7 measured.
#[derive(Debug, PartialEq, Eq)]
pub struct Batch {
    /// How many results `timeout(.., join_all(..))` kept: none, however many finished.
    pub kept_by_timeout_around_all: usize,
    /// Each job's outcome, in the order asked, with the deadline on each `next()`.
    pub outcomes: Vec<(&'static str, BatchOutcome)>,
    /// When the second way returned, from its start.
    pub took: Duration,
}

/// One request of Part 7 (b's server answers 500).
async fn batch_fetch(backend: &Backend, job: Job) -> (&'static str, Result<String, RequestError>) {
    let path = if job.name == "b" {
        format!("/delay/{}/500", job.ms)
    } else {
        format!("/delay/{}", job.ms)
    };
    (job.name, backend.get(&path).await)
}

/// Part 7: one deadline for a whole batch that keeps what finished by then
/// (`asyncio.wait(tasks, timeout=1)`), against the shape that loses it all.
pub async fn batch_with_deadline(out: &Transcript, backend: &Backend) -> Batch {
    out.heading("Part 7: one deadline for a batch, keeping what finished (asyncio.wait)");
    out.note("Jobs a 0.3 s, b fails with HTTP 500 after 0.1 s, c 0.2 s, d 1.5 s, e 2.5 s;");
    out.note(format!("the batch has {} s.", seconds(BATCH_DEADLINE)));

    // The tempting shape: one timeout around the whole join_all. At the deadline the
    // timeout drops join_all, and with it the results it was holding: a, b and c had
    // finished, but they lived inside the future that was dropped.
    let all = tokio::time::timeout(
        BATCH_DEADLINE,
        futures::future::join_all(BATCH_JOBS.map(|job| batch_fetch(backend, job))),
    )
    .await;
    let kept_by_timeout_around_all = all.as_ref().map_or(0, Vec::len);
    out.say(format!(
        "timeout(1 s, join_all(..)): {}: {kept_by_timeout_around_all} results kept",
        if all.is_err() { "Err(Elapsed)" } else { "Ok" }
    ));

    out.note("The deadline on each next() of a FuturesUnordered instead:");
    let start = Instant::now();
    let deadline = start + BATCH_DEADLINE;
    let mut outcomes: Vec<(&'static str, BatchOutcome)> = BATCH_JOBS
        .iter()
        .map(|job| (job.name, BatchOutcome::Unfinished))
        .collect();
    let mut running: FuturesUnordered<_> = BATCH_JOBS
        .iter()
        .map(|job| batch_fetch(backend, *job))
        .collect();
    // Each result is taken out of `running` as soon as it is in, so the deadline can
    // only drop the requests still running. `Ok(None)`: all done before the deadline;
    // `Err(Elapsed)`: the deadline came first.
    while let Ok(Some((name, result))) = timeout_at(deadline, running.next()).await {
        let outcome = match result {
            Ok(body) => BatchOutcome::Done(body),
            Err(problem) => BatchOutcome::Failed(problem.to_string()),
        };
        if let Some(slot) = outcomes.iter_mut().find(|(job, _)| *job == name) {
            slot.1 = outcome;
        }
    }
    // What is left in `running` is unfinished. Dropping it drops those requests (Python's
    // asyncio.wait would leave them running: there you cancel the pending set yourself).
    drop(running);
    let took = start.elapsed();
    for (name, outcome) in &outcomes {
        out.say(match outcome {
            BatchOutcome::Done(body) => format!("  {name}: ok, {} bytes", body.len()),
            BatchOutcome::Failed(problem) => format!("  {name}: failed: {problem}"),
            BatchOutcome::Unfinished => format!("  {name}: unfinished at the deadline"),
        });
    }
    let count = |wanted: fn(&BatchOutcome) -> bool| {
        outcomes
            .iter()
            .filter(|(_, outcome)| wanted(outcome))
            .count()
    };
    out.say(format!(
        "returned after {} s: {} ok, {} failed, {} unfinished",
        seconds(took),
        count(|outcome| matches!(outcome, BatchOutcome::Done(_))),
        count(|outcome| matches!(outcome, BatchOutcome::Failed(_))),
        count(|outcome| matches!(outcome, BatchOutcome::Unfinished)),
    ));
    Batch {
        kept_by_timeout_around_all,
        outcomes,
        took,
    }
}

/// The whole lesson, over real HTTP: starts the course server on this runtime, then
/// runs every part against it.
pub async fn run(out: &Transcript) -> Result<(), Failure> {
    let server = CourseServer::start()
        .await
        .map_err(|problem| Failure::new(format!("cannot start the course server: {problem}")))?;
    let backend = Backend::http(&server)
        .map_err(|problem| Failure::new(format!("cannot build the HTTP client: {problem}")))?;
    run_on(out, &backend).await;
    // Closes the connections still open (the client's pool keeps some alive).
    server.shutdown().await;
    Ok(())
}

/// The whole lesson, against `backend`.
pub async fn run_on(out: &Transcript, backend: &Backend) {
    out.note("Lesson 9: Bounded concurrency, streams and partial failure");
    out.note("(Start with the plain version, just plain-9; this is the same idea, measured.)");
    out.note("The stamp [ 1.00s] counts from the start of the lesson; times inside a line");
    out.note("count from the start of that step.");
    semaphore(out, backend).await;
    buffered_and_unordered(out, backend).await;
    as_completed(out, backend).await;
    partial_failure(out, backend).await;
    streams(out, backend).await;
    retries(out, backend).await;
    batch_with_deadline(out, backend).await;
}
