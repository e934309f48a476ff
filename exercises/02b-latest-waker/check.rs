//! The check for exercise 02b: polls the signal with two different wakers, fires it,
//! and looks at who was woken. Do not edit: the runner notices.

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Wake, Waker};

use ex_02b_latest_waker::signal;
use exercise_kit::{Verdict, paused_runtime, run};

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Counting(AtomicUsize);

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn main() -> ExitCode {
    run(|| {
        let (first, second) = (Arc::new(Counting::default()), Arc::new(Counting::default()));
        let (mut waiting, trigger) = signal();
        for (counter, task) in [(&first, "A"), (&second, "B")] {
            let waker = Waker::from(Arc::clone(counter));
            if Pin::new(&mut waiting)
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                return Verdict::fail("the signal was ready before fire() was called");
            }
            if counter.0.load(Ordering::SeqCst) > 0 {
                return Verdict::fail(format!(
                    "polled by task {task} before fire(), the signal woke {task}'s waker at once: \
                     the task would be polled again straight away, and again, a busy loop that \
                     burns the thread until fire(). Keep the waker instead, and let fire() wake \
                     it (lesson 2, Part 2: Sleep keeps its waker)"
                ));
            }
        }
        trigger.fire();
        let (woke_first, woke_second) = (
            first.0.load(Ordering::SeqCst),
            second.0.load(Ordering::SeqCst),
        );
        if woke_second == 0 {
            return Verdict::fail(format!(
                "the signal was polled by task A, then by task B; fire() woke {}, not B. Only B \
                 is still waiting: keep the waker of the most recent poll (replace the old one \
                 unless waker.will_wake(cx.waker())), as lesson 2's Sleep does",
                if woke_first > 0 { "A" } else { "nobody" }
            ));
        }
        let waker = Waker::from(Arc::clone(&second));
        if Pin::new(&mut waiting)
            .poll(&mut Context::from_waker(&waker))
            .is_pending()
        {
            return Verdict::fail("after fire(), the signal must be Ready");
        }
        // On a runtime: a task waits, another fires.
        paused_runtime().block_on(async {
            let (waiting, trigger) = signal();
            let waiter = tokio::spawn(waiting);
            tokio::task::yield_now().await;
            trigger.fire();
            let _ = waiter.await;
        });
        Verdict::pass("fire() woke the waker of the most recent poll, and a waiting task finished")
    })
}
