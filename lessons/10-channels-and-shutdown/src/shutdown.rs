//! Part 5: graceful shutdown. Ctrl-C or SIGTERM asks the program to stop; a `watch`
//! channel carries that request to everyone who cares; the service stops taking new
//! work, gives the work in flight a deadline to finish, aborts what is left, and ends.
//!
//! asyncio's version is `loop.add_signal_handler(signal.SIGTERM, stop_event.set)` and
//! workers that check the event. The Rust shape is the same, with two differences
//! worth knowing:
//! - a signal handler installed by tokio stays installed for the life of the process,
//!   even after its `Signal` is dropped (tokio's docs for `ctrl_c` say so): from then on
//!   Ctrl-C no longer kills the program, so the program must act on it;
//! - stopping a task is dropping it (`abort`, lesson 8), so "aborted at the deadline"
//!   means the job's code stopped at its pending `.await`; only its `Drop`s ran.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::time::Duration;

use course_kit::Transcript;
use course_kit::clock::seconds;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::{Instant, interval, sleep, timeout};

/// What asked the program to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// Ctrl-C in the terminal (SIGINT).
    CtrlC,
    /// SIGTERM: what `kill`, systemd and `docker stop` send.
    Terminate,
    /// The lesson's stand-in for a Ctrl-C, so that Part 5 runs without one.
    Pretend,
}

impl Signal {
    /// The exit code a shell reports for a program this signal stopped (128 + its
    /// number), which the lesson uses when a signal cuts it short. (The pretend Ctrl-C
    /// only ever starts Part 5's shutdown, so its code is never used.)
    pub fn exit_code(self) -> u8 {
        match self {
            Self::CtrlC | Self::Pretend => 130,
            Self::Terminate => 143,
        }
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CtrlC => "Ctrl-C",
            Self::Terminate => "SIGTERM",
            Self::Pretend => "a pretend Ctrl-C",
        })
    }
}

/// A request to stop, which every part of the program can wait for or look at. Cheap
/// to clone: all clones see the same request.
#[derive(Clone, Debug)]
pub struct StopRequest(watch::Receiver<Option<Signal>>);

/// The other end of a [`StopRequest`]: whoever holds it can ask for the stop.
#[derive(Debug)]
pub struct StopSwitch(watch::Sender<Option<Signal>>);

impl StopSwitch {
    /// Asks everyone watching to stop (the first request counts; later ones change
    /// nothing).
    pub fn pull(&self, signal: Signal) {
        self.0.send_if_modified(|asked| {
            let first = asked.is_none();
            if first {
                *asked = Some(signal);
            }
            first
        });
    }
}

impl StopRequest {
    /// A switch and the request it sets (for tests, and for [`from_signals`](Self::from_signals)).
    pub fn channel() -> (StopSwitch, Self) {
        let (sender, receiver) = watch::channel(None);
        (StopSwitch(sender), Self(receiver))
    }

    /// A request set by Ctrl-C, or on Unix by SIGTERM too. The listeners are made
    /// here, before this returns, so no Ctrl-C after this call can kill the program
    /// without a word. (Not `tokio::signal::ctrl_c()` inside the task: that future
    /// listens only from its first poll, when the task first runs, a moment later.)
    /// Must be called inside a tokio runtime.
    pub fn from_signals() -> io::Result<Self> {
        let (switch, request) = Self::channel();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut interrupt = signal(SignalKind::interrupt())?;
            let mut terminate = signal(SignalKind::terminate())?;
            // A task of its own listens for the rest of the program's life; each signal
            // after the first changes nothing (the request is already set).
            tokio::spawn(async move {
                loop {
                    let which = tokio::select! {
                        Some(()) = interrupt.recv() => Signal::CtrlC,
                        Some(()) = terminate.recv() => Signal::Terminate,
                        else => break,
                    };
                    switch.pull(which);
                }
            });
        }
        #[cfg(windows)]
        {
            // Like `signal` above, `windows::ctrl_c()` listens from the moment it is
            // made, here.
            let mut interrupt = tokio::signal::windows::ctrl_c()?;
            tokio::spawn(async move {
                while interrupt.recv().await.is_some() {
                    switch.pull(Signal::CtrlC);
                }
            });
        }
        Ok(request)
    }

    /// Waits until a stop is asked for. Never returns if the switch is gone unpulled.
    pub async fn requested(&self) -> Signal {
        let mut watching = self.0.clone();
        // `wait_for` looks at the current value first, then at each change.
        match watching.wait_for(Option::is_some).await.map(|asked| *asked) {
            Ok(Some(signal)) => signal,
            _ => std::future::pending().await,
        }
    }

    /// Runs `work` unless a stop is asked for first; then `work` is dropped where it
    /// waits (lesson 8) and the answer says which part was cut short.
    pub async fn or_interrupt<T>(
        &self,
        part: &'static str,
        work: impl Future<Output = T>,
    ) -> Result<T, Interrupted> {
        tokio::select! {
            done = work => Ok(done),
            signal = self.requested() => Err(Interrupted { part, signal }),
        }
    }
}

/// The lesson was stopped by a signal before its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interrupted {
    /// Which part was running.
    pub part: &'static str,
    /// What stopped it.
    pub signal: Signal,
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stopped by {} during {}: its futures were dropped where they waited (lesson 8), \
             and nothing else ran",
            self.signal, self.part
        )
    }
}

impl std::error::Error for Interrupted {}

/// How Part 5's pretend service behaves.
#[derive(Clone, Copy, Debug)]
pub struct Service {
    /// A new job starts this often.
    pub every: Duration,
    /// How long a job takes...
    pub job_takes: Duration,
    /// ...except every third one, which takes this long.
    pub slow_job_takes: Duration,
    /// How long the work in flight gets to finish once a stop is asked for.
    pub drain_deadline: Duration,
    /// When the pretend Ctrl-C comes; `None`: wait for a real signal.
    pub pretend_signal_after: Option<Duration>,
}

