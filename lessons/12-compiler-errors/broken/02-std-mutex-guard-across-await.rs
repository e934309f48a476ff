//! Error: future cannot be sent between threads safely
//! Code: none
//! Python: `async with lock:` around the whole update, an `await` included
//! Why: the same message, another cause: a `std::sync::MutexGuard` is not `Send` (it
//!   must be unlocked on the thread that locked it), and here it is alive across
//!   `save(..).await`.
//! Fix: end the guard in a block before the `.await` (take what you need, then let it
//!   go); a `tokio::sync::Mutex` only when the lock must be held across the
//!   `.await`.

use std::sync::{Arc, Mutex};

async fn save(count: u64) -> u64 {
    count
}

#[tokio::main]
async fn main() {
    let visits = Arc::new(Mutex::new(0_u64));
    let counter = Arc::clone(&visits);
    let task = tokio::spawn(async move {
        let mut count = counter.lock().unwrap();
        *count += 1;
        save(*count).await;
    });
    task.await.unwrap();
}
