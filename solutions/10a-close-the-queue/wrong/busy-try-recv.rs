//! Wrong: polls try_recv in a loop with yield_now: the clock never moves, the loop never ends.
//! Expect: loop that never

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
                if sender.send(made).await.is_err() {
                    return;
                }
            }
        });
    }
    let mut all = Vec::new();
    loop {
        match receiver.try_recv() {
            Ok(item) => all.push(item),
            Err(mpsc::error::TryRecvError::Disconnected) => break,
            Err(mpsc::error::TryRecvError::Empty) => tokio::task::yield_now().await,
        }
    }
    drop(sender);
    all
}
