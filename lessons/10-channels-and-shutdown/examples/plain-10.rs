//! Lesson 10, the plain version: a bounded queue between a producer and a consumer, an
//! actor that answers by `oneshot`, a worker that stops cleanly on Ctrl-C, and one
//! stopped by a `CancellationToken`.
//!
//! Run it: `just plain-10` (or `cargo run -p lesson-10-channels-and-shutdown --example
//! plain-10`); press Ctrl-C while it runs to see the clean stop. The same ideas,
//! measured (locks, broadcast, watch, a drain with a deadline): `just lesson-10`.
//! The Python it mirrors: `python/lesson_10.py` (`just compare 10` runs both).
//!
//! Beside Python: `asyncio.Queue(maxsize=2)` is `mpsc::channel(2)`, and `put` waits while
//! it is full in both. The end of the queue is not a sentinel but the last `Sender`
//! dropped; the Ctrl-C listener is a future, made once and polled on every turn of the
//! loop; and the `asyncio.Event` a worker checks is a `CancellationToken` its `select!`
//! watches.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

/// A request to the actor: a number to add, and where to send the new total.
struct Add {
    amount: u64,
    reply: oneshot::Sender<u64>,
}

#[tokio::main]
async fn main() {
    let start = Instant::now();

    // asyncio.Queue(maxsize=2): the producer waits while two items are queued.
    let (sender, mut receiver) = mpsc::channel(2);
    tokio::spawn(async move {
        for item in 1..=6 {
            // Err if the consumer is gone: nobody to produce for. (After a Ctrl-C, main
            // usually returns first, and the runtime drops this task at its `.await`.)
            if sender.send(item).await.is_err() {
                break;
            }
            println!("queued item {item}");
        }
        // `sender` is dropped here: the queue closes, no sentinel needed.
    });

    // The actor owns the total; others ask it by message.
    let (actor, mut requests) = mpsc::channel::<Add>(8);
    tokio::spawn(async move {
        let mut total = 0;
        while let Some(Add { amount, reply }) = requests.recv().await {
            total += amount;
            let _ = reply.send(total);
        }
    });

    // The consumer: stops when the queue is closed and empty, or on Ctrl-C. The Ctrl-C
    // future is made once, outside the loop, so a press while an item is being worked
    // on is not lost (select! drops the futures it makes each turn: lesson 8).
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        tokio::select! {
            // Ctrl-C first: the item being worked on finishes, no new one starts.
            biased;
            // Err only if the handler could not be installed: then stop too, saying so.
            pressed = &mut ctrl_c => {
                if let Err(problem) = pressed {
                    println!("cannot listen for Ctrl-C ({problem}): stopping");
                    break;
                }
                println!("Ctrl-C: stopping cleanly");
                break;
            }
            item = receiver.recv() => {
                let Some(item) = item else { break };
                tokio::time::sleep(Duration::from_millis(300)).await;
                let (reply, total) = oneshot::channel();
                // The actor lives as long as `actor`, a Sender this loop holds.
                if actor.send(Add { amount: item, reply }).await.is_err() {
                    break;
                }
                if let Ok(total) = total.await {
                    println!("done with item {item}; total so far {total}");
                }
            }
        }
    }
    // queue.put_nowait(x): `try_send` never waits; on a full queue the item comes back.
    let (full, _kept_open) = mpsc::channel(1);
    let _ = full.try_send(1);
    match full.try_send(2) {
        Err(mpsc::error::TrySendError::Full(item)) => {
            println!("try_send on a full queue: Full, item {item} handed back");
        }
        other => println!("try_send on a full queue: {other:?}"),
    }

    // The library way to stop workers (tokio-util): one CancellationToken that every
    // worker watches in its `select!`; `cancel()` reaches them all, clones included.
    let token = CancellationToken::new();
    let worker = tokio::spawn({
        let token = token.clone();
        async move {
            let mut beats = 0;
            loop {
                tokio::select! {
                    () = token.cancelled() => break beats,
                    () = tokio::time::sleep(Duration::from_millis(100)) => beats += 1,
                }
            }
        }
    });
    tokio::time::sleep(Duration::from_millis(250)).await;
    token.cancel();
    let beats = worker.await.unwrap_or(0);
    println!("a worker stopped by its token after {beats} beats");
    println!("Total time: {:.2} seconds", start.elapsed().as_secs_f64());
}
