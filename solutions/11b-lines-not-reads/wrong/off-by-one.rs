//! Wrong: reads lines but counts one too many.
//! Expect: it answered 1 line

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// The reply to one command (without its newline).
pub fn answer(command: &str) -> String {
    match command {
        "ping" => "pong".to_owned(),
        other => format!("unknown command: {other}"),
    }
}

/// Answers every line of `stream`, one reply line each; returns how many it answered.
pub async fn serve<S>(stream: S) -> std::io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 1;
    while let Some(line) = lines.next_line().await? {
        writer
            .write_all(format!("{}\n", answer(line.trim())).as_bytes())
            .await?;
        answered += 1;
    }
    writer.shutdown().await?;
    Ok(answered)
}
