//! Wrong: stops after a fixed wait instead of when the channel closes.
//! Expect: returned after

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
    let stop = tokio::time::sleep(Duration::from_millis(350));
    tokio::pin!(stop);
    loop {
        tokio::select! {
            Some(item) = receiver.recv() => all.push(item),
            () = &mut stop => break,
        }
    }
    drop(sender);
    all
}
