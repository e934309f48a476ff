//! Wrong: one Pending too many (decrements after the check).
//! Expect: was still Pending at poll #4

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
            self.remaining = u32::MAX;
        } else if self.remaining == u32::MAX {
            return Poll::Ready(());
        } else {
            self.remaining -= 1;
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
