//! Given to exercises 01b and 03a: greetings that take time.
//!
//! [`greet`] waits as long as the check says for that name (one second unless told
//! otherwise), then returns `"Hello, NAME!"`; a [`Log`] greets and writes each greeting
//! down. Both note every call with its virtual start and end, so the check sees whether
//! (and when) they were really called.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// One call of [`greet`] or [`Log::greet`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// Who was greeted.
    pub name: String,
    /// When the greeting started.
    pub started: Instant,
    /// When it ended (`None`: dropped before its end).
    pub ended: Option<Instant>,
}

#[derive(Default)]
struct Script {
    times: HashMap<String, Duration>,
    calls: Vec<Call>,
}

static SCRIPT: Mutex<Option<Script>> = Mutex::new(None);

fn with_script<T>(work: impl FnOnce(&mut Script) -> T) -> T {
    let mut script = SCRIPT.lock().unwrap_or_else(PoisonError::into_inner);
    work(script.get_or_insert_with(Script::default))
}

/// Waits (one second, unless the check set another time for `name`), then returns
/// `"Hello, NAME!"`.
pub async fn greet(name: &str) -> String {
    let takes = with_script(|script| {
        script.calls.push(Call {
            name: name.to_owned(),
            started: Instant::now(),
            ended: None,
        });
        script
            .times
            .get(name)
            .copied()
            .unwrap_or(Duration::from_secs(1))
    });
    tokio::time::sleep(takes).await;
    with_script(|script| {
        if let Some(call) = script
            .calls
            .iter_mut()
            .rev()
            .find(|call| call.name == name && call.ended.is_none())
        {
            call.ended = Some(Instant::now());
        }
    });
    format!("Hello, {name}!")
}

/// Who was greeted, in order: shared between tasks (an `Arc` inside, so a clone is the
/// same log).
#[derive(Clone, Debug, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    /// Greets `name` (as [`greet`] does), then writes the greeting to the log.
    pub async fn greet(&self, name: &str) {
        let greeting = greet(name).await;
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(greeting);
    }

    /// The greetings written so far, in order.
    pub fn greetings(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// For the check: how long greeting each name takes from now on; forgets earlier calls.
#[doc(hidden)]
pub fn script(times: &[(&str, Duration)]) {
    with_script(|script| {
        *script = Script {
            times: times
                .iter()
                .map(|(name, takes)| ((*name).to_owned(), *takes))
                .collect(),
            calls: Vec::new(),
        };
    });
}

/// For the check: every call since [`script`], in the order they started.
#[doc(hidden)]
pub fn calls() -> Vec<Call> {
    with_script(|script| script.calls.clone())
}
