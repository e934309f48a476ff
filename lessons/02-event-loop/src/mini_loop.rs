//! A hand-made event loop: std only, about 250 lines of code, every step traced.
//!
//! This is not how you would write production code (tokio exists), but it is how
//! tokio and asyncio work underneath, stripped to the bone:
//!
//! - a **task** is a future the loop owns (`Pin<Box<dyn Future>>`);
//! - the **ready queue** holds the tasks that can make progress right now;
//! - **polling** a task runs it until it either finishes (`Poll::Ready`) or has to wait
//!   (`Poll::Pending`); it never blocks;
//! - before a future returns `Pending`, it hands a **waker** to whoever will know when it
//!   can go on (here: the timer list). Calling `waker.wake()` puts the task back on the
//!   ready queue;
//! - when nothing is ready, the loop goes **idle** until the nearest timer is due, fires
//!   it (which wakes its task), and starts polling again;
//! - when no task is left, the loop exits.
//!
//! Every one of those steps writes a line to the transcript *as it happens*: the trace
//! is what the machinery did, not a story printed beside it.
//!
//! Simplified on purpose: one thread, timers are the only thing a task can wait for (no
//! sockets), and a `Vec` stands in for a timer wheel.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use course_kit::Transcript;
use course_kit::clock::seconds;

/// How the loop's clock moves while it is idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopTime {
    /// Really wait: the thread sleeps until the next timer (what a learner runs).
    Real,
    /// Jump straight to the next timer, like tokio's paused clock: the trace is the same,
    /// the time stamps are exact, and no real time passes (what the tests use).
    Virtual,
}

/// The ready queue, shared by the loop and every waker. Wakers must be `Send + Sync`
/// (any thread may wake a task), hence `Arc<Mutex<..>>` rather than `Rc<RefCell<..>>`.
struct ReadyQueue {
    task_ids: Mutex<VecDeque<usize>>,
    loop_thread: Thread,
}

impl ReadyQueue {
    fn push(&self, task: usize) {
        self.task_ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(task);
        // If the loop's thread is idle (parked), this wakes it up.
        self.loop_thread.unpark();
    }

    fn pop(&self) -> Option<usize> {
        self.task_ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    }
}

/// The waker of one task: waking it means "put task N back on the ready queue".
struct TaskWaker {
    task: usize,
    ready: Arc<ReadyQueue>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.ready.push(self.task);
    }
}

/// A timer a sleeping task registered: wake `waker` at `deadline`.
struct Timer {
    /// Which [`Sleep`] registered it, so a later poll can replace its waker.
    id: usize,
    deadline: Duration,
    task: usize,
    waker: Waker,
}

/// The loop's state that tasks can reach through a [`LoopHandle`].
struct Core {
    out: Transcript,
    time: LoopTime,
    real_start: Instant,
    virtual_now: Cell<Duration>,
    timers: RefCell<Vec<Timer>>,
    next_timer_id: Cell<usize>,
    /// The task being polled right now, so its lines can say who is talking.
    current_task: Cell<Option<usize>>,
}

/// What a task running on the loop can use: the clock, `sleep`, and the transcript.
#[derive(Clone)]
pub struct LoopHandle(Rc<Core>);

impl LoopHandle {
    /// Time since the loop was created.
    pub fn now(&self) -> Duration {
        match self.0.time {
            LoopTime::Real => self.0.real_start.elapsed(),
            LoopTime::Virtual => self.0.virtual_now.get(),
        }
    }

    /// A line written by the task being polled: `  task 1: Starting...`.
    pub fn say(&self, text: impl std::fmt::Display) {
        match self.0.current_task.get() {
            Some(task) => self.trace(format!("  task {task}: {text}")),
            None => self.trace(text),
        }
    }

    /// A future that completes `duration` from now: this loop's `asyncio.sleep`.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        Sleep {
            handle: self.clone(),
            duration,
            deadline: self.now() + duration,
            timer: None,
        }
    }

    fn trace(&self, text: impl std::fmt::Display) {
        self.0.out.say_at(self.now(), text);
    }
}

/// The future [`LoopHandle::sleep`] returns.
pub struct Sleep {
    handle: LoopHandle,
    duration: Duration,
    deadline: Duration,
    /// The id of the timer it registered, once it has.
    timer: Option<usize>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.handle.now() >= self.deadline {
            self.handle.say(format!(
                "sleep({}s) is over: Ready, the task continues",
                seconds(self.duration)
            ));
            return Poll::Ready(());
        }
        let core = &self.handle.0;
        match self.timer {
            None => {
                // Not due yet. Before saying "Pending" a future must arrange to be woken,
                // or nobody would ever poll it again: hand our waker to the timer list.
                let id = core.next_timer_id.get();
                core.next_timer_id.set(id + 1);
                core.timers.borrow_mut().push(Timer {
                    id,
                    deadline: self.deadline,
                    task: core.current_task.get().unwrap_or_default(),
                    waker: cx.waker().clone(),
                });
                self.timer = Some(id);
                self.handle.say(format!(
                    "sleep({}s) sets a timer for {}s and returns Pending",
                    seconds(self.duration),
                    seconds(self.deadline)
                ));
            }
            Some(id) => {
                // Polled again before it is due. The `Future` contract: when it is ready,
                // wake the waker of the *most recent* poll, which may belong to another
                // task (a future can be moved between tasks, or polled through a
                // `FuturesUnordered`, which gives each future a waker of its own). So swap
                // in the new waker unless it would wake the same task.
                // (On this loop every waker of a task is an equivalent `TaskWaker`, so
                // the swap never changes who is woken here; the contract still holds.)
                if let Some(timer) = core.timers.borrow_mut().iter_mut().find(|t| t.id == id)
                    && !timer.waker.will_wake(cx.waker())
                {
                    timer.waker = cx.waker().clone();
                }
            }
        }
        Poll::Pending
    }
}

