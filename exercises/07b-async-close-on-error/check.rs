//! The check for exercise 07b, on tokio's paused clock: looks at the order of open,
//! sends and close. Do not edit: the runner notices.

use std::process::ExitCode;
use std::sync::PoisonError;

use ex_07b_async_close_on_error::{Log, send_all};
use exercise_kit::{Verdict, paused_runtime, run};

fn events(log: &Log) -> Vec<String> {
    log.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let log = Log::default();
            let sent = send_all(&log, &["a", "b"]).await;
            if sent != Ok(2) || events(&log) != ["open", "sent a", "sent b", "closed"] {
                return Verdict::fail(format!(
                    "send_all(&[\"a\", \"b\"]) gave {sent:?} with the events {:?}; expected Ok(2) \
                     and [\"open\", \"sent a\", \"sent b\", \"closed\"]",
                    events(&log)
                ));
            }
            let log = Log::default();
            let failed = send_all(&log, &["a", "bad", "c"]).await;
            if failed.is_ok() {
                return Verdict::fail("send_all(&[\"a\", \"bad\", \"c\"]) should return the refused send's error");
            }
            let happened = events(&log);
            if happened.last().map(String::as_str) != Some("closed") {
                return Verdict::fail(format!(
                    "the send failed and close() never ran: the events are {happened:?}. There is \
                     no async Drop: await close() before returning the error (lesson 7, Part 2, \
                     with_connection)"
                ));
            }
            if happened.iter().any(|event| event == "sent c") {
                return Verdict::fail(format!(
                    "after the refused send, \"c\" was still sent ({happened:?}): stop at the first error"
                ));
            }
            Verdict::pass("closed after every send succeeded, and after a send failed; the error came back")
        })
    })
}
