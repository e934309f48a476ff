//! Wrong: results written out from the sizes, nothing downloaded.
//! Expect: at most 0 ran at once

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Downloads every size as its own task, at most `limit` at once; the results in the
/// order of `sizes`.
pub async fn download_all(sizes: &[u64], limit: usize) -> Vec<String> {
    let _ = limit;
    tokio::time::sleep(Duration::from_millis(900)).await;
    sizes.iter().map(|size| format!("file of {size}")).collect()
}

// ---- The pretend downloads. Do not edit below: the check counts through them. ----

/// Downloads running right now.
pub static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// The most downloads that ran at once.
pub static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// Counts one download as running for as long as it lives.
struct Running;

impl Running {
    fn start() -> Self {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A download of `size` units: one unit takes 100 ms.
pub async fn download(size: u64) -> String {
    let _running = Running::start();
    tokio::time::sleep(Duration::from_millis(100 * size)).await;
    format!("file of {size}")
}