/// The lesson's run: a pretend Ctrl-C at 1.1 s.
pub const DEMO: Service = Service {
    every: Duration::from_millis(250),
    job_takes: Duration::from_millis(600),
    slow_job_takes: Duration::from_secs(3),
    drain_deadline: Duration::from_secs(1),
    pretend_signal_after: Some(Duration::from_millis(1100)),
};

/// `--serve`: the same service, until a real Ctrl-C or SIGTERM.
pub const SERVE: Service = Service {
    pretend_signal_after: None,
    ..DEMO
};

/// What a shutdown did.
#[derive(Debug, PartialEq, Eq)]
pub struct Drained {
    /// What asked for it.
    pub signal: Signal,
    /// Jobs started in all.
    pub started: u32,
    /// Jobs that ran to their end (before or after the request).
    pub finished: u32,
    /// Jobs still running at the deadline, aborted.
    pub aborted: Vec<u32>,
}

/// One job: says when it starts and ends.
async fn job(out: Transcript, number: u32, takes: Duration, slow: bool) {
    let kind = if slow { " (slow)" } else { "" };
    out.say(format!("job {number} started{kind}"));
    sleep(takes).await;
    out.say(format!("job {number} finished"));
}

/// Part 5: a service that starts jobs until asked to stop, then drains them.
pub async fn graceful_shutdown(out: &Transcript, stop: &StopRequest, service: Service) -> Drained {
    out.heading("Part 5: graceful shutdown (Ctrl-C, SIGTERM ↔ loop.add_signal_handler)");
    out.note(format!(
        "Jobs start every {} s and take {} s (every third: {} s); on a stop: no new jobs,",
        seconds(service.every),
        seconds(service.job_takes),
        seconds(service.slow_job_takes)
    ));
    out.note(format!(
        "{} s for the jobs in flight, then the rest are aborted.",
        seconds(service.drain_deadline)
    ));
    match service.pretend_signal_after {
        Some(after) => out.note(format!(
            "A pretend Ctrl-C comes at {} s (press a real one to stop sooner):",
            seconds(after)
        )),
        None => out.note("Running until you press Ctrl-C (or send SIGTERM):"),
    }
    let start = Instant::now();
    // What asks to stop: the real request, or the pretend one, whichever comes first.
    // Made once, outside the loop, and polled by reference each turn: a `select!` in a
    // loop must not recreate a future that has to keep its progress (lesson 8, Part 5).
    let asked = async {
        let pretend = async {
            match service.pretend_signal_after {
                Some(after) => {
                    sleep(after).await;
                    Signal::Pretend
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            signal = stop.requested() => signal,
            signal = pretend => signal,
        }
    };
    let mut asked = std::pin::pin!(asked);
    let mut ticker = interval(service.every);
    let mut jobs = JoinSet::new();
    let mut ends_at = HashMap::new();
    let (mut started, mut finished) = (0, 0);
    let signal = loop {
        tokio::select! {
            // Checked first: once a stop is asked for, no tick can start a new job.
            biased;
            signal = &mut asked => break signal,
            // Reaps jobs that ended, so the set holds only the ones in flight. (A job
            // that panicked would not match `Some(Ok(()))`, and not count as finished.)
            Some(Ok(())) = jobs.join_next(), if !jobs.is_empty() => finished += 1,
            _ = ticker.tick() => {
                started += 1;
                let slow = started % 3 == 0;
                let takes = if slow { service.slow_job_takes } else { service.job_takes };
                // A task per job: it runs while this loop waits for the next tick.
                let handle = jobs.spawn(job(out.clone(), started, takes, slow));
                ends_at.insert(handle.id(), (started, start.elapsed() + takes));
            }
        }
    };
    // Jobs that ended at the very moment of the stop are done, not in flight: collect
    // them first (try_join_next takes only what has already finished).
    while let Some(joined) = jobs.try_join_next() {
        if joined.is_ok() {
            finished += 1;
        }
    }
    let finished_before = finished;
    out.say(format!(
        "shutdown asked ({signal}): no new jobs; up to {} s for the {} in flight",
        seconds(service.drain_deadline),
        jobs.len()
    ));
    // The drain: wait for the jobs in flight, but not forever.
    let drain = async {
        while let Some(joined) = jobs.join_next().await {
            if joined.is_ok() {
                finished += 1;
            }
        }
    };
    let drained_in_time = timeout(service.drain_deadline, drain).await.is_ok();
    let mut aborted = Vec::new();
    if !drained_in_time {
        // The deadline passed: stop the rest. Each aborted task is dropped at its
        // pending `.await`; join_next_with_id says which one it was.
        jobs.abort_all();
        while let Some(joined) = jobs.join_next_with_id().await {
            let id = match &joined {
                Ok((id, ())) => *id,
                Err(error) => error.id(),
            };
            let Some((number, end)) = ends_at.get(&id) else {
                continue;
            };
            match joined {
                Ok(_) => finished += 1,
                Err(error) if error.is_cancelled() => {
                    out.say(format!(
                        "deadline: job {number} aborted (it would have run until {} s into Part 5)",
                        seconds(*end)
                    ));
                    aborted.push(*number);
                }
                Err(_panicked) => out.say(format!("job {number} panicked")),
            }
        }
    }
    aborted.sort_unstable();
    out.say(format!(
        "shut down: {started} started, {finished} finished ({finished_before} before the stop, {} \
         during the drain), {} aborted; none started after the stop",
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
