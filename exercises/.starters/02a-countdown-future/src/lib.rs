//! # Exercise 02a: a future by hand
//!
//! Follows lesson 2, Part 2, the deeper part (`just lesson-2`, `src/mini_loop.rs`):
//! poll, `Pending` and `Ready`, and the waker.
//!
//! Python has no equal you would write by hand; the nearest is an object with an
//! `__await__` that yields to the event loop a few times before it returns.
//!
//! **What to do:** `Countdown { remaining: n }` must answer `Poll::Pending` to its
//! first `n` polls and `Poll::Ready(())` to the next. But a future that answers
//! `Pending` must also make sure somebody polls it again, or it waits forever. Here
//! nothing else will: wake your own waker before returning `Pending`. Edit `poll` only.

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

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        Poll::Pending
    }
}
