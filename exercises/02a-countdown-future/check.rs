//! The check for exercise 02a: polls the future by hand, then on a runtime. Do not edit:
//! the runner notices.

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use ex_02a_countdown_future::Countdown;
use exercise_kit::{Verdict, paused_runtime, run};

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Counting(AtomicUsize);

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn main() -> ExitCode {
    run(|| {
        let counter = Arc::new(Counting::default());
        let waker = Waker::from(Arc::clone(&counter));
        let mut cx = Context::from_waker(&waker);
        let mut countdown = Countdown { remaining: 3 };
        for poll in 1..=4 {
            let woken_before = counter.0.load(Ordering::SeqCst);
            match Pin::new(&mut countdown).poll(&mut cx) {
                Poll::Ready(()) if poll < 4 => {
                    return Verdict::fail(format!(
                        "Countdown {{ remaining: 3 }} was Ready at poll #{poll}; it must be \
                         Pending three times, then Ready"
                    ));
                }
                Poll::Ready(()) => {}
                Poll::Pending if poll == 4 => {
                    return Verdict::fail(
                        "Countdown { remaining: 3 } was still Pending at poll #4; after three \
                         Pendings it must be Ready",
                    );
                }
                Poll::Pending => {
                    if counter.0.load(Ordering::SeqCst) == woken_before {
                        return Verdict::fail(format!(
                            "poll #{poll} returned Pending without waking its waker: nobody \
                             would ever poll it again, so on a runtime it waits forever. Call \
                             cx.waker().wake_by_ref() before returning Pending (lesson 2, Part 2: \
                             the waker)"
                        ));
                    }
                }
            }
        }
        // And on a real runtime, where a missing wake-up would hang.
        paused_runtime().block_on(Countdown { remaining: 5 });
        Verdict::pass(
            "Pending three times, each time asking to be woken, then Ready; it also completes \
             on a tokio runtime",
        )
    })
}
