//! # Exercise 10a: close the queue
//!
//! Follows lesson 10, Part 1 (`just lesson-10`; the plain version: `just plain-10`).
//!
//! The Python it mirrors:
//!
//! ```python
//! async def collect_all(batches):
//!     queue = asyncio.Queue(maxsize=2)
//!     async def producer(batch):
//!         for item in batch:
//!             await queue.put(await produce(item))
//!     producers = [asyncio.create_task(producer(b)) for b in batches]
//!     ...  # Python needs a sentinel per producer, or join(), to know when to stop
//! ```
//!
//! **What to do:** `collect_all` starts one producer task per batch and collects what
//! they send through a bounded channel. Every producer finishes, yet `collect_all` never
//! returns. Make it return every item as soon as the last producer is done. Edit
//! `collect_all` only.

use std::time::Duration;

use tokio::sync::mpsc;

/// Makes one item: takes 100 ms. (Do not edit: the check counts on its time, and on
/// [`PRODUCED`].)
pub async fn produce(item: u32) -> u32 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    PRODUCED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    item
}

/// How many items were made so far. Read by the check.
pub static PRODUCED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Every item of every batch, in the order they arrived.
pub async fn collect_all(batches: Vec<Vec<u32>>) -> Vec<u32> {
    let (sender, mut receiver) = mpsc::channel(2);
    for batch in batches {
        let sender = sender.clone();
        tokio::spawn(async move {
            for item in batch {
                let made = produce(item).await;
                // Err only if the receiver is gone: then nobody wants the rest.
                if sender.send(made).await.is_err() {
                    return;
                }
            }
        });
    }
    let mut all = Vec::new();
    while let Some(item) = receiver.recv().await {
        all.push(item);
    }
    all
}
