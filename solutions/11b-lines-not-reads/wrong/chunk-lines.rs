//! Wrong: answers each read() chunk, line by line within it: a command split over two writes is answered twice.
//! Expect: one command in two writes

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
    let mut buffer = [0_u8; 1024];
    let mut answered = 0;
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        for command in String::from_utf8_lossy(&buffer[..read]).lines() {
            stream
                .write_all(format!("{}\n", answer(command.trim())).as_bytes())
                .await?;
            answered += 1;
        }
    }
    stream.shutdown().await?;
    Ok(answered)
}
