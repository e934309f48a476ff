//! The code under test in Parts 4 and 5: a tiny line protocol. Each line is a command;
//! `ping` gets `pong`, anything else `unknown command: ...`.
//!
//! It is written for *any* stream that reads and writes bytes (`AsyncRead + AsyncWrite`),
//! not for `TcpStream` only. That is what makes it testable without a network: a test
//! hands it one end of `tokio::io::duplex`, an in-memory pipe, and talks to the other.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// Answers every line on `stream` until the other side stops writing; returns how many
/// lines it answered.
pub async fn serve_lines<S>(stream: S) -> std::io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // Two halves: one to read lines from, one to write replies to. A `BufReader` alone
    // would do for taking turns (it owns the stream, and writes through to it), but
    // `split` lets a read and a write be in flight *at the same time*: two tasks, or a
    // `select!` that waits for the next line while a reply is still being sent.
    let (reader, mut writer) = tokio::io::split(stream);
    // `lines()` cuts the bytes at each newline, however they arrived: two commands in
    // one packet, or one command in two.
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 0;
    while let Some(line) = lines.next_line().await? {
        let reply = match line.trim() {
            "ping" => "pong".to_owned(),
            other => format!("unknown command: {other}"),
        };
        writer.write_all(format!("{reply}\n").as_bytes()).await?;
        answered += 1;
    }
    writer.shutdown().await?;
    Ok(answered)
}

/// The client side, for the lesson and its tests: sends `commands`, closes its sending
/// half, and returns every reply line. It writes and reads at the same time: writing
/// everything first could fill both directions of a small pipe and wait for ever.
pub async fn ask<S>(stream: S, commands: &[&str]) -> std::io::Result<Vec<String>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = tokio::io::split(stream);
    let mut request = commands.join("\n");
    request.push('\n');
    let send = async {
        writer.write_all(request.as_bytes()).await?;
        // Closing our sending half is how the server learns there is nothing more.
        writer.shutdown().await
    };
    let receive = async {
        let mut replies = Vec::new();
        let mut lines = BufReader::new(reader).lines();
        while let Some(line) = lines.next_line().await? {
            replies.push(line);
        }
        Ok::<_, std::io::Error>(replies)
    };
    // Both at once, on this task: join! polls each whenever it can go on.
    let (sent, replies) = tokio::join!(send, receive);
    sent?;
    replies
}
