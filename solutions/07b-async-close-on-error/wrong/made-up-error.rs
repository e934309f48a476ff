//! Wrong: closes on error, but returns an error of its own making.
//! Expect: Keep the send's error

pub use exercise_kit::connection::{Connection, Log};

/// Opens a connection, sends every message, and always closes it, also when a send
/// fails; then returns how many were sent, or the first error.
pub async fn send_all(log: &Log, messages: &[&str]) -> Result<usize, String> {
    let mut connection = Connection::open(log).await;
    for message in messages {
        if connection.send(message).await.is_err() {
            connection.close().await;
            return Err("a send failed".to_owned());
        }
    }
    connection.close().await;
    Ok(messages.len())
}
