//! Wrong: reads everything first and answers at the end of the stream.
//! Expect: no reply came while the connection stayed open

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The reply to one command (without its newline).
pub fn answer(command: &str) -> String {
    match command {
        "ping" => "pong".to_owned(),
        other => format!("unknown command: {other}"),
    }
}

/// Answers every line of `stream`, one reply line each; returns how many it answered.
pub async fn serve<S>(mut stream: S) -> std::io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut all = String::new();
    stream.read_to_string(&mut all).await?;
    let mut answered = 0;
    for line in all.lines() {
        stream
            .write_all(format!("{}\n", answer(line.trim())).as_bytes())
            .await?;
        answered += 1;
    }
    stream.shutdown().await?;
    Ok(answered)
}
