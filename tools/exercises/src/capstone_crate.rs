//! The learner's capstone crate as files: which `.rs` files are theirs, reading and
//! writing them, and one fingerprint for all of them. Used by the catalog, the guard
//! and the steps ([`crate::capstone`]) alike, and using none of them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::RunnerError;
use crate::fingerprint;

/// The learner's crate, relative to the course root.
pub const CRATE: &str = "capstone";

/// A crate's text: relative path → contents.
pub type Files = BTreeMap<PathBuf, String>;

/// The folders of a crate whose `.rs` files are the learner's.
const LEARNER_FOLDERS: [&str; 2] = ["src", "tests"];

/// The learner's files in the crate at `crate_root`: every `.rs` under `src/` and
/// `tests/`, relative to it, sorted.
pub fn learner_files(crate_root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = LEARNER_FOLDERS
        .iter()
        .flat_map(|folder| course_devkit::files::files_below(crate_root, Path::new(folder)))
        .filter(|file| file.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    found.sort();
    found
}

/// The learner's files' text.
pub fn read(crate_root: &Path) -> Files {
    learner_files(crate_root)
        .into_iter()
        .filter_map(|file| {
            let text = fs::read_to_string(crate_root.join(&file)).ok()?;
            Some((file, text))
        })
        .collect()
}

/// One fingerprint for all the learner's files (their paths and contents).
pub fn fingerprint(root: &Path) -> Option<String> {
    let files = read(&root.join(CRATE));
    if files.is_empty() {
        return None;
    }
    let mut all = Vec::new();
    for (path, text) in &files {
        all.extend_from_slice(path.to_string_lossy().as_bytes());
        all.push(0);
        all.extend_from_slice(text.as_bytes());
        all.push(0);
    }
    Some(fingerprint::of_bytes(&all))
}

/// Makes the learner's files of the crate at `crate_root` exactly `files`: writes each
/// (only when its text changed, so cargo rebuilds no more than it must) and removes the
/// learner's `.rs` files that are not among them.
pub fn write(crate_root: &Path, files: &Files) -> Result<(), RunnerError> {
    for stale in learner_files(crate_root) {
        if !files.contains_key(&stale) {
            fs::remove_file(crate_root.join(&stale)).map_err(|error| {
                RunnerError::new(format!("cannot remove {}: {error}", stale.display()))
            })?;
        }
    }
    for (path, text) in files {
        let full = crate_root.join(path);
        if fs::read_to_string(&full).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|error| {
                RunnerError::new(format!("cannot make {}: {error}", parent.display()))
            })?;
        }
        fs::write(&full, text).map_err(|error| {
            RunnerError::new(format!("cannot write {}: {error}", full.display()))
        })?;
    }
    Ok(())
}
