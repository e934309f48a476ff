//! The check for exercise 11b, over a fake socket (`tokio::io::duplex`) on tokio's
//! paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_11b_lines_not_reads::serve;
use exercise_kit::{Verdict, paused_runtime, run};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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
    (replies.lines().map(str::to_owned).collect(), answered)
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
                             answered {} lines",
                            expected.len()
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
