//! Given to exercise 07b: a connection whose open and close each take a round trip, and
//! whose server refuses one message (the check says which).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What happened on the connections of one log, in order.
#[derive(Clone, Debug, Default)]
pub struct Log {
    events: Arc<Mutex<Vec<String>>>,
    refused: Arc<str>,
}

impl Log {
    /// For the check: a log whose server refuses the message `refused`.
    #[doc(hidden)]
    pub fn refusing(refused: &str) -> Self {
        Self {
            events: Arc::default(),
            refused: refused.into(),
        }
    }

    /// The events so far: `open`, `sent MESSAGE`, `refused MESSAGE`, `closed`.
    pub fn events(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn note(&self, event: String) {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(event);
    }
}

/// An open connection (`async with`'s resource). Close it with [`Connection::close`]:
/// there is no async `Drop`.
#[derive(Debug)]
pub struct Connection {
    log: Log,
    sent: usize,
}

impl Connection {
    /// `__aenter__`: opens a connection (a round trip: 100 ms).
    pub async fn open(log: &Log) -> Self {
        tokio::time::sleep(Duration::from_millis(100)).await;
        log.note("open".to_owned());
        Self {
            log: log.clone(),
            sent: 0,
        }
    }

    /// Sends one message (50 ms); the server refuses one message, with an error that
    /// says which and where.
    pub async fn send(&mut self, message: &str) -> Result<(), String> {
        tokio::time::sleep(Duration::from_millis(50)).await;
        self.sent += 1;
        if *message == *self.log.refused {
            self.log.note(format!("refused {message}"));
            return Err(format!(
                "the server refused {message:?} (message {} on this connection)",
                self.sent
            ));
        }
        self.log.note(format!("sent {message}"));
        Ok(())
    }

    /// `__aexit__`: says goodbye, which takes a round trip (100 ms).
    pub async fn close(self) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.log.note("closed".to_owned());
    }
}