/// The event loop itself: its tasks, the ready queue, and (through its handle) the timers.
pub struct EventLoop {
    handle: LoopHandle,
    ready: Arc<ReadyQueue>,
    tasks: Vec<Option<Pin<Box<dyn Future<Output = ()>>>>>,
}

impl EventLoop {
    /// Creates an empty loop that traces into `out`: `asyncio.run`'s first step.
    pub fn new(out: &Transcript, time: LoopTime) -> Self {
        let event_loop = Self {
            handle: LoopHandle(Rc::new(Core {
                out: out.clone(),
                time,
                real_start: Instant::now(),
                virtual_now: Cell::new(Duration::ZERO),
                timers: RefCell::new(Vec::new()),
                next_timer_id: Cell::new(0),
                current_task: Cell::new(None),
            })),
            ready: Arc::new(ReadyQueue {
                task_ids: Mutex::new(VecDeque::new()),
                loop_thread: thread::current(),
            }),
            tasks: Vec::new(),
        };
        event_loop
            .handle
            .trace("loop: created (no tasks, ready queue empty, no timers)");
        event_loop
    }

    /// The handle tasks use to reach this loop's clock and timers.
    pub fn handle(&self) -> LoopHandle {
        self.handle.clone()
    }

    /// Hands a future to the loop as a new task and puts it on the ready queue.
    /// Nothing runs yet: that happens in [`run`](Self::run).
    pub fn spawn(&mut self, name: &str, future: impl Future<Output = ()> + 'static) {
        self.tasks.push(Some(Box::pin(future)));
        let task = self.tasks.len();
        self.handle
            .trace(format!("loop: task {task} ({name}) is ready"));
        self.ready.push(task);
    }

    /// Runs until every task has finished; returns how long that took.
    pub fn run(mut self) -> Duration {
        loop {
            // Poll every ready task, in the order they became ready.
            while let Some(task) = self.ready.pop() {
                self.poll_task(task);
            }
            if self.tasks.iter().all(Option::is_none) {
                let total = self.handle.now();
                self.handle.trace(format!(
                    "loop: no tasks left; exiting after {}s",
                    seconds(total)
                ));
                return total;
            }
            // Nothing is ready: every task is waiting. Find the nearest timer.
            let next = self
                .handle
                .0
                .timers
                .borrow()
                .iter()
                .map(|t| t.deadline)
                .min();
            let Some(next) = next else {
                // No timer will ever wake the remaining tasks: a deadlock.
                self.handle
                    .trace("loop: tasks are waiting but nothing can wake them; giving up");
                return self.handle.now();
            };
            self.handle.trace(format!(
                "loop: nothing ready to run; idle until the next timer at {}s",
                seconds(next)
            ));
            self.idle_until(next);
            self.fire_due_timers();
        }
    }

    fn poll_task(&mut self, task: usize) {
        // A task woken twice, or after it finished, is simply skipped.
        let Some(Some(future)) = self.tasks.get_mut(task - 1) else {
            return;
        };
        let waker = Waker::from(Arc::new(TaskWaker {
            task,
            ready: Arc::clone(&self.ready),
        }));
        let mut cx = Context::from_waker(&waker);
        self.handle.trace(format!("loop: polling task {task}"));
        self.handle.0.current_task.set(Some(task));
        // The one place where task code runs: up to its next `.await` that is not ready.
        let poll = future.as_mut().poll(&mut cx);
        self.handle.0.current_task.set(None);
        match poll {
            Poll::Ready(()) => {
                self.handle
                    .trace(format!("loop: task {task} returned Ready: finished"));
                self.tasks[task - 1] = None;
            }
            Poll::Pending => self.handle.trace(format!(
                "loop: task {task} returned Pending: paused at an .await"
            )),
        }
    }

    fn idle_until(&self, deadline: Duration) {
        match self.handle.0.time {
            LoopTime::Virtual => self.handle.0.virtual_now.set(deadline),
            LoopTime::Real => {
                // The thread really sleeps here, using no CPU. Simplified: timers are all
                // this loop waits for, so it sleeps until the deadline whatever happens.
                // `park_timeout` may return early (for no reason, or because a waker on
                // another thread unparked it); the loop just parks again. A real runtime
                // would look at its ready queue after every unpark, and wait on timers
                // and I/O together.
                while self.handle.now() < deadline {
                    thread::park_timeout(deadline - self.handle.now());
                }
            }
        }
    }

    fn fire_due_timers(&self) {
        let now = self.handle.now();
        let due: Vec<Timer> = {
            let mut timers = self.handle.0.timers.borrow_mut();
            let (mut due, pending): (Vec<Timer>, Vec<Timer>) =
                timers.drain(..).partition(|timer| timer.deadline <= now);
            *timers = pending;
            due.sort_by_key(|timer| timer.deadline);
            due
        };
        for timer in due {
            self.handle.trace(format!(
                "loop: the timer for {}s is due: wake task {}",
                seconds(timer.deadline),
                timer.task
            ));
            // This is all "the timer fires" means: the task goes back on the ready queue.
            timer.waker.wake();
        }
    }
}
