//! The check for exercise 02a: polls the future by hand, then on a runtime. Do not edit:
//! the runner notices.

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

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

/// How long the check waits for a wake-up that comes later (from another thread, say).
const WAKE_PATIENCE: Duration = Duration::from_millis(500);

/// Polls `Countdown { remaining }` by hand, as an executor would: poll, and after each
/// Pending, poll again only once the waker was woken.
fn by_hand(remaining: u32) -> Result<(), Verdict> {
    let counter = Arc::new(Counting::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);
    let mut countdown = Countdown { remaining };
    let name = format!("Countdown {{ remaining: {remaining} }}");
    for poll in 1..=remaining + 1 {
        let woken_before = counter.0.load(Ordering::SeqCst);
        match Pin::new(&mut countdown).poll(&mut cx) {
            Poll::Ready(()) if poll <= remaining => {
                return Err(Verdict::fail(format!(
                    "{name} was Ready at poll #{poll}; it must be Pending {remaining} times, then \
                     Ready"
                )));
            }
            Poll::Ready(()) => return Ok(()),
            Poll::Pending if poll == remaining + 1 => {
                return Err(Verdict::fail(format!(
                    "{name} was still Pending at poll #{poll}; after {remaining} Pendings it must \
                     be Ready"
                )));
            }
            Poll::Pending => {
                // A wake-up may come now or a little later (another thread may do it).
                let asked = Instant::now();
                while counter.0.load(Ordering::SeqCst) == woken_before {
                    if asked.elapsed() > WAKE_PATIENCE {
                        return Err(Verdict::fail(format!(
                            "{name}: poll #{poll} returned Pending, and nothing woke its waker in \
                             the {} ms that followed, so an executor would never poll it again: \
                             on a runtime it waits for ever. Call cx.waker().wake_by_ref() before \
                             returning Pending (lesson 2, Part 2: the waker)",
                            WAKE_PATIENCE.as_millis()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        // Several counts, so that a countdown that ignores `remaining` cannot pass.
        for remaining in [3, 0, 5] {
            if let Err(verdict) = by_hand(remaining) {
                return verdict;
            }
        }
        // And on a real runtime, where a missing wake-up would hang.
        paused_runtime().block_on(Countdown { remaining: 4 });
        Verdict::pass(
            "Pending `remaining` times (3, 0 and 5), each time asking to be woken, then Ready; it \
             also completes on a tokio runtime",
        )
    })
}
