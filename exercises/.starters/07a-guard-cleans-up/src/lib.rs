//! # Exercise 07a: a guard that cleans up on every path
//!
//! Follows lesson 7, Part 1 (`just lesson-7`; the plain version: `just plain-7`).
//!
//! The Python it mirrors:
//!
//! ```python
//! def save(name, data):
//!     with TempFile(name) as file:       # __exit__ releases it, whatever happens
//!         file.write(data)
//! ```
//!
//! **What to do:** `save` releases its temporary file at the end, but an early return
//! (the error for empty data) or a panic skips that line, and the file stays open for
//! ever. Make the release happen on *every* path, the Rust way. Edit this file; keep the
//! names `TempFile`, `TempFile::create` and `save`.

use std::sync::{Mutex, PoisonError};

/// The temporary files open right now. Read by the check.
pub static OPEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A temporary file: open from `create` until released.
pub struct TempFile {
    name: String,
}

impl TempFile {
    /// Opens a temporary file called `name`.
    pub fn create(name: &str) -> Self {
        OPEN.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(name.to_owned());
        Self {
            name: name.to_owned(),
        }
    }

    /// Writes `data`; fails if the file is not open any more.
    pub fn write(&self, data: &str) -> Result<usize, String> {
        let open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        if !open.contains(&self.name) {
            return Err(format!(
                "{} was already released before the write",
                self.name
            ));
        }
        Ok(data.len())
    }

    /// Releases the file.
    pub fn release(self) {
        OPEN.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|open| *open != self.name);
    }
}

/// Saves `data` through a temporary file; an error for empty data, a panic (a bug) for
/// `"bug"`. The temporary file is released on every path.
pub fn save(name: &str, data: &str) -> Result<usize, String> {
    let file = TempFile::create(name);
    if data.is_empty() {
        return Err(format!("{name}: nothing to save"));
    }
    if data == "bug" {
        panic!("a bug while saving {name}");
    }
    let written = file.write(data)?;
    file.release();
    Ok(written)
}
