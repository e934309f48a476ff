//! Wrong: keeps starting jobs while the others drain.
//! Expect: none should start after the stop

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

/// How often a new job starts.
pub const EVERY: Duration = Duration::from_millis(200);

/// How long a job takes.
pub const JOB_TAKES: Duration = Duration::from_millis(500);

/// Starts a job every [`EVERY`] until `stop` turns `true`.
pub async fn serve(mut stop: watch::Receiver<bool>) {
    let mut ticker = tokio::time::interval(EVERY);
    let mut jobs = JoinSet::new();
    let mut number = 0;
    let mut stopping = false;
    loop {
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped), if !stopping => stopping = true,
            _ = ticker.tick() => {
                number += 1;
                jobs.spawn(job(number));
            }
            Some(_) = jobs.join_next(), if stopping => {
                if jobs.is_empty() {
                    return;
                }
            }
        }
    }
}

// ---- The jobs. Do not edit below: the check reads what they record. ----

/// Job numbers in the order they started.
pub static STARTED: Mutex<Vec<u32>> = Mutex::new(Vec::new());
/// Job numbers in the order they finished.
pub static FINISHED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// One job: records its start, works for [`JOB_TAKES`], records its end.
pub async fn job(number: u32) {
    record(&STARTED, number);
    tokio::time::sleep(JOB_TAKES).await;
    record(&FINISHED, number);
}

fn record(list: &Mutex<Vec<u32>>, number: u32) {
    list.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(number);
}
