//! # Lesson 10, the body: queues, channels, shared state and graceful shutdown
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/10-channels-and-shutdown.md` (`just book`).
//!
//! The chapter's code examples, compiled (or refused) by rustdoc as the chapter shows them:
#![doc = include_str!("../snippets/std-guard-across-await-refused.md")]
#![doc = include_str!("../snippets/std-guard-drop-refused.md")]
#![doc = include_str!("../snippets/std-guard-block-compiles.md")]
#![doc = include_str!("../snippets/tokio-guard-across-await-compiles.md")]
#![doc = include_str!("../snippets/std-guard-spawn-local-compiles.md")]

pub mod library_way;
pub mod shutdown;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use course_kit::Transcript;
use course_kit::clock::seconds;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

pub use shutdown::{Interrupted, Signal, StopRequest};

fn times(all: &[Duration]) -> String {
    all.iter()
        .map(|at| seconds(*at))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What Part 1 measured.
#[derive(Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// When each `send` returned, from the start.
    pub sent_at: Vec<Duration>,
    /// When the consumer finished each item.
    pub done_at: Vec<Duration>,
    /// When `recv()` returned `None`.
    pub closed_at: Duration,
}

/// Part 1: a bounded queue between a fast producer and a slow consumer.
pub async fn back_pressure(out: &Transcript) -> Pipeline {
    out.heading("Part 1: a bounded queue (asyncio.Queue(maxsize=2) ↔ mpsc::channel(2))");
    out.note("A producer with six items, ready at once; a consumer that takes 0.3 s each:");
    let start = Instant::now();
    let (sender, mut receiver) = mpsc::channel::<u32>(2);
    let producer = tokio::spawn(async move {
        let mut sent_at = Vec::new();
        for item in 1..=6 {
            // Waits while the queue holds 2 items: back-pressure. The producer can
            // never run more than 2 items ahead of the consumer.
            if sender.send(item).await.is_err() {
                break; // the receiver is gone: nobody to work for
            }
            sent_at.push(start.elapsed());
        }
        sent_at
        // `sender` is dropped here, the last one: the queue is closed.
    });
    let mut done_at = Vec::new();
    // `recv()` waits for the next item; `None` means every sender is gone and the queue
    // is empty, so the loop ends by itself: no sentinel.
    while let Some(_item) = receiver.recv().await {
        sleep(Duration::from_millis(300)).await;
        done_at.push(start.elapsed());
    }
    let closed_at = start.elapsed();
    let sent_at = producer.await.unwrap_or_default();
    out.say(format!("producer: send() returned at {}", times(&sent_at)));
    out.say(format!("consumer: done at           {}", times(&done_at)));
    out.say(format!(
        "consumer: recv() gave None at {}: the producer ended, its Sender was dropped",
        seconds(closed_at)
    ));
    out.note("Three sends returned at once: one item taken by the consumer, two queued.");
    out.note("Then the producer waited at send() for a free place: 2 queued, no more.");
    out.note("An asyncio.Queue does not close by itself: Python needs a sentinel, or");
    out.note("task_done() and join(), or (3.13+) an explicit queue.shutdown().");
    Pipeline {
        sent_at,
        done_at,
        closed_at,
    }
}

/// A request to the counter actor: count a visit to `page`, and say the new count.
#[derive(Debug)]
pub struct Visit {
    /// The page visited.
    pub page: &'static str,
    /// Where the actor sends the new count (a one-shot reply channel).
    pub reply: oneshot::Sender<u64>,
}

/// The actor: the only owner of the counts. It handles one request at a time, so the
/// counts need no lock; each takes 0.1 s (a pretend write to disk).
pub async fn counter_actor(mut visits: mpsc::Receiver<Visit>) -> HashMap<&'static str, u64> {
    let mut counts = HashMap::new();
    while let Some(visit) = visits.recv().await {
        let count = counts.entry(visit.page).or_insert(0);
        *count += 1;
        let now = *count;
        sleep(Duration::from_millis(100)).await;
        // The asker may have given up (dropped its receiver); that is not our problem.
        let _ = visit.reply.send(now);
    }
    counts
}

/// Asks the actor to count a visit and waits for the answer.
pub async fn visit(actor: &mpsc::Sender<Visit>, page: &'static str) -> Option<u64> {
    let (reply, answer) = oneshot::channel();
    actor.send(Visit { page, reply }).await.ok()?;
    // Waits for the actor's reply; an error means the actor dropped the request.
    answer.await.ok()
}

/// What Part 2 measured.
#[derive(Debug, PartialEq, Eq)]
pub struct SharedState {
    /// The actor's final count for "home" (4 visits).
    pub home_visits: u64,
    /// How long the four visits took through the actor.
    pub actor_took: Duration,
    /// Three tasks with a `tokio::sync::Mutex` held across a 0.1 s save.
    pub held_across_await: Duration,
    /// The same with a `std::sync::Mutex` held only for the update.
    pub released_before_await: Duration,
}

/// Part 2: an actor with `oneshot` replies; a lock held across `.await` vs not.
pub async fn shared_state(out: &Transcript) -> SharedState {
    out.heading("Part 2: shared state: an actor, or a lock (asyncio.Lock ↔ Mutex)");
    let (actor, requests) = mpsc::channel(8);
    let owner = tokio::spawn(counter_actor(requests));
    let start = Instant::now();
    let mut visitors = JoinSet::new();
    for _ in 0..4 {
        let actor = actor.clone();
        // Four tasks ask at once; the actor answers them one by one.
        visitors.spawn(async move { visit(&actor, "home").await });
    }
    let mut answers = Vec::new();
    while let Some(answer) = visitors.join_next().await {
        answers.push(answer.ok().flatten().unwrap_or(0));
    }
    answers.sort_unstable();
    let actor_took = start.elapsed();
    // The last Sender goes: the actor's loop ends and it hands back what it owned.
    drop(actor);
    let counts = owner.await.unwrap_or_default();
    let home_visits = counts.get("home").copied().unwrap_or(0);
    out.say(format!(
        "actor: four tasks visited at once; replies {answers:?}; in {} s (0.1 s per visit); final count {home_visits}",
        seconds(actor_took)
    ));
    out.note("One task owns the counts and takes requests one at a time: no lock, no race.");

    out.note("Three tasks each add a visit, then save for 0.1 s:");
    let shared = Arc::new(tokio::sync::Mutex::new(0_u64));
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        let shared = Arc::clone(&shared);
        tasks.spawn(async move {
            // tokio's lock() is itself awaited: a task waiting for it lets others run.
            let mut count = shared.lock().await;
            *count += 1;
            // The guard is still alive during the save: the others wait for it.
            sleep(Duration::from_millis(100)).await;
        });
    }
    while tasks.join_next().await.is_some() {}
    let held_across_await = start.elapsed();
    out.say(format!(
        "tokio::sync::Mutex held across the save: {} s (one at a time)",
        seconds(held_across_await)
    ));

    let shared = Arc::new(std::sync::Mutex::new(0_u64));
    let start = Instant::now();
    for _ in 0..3 {
        let shared = Arc::clone(&shared);
        tasks.spawn(async move {
            {
                // A quick update under std's lock; the guard ends with this block,
                // before any `.await` (a poisoned lock still holds a usable count).
                let mut count = shared
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                *count += 1;
            }
            sleep(Duration::from_millis(100)).await;
        });
    }
    while tasks.join_next().await.is_some() {}
    let released_before_await = start.elapsed();
    out.say(format!(
        "std::sync::Mutex released before the save: {} s (together)",
        seconds(released_before_await)
    ));
    out.note("A std MutexGuard kept across .await in a spawned task does not compile");
    out.note("(\"future cannot be sent between threads safely\"): see src/lib.rs.");
    SharedState {
        home_visits,
        actor_took,
        held_across_await,
        released_before_await,
    }
}

/// What Part 3 measured.
#[derive(Debug, PartialEq, Eq)]
pub struct FanOut {
    /// What each of the two broadcast subscribers received.
    pub subscribers: [Vec<String>; 2],
    /// What a subscriber that fell behind got: `Lagged(n)` first, then the newest.
    pub laggard: Vec<String>,
    /// The values a slow `watch` reader saw.
    pub watched: Vec<u32>,
}

/// Part 3: `broadcast` (every message to everyone) and `watch` (the latest value).
pub async fn broadcast_and_watch(out: &Transcript) -> FanOut {
    out.heading("Part 3: broadcast (every message to all) and watch (the latest value)");
    let (news, _) = broadcast::channel::<&'static str>(2);
    let mut listeners = JoinSet::new();
    for number in 0..2 {
        // Each subscriber has its own place in the channel's history.
        let mut subscription = news.subscribe();
        listeners.spawn(async move {
            let mut got = Vec::new();
            while let Ok(item) = subscription.recv().await {
                got.push(item.to_owned());
            }
            (number, got)
        });
    }
    for item in ["a", "b", "c"] {
        // `send` never waits: it fails only when nobody is subscribed.
        let _ = news.send(item);
        sleep(Duration::from_millis(100)).await;
    }
    // The last Sender is dropped: each subscriber's recv() gives Err(Closed) once it
    // has read what is left, and its loop ends.
    drop(news);
    let mut subscribers = [Vec::new(), Vec::new()];
    while let Some(Ok((number, got))) = listeners.join_next().await {
        subscribers[number] = got;
    }

    // A subscriber that reads nothing while five messages go by, on a channel that
    // keeps the last 2.
    let (news, mut late) = broadcast::channel::<&'static str>(2);
    for item in ["d", "e", "f", "g", "h"] {
        let _ = news.send(item);
    }
    drop(news);
    let mut laggard = Vec::new();
    loop {
        match late.recv().await {
            Ok(item) => laggard.push(item.to_owned()),
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                laggard.push(format!("Err(Lagged({missed}))"));
            }
            Err(broadcast::error::RecvError::Closed) => break,
        }
    }
    out.say(format!(
        "broadcast: subscriber 1 got {:?}, subscriber 2 got {:?}",
        subscribers[0], subscribers[1]
    ));
    out.say(format!(
        "broadcast(2): a subscriber that read nothing while 5 came: {laggard:?}"
    ));
    out.note("It lost the oldest: a broadcast keeps the last 2, and its recv() says how many");
    out.note("you missed with Err(Lagged(n)) before it gives the rest.");

    out.note("watch: a value set every 0.1 s (1 to 5), read by a task that looks every 0.25 s:");
    let (setter, mut reader) = watch::channel(0_u32);
    let start = Instant::now();
    let writer = tokio::spawn(async move {
        for value in 1..=5 {
            sleep(Duration::from_millis(100)).await;
            // Replaces the value; readers are told it changed, not how many times.
            let _ = setter.send(value);
        }
    });
    let mut watched = Vec::new();
    let mut seen_at = Vec::new();
    // `changed()` waits for a value this reader has not seen; Err once the sender is
    // gone and there is nothing new.
    while reader.changed().await.is_ok() {
        watched.push(*reader.borrow_and_update());
        seen_at.push(start.elapsed());
        sleep(Duration::from_millis(250)).await;
    }
    let _ = writer.await;
    out.say(format!(
        "watch: the reader saw {watched:?} at {}: only the latest, never a backlog (not the first 0: changed() waits for a value not yet seen)",
        times(&seen_at)
    ));
    FanOut {
        subscribers,
        laggard,
        watched,
    }
}

/// What Part 4 saw.
#[derive(Debug, PartialEq, Eq)]
pub struct FullQueue {
    /// What `try_send` said for items 1, 2 and 3 on a queue of 2 that nobody reads.
    pub tried: Vec<String>,
    /// The item still in hand after `reserve()` lost a race with a timeout.
    pub kept_after_reserve: Option<u32>,
    /// How many items an unbounded channel held after the producer's burst.
    pub unbounded_backlog: usize,
}

/// How many items Part 4's producer pushes into an unbounded channel at once.
pub const BURST: u32 = 10_000;

/// Part 4: what to do when a bounded queue is full, and what an unbounded one costs.
pub async fn full_queue(out: &Transcript) -> FullQueue {
    out.heading("Part 4: a full queue: try_send, reserve, and why not unbounded");
    let (sender, mut receiver) = mpsc::channel::<u32>(2);
    // `try_send` never waits: on a full queue it hands the item back in the error, and
    // the caller decides (drop it, count it, try later).
    let tried: Vec<String> = (1..=3)
        .map(|item| match sender.try_send(item) {
            Ok(()) => format!("{item} queued"),
            Err(mpsc::error::TrySendError::Full(item)) => format!("{item} Full (handed back)"),
            Err(mpsc::error::TrySendError::Closed(item)) => format!("{item} Closed"),
        })
        .collect();
    out.say(format!(
        "try_send on a queue of 2 that nobody reads: {}",
        tried.join(", ")
    ));
    out.note("(asyncio's put_nowait raises QueueFull; here the item comes back in the Err.)");

    // `send(item)` as a select! branch would move the item into its future, and a
    // timeout winning the race would drop both. `reserve()` waits for a place *first*
    // and takes no item; only with the place in hand does `permit.send(item)` take it.
    let item = 4;
    let kept_after_reserve = tokio::select! {
        permit = sender.reserve() => {
            if let Ok(permit) = permit {
                permit.send(item);
            }
            None
        }
        () = sleep(Duration::from_millis(100)) => Some(item),
    };
    out.say(format!(
        "select!(reserve(), a 100 ms timeout) on the full queue: {}",
        match kept_after_reserve {
            Some(item) => format!("the timeout won, item {item} is still in hand"),
            None => "a place came free and the item was sent".to_owned(),
        }
    ));
    // The two queued items are still there; this part is done with them.
    receiver.close();
    while receiver.recv().await.is_some() {}

    // An unbounded channel's `send` is not even async: it never waits, so nothing
    // slows the producer down when the consumer falls behind; memory grows instead.
    let (unbounded, backlog) = mpsc::unbounded_channel::<u32>();
    for item in 0..BURST {
        let _ = unbounded.send(item);
    }
    let unbounded_backlog = backlog.len();
    out.say(format!(
        "unbounded_channel: {BURST} sends returned at once; {unbounded_backlog} items wait in memory"
    ));
    out.note("Python's asyncio.Queue() is unbounded unless given a maxsize: the same trap. A");
    out.note("bounded channel's send().await is the back-pressure that keeps memory flat.");
    FullQueue {
        tried,
        kept_after_reserve,
        unbounded_backlog,
    }
}

/// The whole lesson. A stop request (Ctrl-C, SIGTERM) during Parts 1 to 4 ends the part
/// where it is (its futures are dropped: lesson 8) and the lesson with it: `run` returns
/// `Err(Interrupted)`. During Parts 5 and 6 it is the stop the service waits for, and
/// the service shuts down gracefully (after a real one the lesson ends there); until one
/// comes, a pretend Ctrl-C ([`shutdown::DEMO`]'s `pretend_signal_after`) stands in.
pub async fn run(out: &Transcript, stop: &StopRequest) -> Result<(), Interrupted> {
    out.note("Lesson 10: Queues, channels, shared state and graceful shutdown");
    out.note("(Start with the plain version, just plain-10; this is the same idea, measured.)");
    out.note("The stamp [ 1.00s] counts from the start of the lesson; times inside a line");
    out.note("count from the start of that part.");
    stop.or_interrupt("Part 1", back_pressure(out)).await?;
    stop.or_interrupt("Part 2", shared_state(out)).await?;
    stop.or_interrupt("Part 3", broadcast_and_watch(out))
        .await?;
    stop.or_interrupt("Part 4", full_queue(out)).await?;
    let drained = shutdown::graceful_shutdown(out, stop, shutdown::DEMO).await;
    if drained.signal != Signal::Pretend {
        // A real stop ended Part 5's service: the lesson ends with it.
        return Ok(());
    }
    library_way::graceful_shutdown(out, stop, shutdown::DEMO).await;
    Ok(())
}
