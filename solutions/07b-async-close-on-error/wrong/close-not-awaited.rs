//! Wrong: spawns the close without awaiting it: it has not happened when send_all returns.
//! Expect: close() never ran

pub use exercise_kit::connection::{Connection, Log};

/// Opens a connection, sends every message, and always closes it, also when a send
/// fails; then returns how many were sent, or the first error.
pub async fn send_all(log: &Log, messages: &[&str]) -> Result<usize, String> {
    let mut connection = Connection::open(log).await;
    for message in messages {
        if let Err(error) = connection.send(message).await {
            tokio::spawn(connection.close());
            return Err(error);
        }
    }
    connection.close().await;
    Ok(messages.len())
}
