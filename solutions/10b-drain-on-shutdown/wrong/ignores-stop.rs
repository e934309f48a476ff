//! Wrong: ignores the stop.
//! Expect: serve was still running

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

/// How often a new job starts.
pub const EVERY: Duration = Duration::from_millis(200);

/// How long a job takes.
pub const JOB_TAKES: Duration = Duration::from_millis(500);

/// Starts a job every [`EVERY`] until `stop` turns `true`.
pub async fn serve(stop: watch::Receiver<bool>) {
    let _keep = stop;
    let mut ticker = tokio::time::interval(EVERY);
    let mut jobs = JoinSet::new();
    let mut number = 0;
    loop {
        ticker.tick().await;
        number += 1;
        jobs.spawn(job(number));
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
