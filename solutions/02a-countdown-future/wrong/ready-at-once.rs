//! Wrong: Ready at once, whatever remaining says.
//! Expect: was Ready at poll #1

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
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Ready(())
    }
}
