//! Wrong: ends each reply with "\r\n", as a Windows habit or an HTTP one would: the check reads the line ends as they were sent.
//! Expect: (the reply, then one

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
    // BufReader keeps what it has read past a newline for the next line.
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 0;
    while let Some(line) = lines.next_line().await? {
        writer
            .write_all(format!("{}\r\n", answer(line.trim())).as_bytes())
            .await?;
        answered += 1;
    }
    writer.shutdown().await?;
    Ok(answered)
}
