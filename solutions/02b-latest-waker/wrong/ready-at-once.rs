//! Wrong: Ready at once, fired or not (a hard-coded answer).
//! Expect: ready before fire() was called

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
        // Looks at the shared state, and answers Ready whatever it says.
        let _ = (&self.0, cx);
        Poll::Ready(())
    }
}
