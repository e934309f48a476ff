//! Wrong: Pending without arranging a wake-up (the starter's mistake, with the waker cloned and dropped).
//! Expect: nothing woke its waker

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
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        let _kept = cx.waker().clone();
        Poll::Pending
    }
}
