//! Panics that a lesson causes on purpose, reported in one line.
//!
//! Some lessons panic deliberately (a task with a bug, a body that fails mid-way) to
//! show what happens next. Rust's default report is several lines with a hint about
//! backtraces, which looks like the lesson itself crashed. [`report_in_one_line`]
//! replaces it with a single line on stderr that says the panic was expected.

use std::any::Any;

/// The text a panic was raised with (`panic!("...")`); `(no message)` for other
/// payloads. Works on the payload of `catch_unwind`, of a `JoinError::into_panic`, or
/// of a panic hook.
pub fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}

/// From now on, every panic prints `(panic report) MESSAGE (why)` on stderr, one line
/// (the message's first line), instead of Rust's default report. For a lesson's `main`
/// only: the hook is process-wide.
pub fn report_in_one_line(why: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        let text = message(info.payload());
        let first_line = text.lines().next().unwrap_or_default();
        eprintln!("(panic report) {first_line} ({why})");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_of_every_payload_kind() {
        let from_str = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(message(&*from_str), "plain");
        let value = 7;
        let from_string = std::panic::catch_unwind(|| panic!("formatted {value}")).unwrap_err();
        assert_eq!(message(&*from_string), "formatted 7");
        let other = std::panic::catch_unwind(|| std::panic::panic_any(42)).unwrap_err();
        assert_eq!(message(&*other), "(no message)");
    }
}
