//! Wrong: counts to three whatever remaining says (a hard-coded count).
//! Expect: remaining: 0 } was still Pending

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is `Pending` `remaining` more times, then `Ready`.
#[derive(Debug)]
pub struct Countdown {
    /// How many more polls answer `Pending`.
    pub remaining: u32,
}

impl Future for Countdown {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        static POLLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        if POLLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 4 == 3 {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
