//! Part 6: the same graceful shutdown as Part 5, the way a Rust team writes it: with
//! tokio-util's [`CancellationToken`] (the stop request every loop watches) and
//! [`TaskTracker`] (the jobs in flight, and a wait for all of them).
//!
//! Part 5 built both by hand (a `watch` channel and a `JoinSet`) to show how they work.
//! What the library adds: a token is cheap to clone into every task, `child_token()`
//! makes a tree of them (cancel a parent, every child follows), and a tracker's
//! `wait()` waits for tasks it does not own, so they need not be joined one by one.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use course_kit::Transcript;
use course_kit::clock::seconds;
use tokio::time::{interval, sleep, timeout};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::shutdown::{Drained, Service, Signal, StopRequest};

/// One job: says when it starts and ends; stopped where it waits if `give_up` is
/// cancelled first. Returns whether it ran to its end.
async fn job(out: Transcript, number: u32, service: Service, give_up: CancellationToken) -> bool {
    let slow = number.is_multiple_of(3);
    let takes = if slow {
        service.slow_job_takes
    } else {
        service.job_takes
    };
    let kind = if slow { " (slow)" } else { "" };
    out.say(format!("job {number} started{kind}"));
    // `run_until_cancelled` runs the work unless the token is cancelled first; then the
    // work's future is dropped (lesson 8) and it gives `None`.
    if give_up.run_until_cancelled(sleep(takes)).await.is_some() {
        out.say(format!("job {number} finished"));
        true
    } else {
        out.say(format!("deadline: job {number} stopped by its token"));
        false
    }
}

/// Part 6: Part 5's service and shutdown, on a `CancellationToken` and a `TaskTracker`.
pub async fn graceful_shutdown(out: &Transcript, stop: &StopRequest, service: Service) -> Drained {
    out.heading("Part 6: the library way: CancellationToken and TaskTracker (tokio-util)");
    out.note("The same service and the same stop as Part 5, in the shape a Rust team would");
    out.note("write: one token that every loop watches, one tracker that every job is in.");
    // `shutdown`: no new jobs. `give_up`: the drain's deadline passed, stop the rest.
    let (shutdown, give_up) = (CancellationToken::new(), CancellationToken::new());
    let tracker = TaskTracker::new();
    let started = Arc::new(AtomicU32::new(0));
    let finished = Arc::new(AtomicU32::new(0));
    // The numbers of the jobs the deadline stopped (a std Mutex: held for a push only).
    let aborted = Arc::new(Mutex::new(Vec::new()));

    // The service loop is a task of its own, in the tracker too. It knows nothing of
    // signals: it watches its token.
    tracker.spawn({
        let (out, shutdown, give_up, tracker) = (
            out.clone(),
            shutdown.clone(),
            give_up.clone(),
            tracker.clone(),
        );
        let (started, finished, aborted) = (
            Arc::clone(&started),
            Arc::clone(&finished),
            Arc::clone(&aborted),
        );
        async move {
            let mut ticker = interval(service.every);
            loop {
                tokio::select! {
                    // Checked first: once the token is cancelled, no tick starts a job.
                    biased;
                    () = shutdown.cancelled() => break,
                    _ = ticker.tick() => {
                        let number = started.fetch_add(1, Ordering::Relaxed) + 1;
                        let (finished, aborted) = (Arc::clone(&finished), Arc::clone(&aborted));
                        let job = job(out.clone(), number, service, give_up.clone());
                        // A tracked task: the tracker's wait() covers it; no handle kept.
                        tracker.spawn(async move {
                            if job.await {
                                finished.fetch_add(1, Ordering::Relaxed);
                            } else {
                                aborted
                                    .lock()
                                    .unwrap_or_else(PoisonError::into_inner)
                                    .push(number);
                            }
                        });
                    }
                }
            }
        }
    });

    // Whoever decides to stop cancels the token: here, the stop request or the pretend
    // Ctrl-C, whichever comes first.
    let pretend = async {
        match service.pretend_signal_after {
            Some(after) => {
                sleep(after).await;
                Signal::Pretend
            }
            None => std::future::pending().await,
        }
    };
    let signal = tokio::select! {
        signal = stop.requested() => signal,
        signal = pretend => signal,
    };
    shutdown.cancel();
    // `close()` lets `wait()` finish once the tracker is empty (it does not stop
    // anything from being spawned: the token does that).
    tracker.close();
    let finished_before = finished.load(Ordering::Relaxed);
    out.say(format!(
        "shutdown asked ({signal}): token cancelled; up to {} s for the {} jobs in flight",
        seconds(service.drain_deadline),
        started.load(Ordering::Relaxed) - finished_before
    ));
    if timeout(service.drain_deadline, tracker.wait())
        .await
        .is_err()
    {
        // The deadline passed: one cancel reaches every job still running.
        give_up.cancel();
        tracker.wait().await;
    }
    let (started, finished) = (
        started.load(Ordering::Relaxed),
        finished.load(Ordering::Relaxed),
    );
    let mut aborted = std::mem::take(&mut *aborted.lock().unwrap_or_else(PoisonError::into_inner));
    aborted.sort_unstable();
    out.say(format!(
        "shut down: {started} started, {finished} finished ({finished_before} before the stop, {} \
         during the drain), {} stopped by the token; none started after the stop",
        finished - finished_before,
        aborted.len()
    ));
    Drained {
        signal,
        started,
        finished,
        aborted,
    }
}
