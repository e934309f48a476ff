//! The check for exercise 11b, over a fake socket (`tokio::io::duplex`) on tokio's
//! paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_11b_lines_not_reads::serve;
use exercise_kit::{Verdict, paused_runtime, run};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

/// Sends `writes` to `serve` over a duplex, 10 ms apart, closes the sending side, and
/// returns the reply lines and what `serve` returned.
async fn talk(writes: &[&str]) -> (Vec<String>, std::io::Result<u32>) {
    let (mut client, server) = tokio::io::duplex(1024);
    let served = tokio::spawn(serve(server));
    for write in writes {
        if client.write_all(write.as_bytes()).await.is_err() {
            break;
        }
        // The bytes arrive as they were written: 10 ms apart, not as lines.
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let _ = client.shutdown().await;
    let mut replies = String::new();
    let _ = client.read_to_string(&mut replies).await;
    let answered = served
        .await
        .unwrap_or_else(|_| Err(std::io::Error::other("serve panicked")));
    // Split on '\n' alone: `str::lines` would hide a stray '\r' before it.
    (
        replies.split_terminator('\n').map(str::to_owned).collect(),
        answered,
    )
}

/// Talks to `serve` as a person at a terminal would: one command, then its reply, then
/// the next; every reply must come while the other side is still open.
async fn one_at_a_time(commands: &[(&str, &str)]) -> Result<(), Verdict> {
    let (client, server) = tokio::io::duplex(1024);
    let served = tokio::spawn(serve(server));
    let (read, mut write) = tokio::io::split(client);
    let mut replies = BufReader::new(read);
    for (command, expected) in commands {
        if write
            .write_all(format!("{command}\n").as_bytes())
            .await
            .is_err()
        {
            break;
        }
        // `read_line` keeps the line's end as sent (`next_line` would drop a '\r').
        let mut line = String::new();
        let reply =
            tokio::time::timeout(Duration::from_secs(1), replies.read_line(&mut line)).await;
        match reply {
            Ok(Ok(read)) if read > 0 && line.strip_suffix('\n') == Some(expected) => {}
            Ok(Ok(read)) if read > 0 => {
                served.abort();
                return Err(Verdict::fail(format!(
                    "sent {command:?} and waited for its reply: got {line:?}, expected \
                     {:?} (the reply, then one '\\n')",
                    format!("{expected}\n")
                )));
            }
            Ok(_) => {
                served.abort();
                return Err(Verdict::fail(format!(
                    "sent {command:?} and waited for its reply: serve closed the stream instead"
                )));
            }
            Err(_) => {
                served.abort();
                return Err(Verdict::fail(format!(
                    "sent {command:?} and waited: no reply came while the connection stayed \
                     open. A client that waits for each answer (a person typing, a protocol \
                     like this one) would hang for ever: answer each line as soon as it \
                     arrives, not when the other side stops writing (lesson 11, Part 4)"
                )));
            }
        }
    }
    served.abort();
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            let cases: [(&[&str], &[&str], &str); 3] = [
                (&["ping\n"], &["pong"], "one command in one write"),
                (
                    &["ping\nhello\n"],
                    &["pong", "unknown command: hello"],
                    "two commands in one write",
                ),
                (&["pi", "ng\n"], &["pong"], "one command in two writes"),
            ];
            if let Err(verdict) =
                one_at_a_time(&[("ping", "pong"), ("hello", "unknown command: hello")]).await
            {
                return verdict;
            }
            for (writes, expected, what) in cases {
                let (replies, answered) = talk(writes).await;
                if replies != expected {
                    return Verdict::fail(format!(
                        "{what} ({writes:?}): expected the replies {expected:?}, got \
                         {replies:?} (a reply that holds a newline counts as two lines). A \
                         read() returns the bytes that have arrived, not a \
                         line: read lines (lesson 11, Part 4)"
                    ));
                }
                match answered {
                    Ok(count) if count as usize == expected.len() => {}
                    Ok(count) => {
                        return Verdict::fail(format!(
                            "{what}: the replies were right, but serve returned {count}; it \
                             answered {}",
                            exercise_kit::count(expected.len(), "line")
                        ));
                    }
                    Err(problem) => {
                        return Verdict::fail(format!(
                            "{what}: the replies were right, but serve returned an error: \
                             {problem}"
                        ));
                    }
                }
            }
            Verdict::pass("every line answered, however the bytes were written")
        })
    })
}
