//! The course's helpers, each its own binary with its own `--help`:
//!
//! - `compare N` ([`compare`]): runs lesson N's Python counterpart and its plain Rust
//!   version side by side (`just compare N`);
//! - `new-lesson NN topic "Title"` ([`scaffold`]): a new lesson, wired up everywhere
//!   (`just new-lesson ...`).
//!
//! They find the course through [`workspace`], and build what they run through
//! [`cargo`].

pub mod cargo;
pub mod compare;
pub mod scaffold;
pub mod workspace;

use std::fmt;

/// Why a tool could not do its job: one line for `main` to print.
#[derive(Debug)]
pub struct ToolError(String);

impl ToolError {
    /// An error that says `what` went wrong.
    pub fn new(what: impl Into<String>) -> Self {
        Self(what.into())
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToolError {}
