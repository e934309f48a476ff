//! # Exercise 02b: wake the most recent waker
//!
//! Follows lesson 2, Part 2, the deeper part (`src/mini_loop.rs`, the `Sleep` future and
//! the comment about the most recent poll).
//!
//! Python's nearest equal is an `asyncio.Event`: `await event.wait()` in one coroutine,
//! `event.set()` in another.
//!
//! **What to do:** `Signal` is a future that becomes ready once `Trigger::fire` is
//! called (from any task or thread). It keeps a waker so that `fire` can wake whoever
//! waits. The `Future` contract: when it is ready, wake the waker of the *most recent*
//! poll. A future can be polled by different tasks over its life (moved into another
//! task, or polled through a `FuturesUnordered`), and only the latest one still waits
//! for it. Fix `poll` so that it keeps the most recent waker. Edit `poll` only.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Shared {
    fired: bool,
    waker: Option<Waker>,
}

/// The waiting side: a future, ready once the trigger fired.
pub struct Signal(Arc<Mutex<Shared>>);

/// The other side: `fire` makes the signal ready and wakes whoever waits for it.
pub struct Trigger(Arc<Mutex<Shared>>);

/// A new signal and its trigger.
pub fn signal() -> (Signal, Trigger) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (Signal(Arc::clone(&shared)), Trigger(shared))
}

impl Trigger {
    /// Makes the signal ready and wakes the waker it kept.
    pub fn fire(&self) {
        let mut shared = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        shared.fired = true;
        if let Some(waker) = shared.waker.take() {
            waker.wake();
        }
    }
}

impl Future for Signal {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if shared.fired {
            return Poll::Ready(());
        }
        if shared.waker.is_none() {
            shared.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
