//! The check for exercise 07b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;

use ex_07b_async_close_on_error::{Log, send_all};
use exercise_kit::{Verdict, measure, paused_runtime, run};

/// One case: `send_all(messages)` on a server that refuses `refused`.
async fn case(messages: &[&str], refused: &str) -> Result<(), Verdict> {
    let log = Log::refusing(refused);
    let call = format!("send_all({messages:?}) to a server that refuses {refused:?}");
    let measured = measure(send_all(&log, messages)).await;
    measured.honest(&call)?;
    let events = log.events();
    let Some(at) = messages.iter().position(|m| *m == refused) else {
        let mut expected = vec!["open".to_owned()];
        expected.extend(messages.iter().map(|m| format!("sent {m}")));
        expected.push("closed".to_owned());
        if measured.output != Ok(messages.len()) || events != expected {
            return Err(Verdict::fail(format!(
                "{call} gave {:?} with the events {events:?}; expected Ok({}) and {expected:?}",
                measured.output,
                messages.len()
            )));
        }
        return Ok(());
    };
    let error = format!(
        "the server refused {refused:?} (message {} on this connection)",
        at + 1
    );
    if events.last().map(String::as_str) != Some("closed") {
        return Err(Verdict::fail(format!(
            "{call}: the send failed and close() never ran; the events are {events:?}. There is \
             no async Drop: await close() before returning the error (lesson 7, Part 2, \
             with_connection)"
        )));
    }
    if let Some(late) = messages[at + 1..]
        .iter()
        .find(|m| events.contains(&format!("sent {m}")))
    {
        return Err(Verdict::fail(format!(
            "{call}: after the refused send, {late:?} was still sent ({events:?}): stop at the \
             first error"
        )));
    }
    if measured.output != Err(error.clone()) {
        return Err(Verdict::fail(format!(
            "{call}: closed properly, but it returned {:?}; expected the error the refused send \
             gave, Err({error:?}). Keep the send's error and return it after the close, \
             unchanged",
            measured.output
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases: [(&[&str], &str); 3] = [
                (&["a", "b"], "bad"),
                (&["a", "bad", "c"], "bad"),
                (&["x", "y", "nope", "z"], "nope"),
            ];
            for (messages, refused) in cases {
                if let Err(verdict) = case(messages, refused).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "closed after every send succeeded and after a send failed, and the send's own \
                 error came back",
            )
        })
    })
}
