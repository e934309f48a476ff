//! Wrong: the guard bound to `let _`, which drops it (and releases the file) at once.
//! Expect: not `let _ = ...`

use std::sync::{Mutex, PoisonError};

/// The temporary files open right now. Read by the check.
pub static OPEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A temporary file: open from `create` until it is dropped.
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
}

impl Drop for TempFile {
    /// Releases the file, however its owner's scope is left.
    fn drop(&mut self) {
        OPEN.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|open| *open != self.name);
    }
}

/// Saves `data` through a temporary file; an error for empty data, a panic (a bug) for
/// `"bug"`. The temporary file is released on every path.
pub fn save(name: &str, data: &str) -> Result<usize, String> {
    let _ = TempFile::create(name);
    let file = TempFile {
        name: name.to_owned(),
    };
    if data.is_empty() {
        return Err(format!("{name}: nothing to save"));
    }
    if data == "bug" {
        panic!("a bug while saving {name}");
    }
    file.write(data)
}
