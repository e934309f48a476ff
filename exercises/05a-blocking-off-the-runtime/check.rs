//! The check for exercise 05a, on the real clock (blocking takes real time): a
//! heartbeat task ticks every 20 ms while `load_settings` runs. Do not edit: the runner
//! notices.

use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ex_05a_blocking_off_the_runtime::{BLOCKS_FOR, load_settings};
use exercise_kit::settings;
use exercise_kit::{Verdict, real_time_runtime, run};

/// A gap this long means the heartbeat could not run.
const STALL: Duration = Duration::from_millis(200);

fn main() -> ExitCode {
    run(|| {
        // Settings of the check's choosing, so that an answer written out cannot pass.
        let contents = "debug = false\nworkers = 7";
        settings::script(contents);
        let runtime_thread = std::thread::current().id();
        real_time_runtime().block_on(async {
            let beats = Arc::new(Mutex::new(vec![Instant::now()]));
            let recorder = Arc::clone(&beats);
            let heartbeat = tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    recorder.lock().unwrap_or_else(PoisonError::into_inner).push(Instant::now());
                }
            });
            tokio::task::yield_now().await;
            let settings = load_settings().await;
            let end = Instant::now();
            heartbeat.abort();
            let mut beats = beats.lock().unwrap_or_else(PoisonError::into_inner).clone();
            beats.push(end);
            let longest = beats.windows(2).map(|pair| pair[1] - pair[0]).max().unwrap_or_default();
            let ran_on = settings::ran_on();
            if ran_on.len() != 1 {
                return Verdict::fail(format!(
                    "load_settings called read_settings_blocking {} times; it must call it once \
                     (the settings come from there)",
                    ran_on.len()
                ));
            }
            if settings != contents {
                return Verdict::fail(format!(
                    "load_settings returned {settings:?}; expected what read_settings_blocking \
                     returned, {contents:?}"
                ));
            }
            if longest >= STALL && ran_on[0] == runtime_thread {
                return Verdict::fail(format!(
                    "while load_settings ran, the other tasks got no turn for {} ms: the blocking \
                     call ran on the runtime's only thread (a task spawned with tokio::spawn runs \
                     there too). Run it with tokio::task::spawn_blocking and await the \
                     JoinHandle (lesson 5, Part 1)",
                    longest.as_millis()
                ));
            }
            if longest >= STALL {
                return Verdict::fail(format!(
                    "read_settings_blocking ran on another thread, but the other tasks still \
                     got no turn for {} ms: load_settings waited for that thread by blocking \
                     (a std join or recv). Await a JoinHandle from spawn_blocking instead \
                     (lesson 5, Part 1)",
                    longest.as_millis()
                ));
            }
            Verdict::pass(format!(
                "the {} ms blocking call ran off the runtime: the heartbeat never waited more than {} ms",
                BLOCKS_FOR.as_millis(),
                longest.as_millis()
            ))
        })
    })
}
