//! Given to exercise 05a: a slow *blocking* call (think `std::fs` or a synchronous
//! client), which notes the thread it ran on.

use std::sync::{Mutex, PoisonError};
use std::thread::ThreadId;
use std::time::Duration;

/// How long the blocking call takes.
pub const BLOCKS_FOR: Duration = Duration::from_millis(400);

static CONTENTS: Mutex<String> = Mutex::new(String::new());
static RAN_ON: Mutex<Vec<ThreadId>> = Mutex::new(Vec::new());

/// Reads the settings: blocks the calling thread for [`BLOCKS_FOR`], then returns them.
pub fn read_settings_blocking() -> String {
    RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(std::thread::current().id());
    std::thread::sleep(BLOCKS_FOR);
    CONTENTS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// For the check: what the settings say from now on; forgets earlier calls.
#[doc(hidden)]
pub fn script(contents: &str) {
    *CONTENTS.lock().unwrap_or_else(PoisonError::into_inner) = contents.to_owned();
    RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
}

/// For the check: the thread of each call since [`script`].
#[doc(hidden)]
pub fn ran_on() -> Vec<ThreadId> {
    RAN_ON
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}
