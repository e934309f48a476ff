//! Wrong: notes the failure and carries on sending the rest.
//! Expect: was still sent

pub use exercise_kit::connection::{Connection, Log};

/// Opens a connection, sends every message, and always closes it, also when a send
/// fails; then returns how many were sent, or the first error.
pub async fn send_all(log: &Log, messages: &[&str]) -> Result<usize, String> {
    let mut connection = Connection::open(log).await;
    let mut result = Ok(messages.len());
    for message in messages {
        if let Err(error) = connection.send(message).await {
            result = result.and(Err(error));
        }
    }
    connection.close().await;
    result
}
