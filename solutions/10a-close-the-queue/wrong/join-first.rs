//! Wrong: drops the sender, but awaits every producer before reading: the bounded channel fills and they wait for ever.
//! Expect: nothing read the channel while they ran

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
    let mut producers = Vec::new();
    for batch in batches {
        let sender = sender.clone();
        producers.push(tokio::spawn(async move {
            for item in batch {
                let made = produce(item).await;
                if sender.send(made).await.is_err() {
                    return;
                }
            }
        }));
    }
    drop(sender);
    for producer in producers {
        let _ = producer.await;
    }
    let mut all = Vec::new();
    while let Some(item) = receiver.recv().await {
        all.push(item);
    }
    all
}
