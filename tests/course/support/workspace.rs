//! What the workspace holds: the lesson crates, the justfile, the README.

use std::fs;
use std::path::PathBuf;

use super::binaries::workspace_root;

/// One crate under `lessons/`.
#[derive(Debug)]
pub struct Lesson {
    /// The lesson number, from the folder name: `1` for `lessons/01-coroutines`.
    pub number: u32,
    /// The folder, relative to the workspace root.
    pub folder: PathBuf,
    /// The package name from its `Cargo.toml`.
    pub package: String,
}

/// Every lesson crate, in reading order.
#[track_caller]
pub fn lessons() -> Vec<Lesson> {
    let mut lessons = Vec::new();
    let entries = fs::read_dir(workspace_root().join("lessons")).expect("lessons/ exists");
    for entry in entries {
        let path = entry.expect("lessons/ is readable").path();
        if !path.join("Cargo.toml").is_file() {
            continue;
        }
        let folder_name = path.file_name().unwrap_or_default().to_string_lossy();
        let number = folder_name
            .split('-')
            .next()
            .and_then(|digits| digits.parse().ok())
            .unwrap_or_else(|| panic!("lesson folder {folder_name} must start with its number"));
        let manifest = read(&path.join("Cargo.toml"));
        let package = manifest_field(&manifest, "name")
            .unwrap_or_else(|| panic!("{} has no package name", path.display()));
        lessons.push(Lesson {
            number,
            folder: path
                .strip_prefix(workspace_root())
                .unwrap_or(&path)
                .to_path_buf(),
            package,
        });
    }
    lessons.sort_by_key(|lesson| lesson.number);
    lessons
}

/// The text of a file in the workspace (path relative to the root, or absolute).
#[track_caller]
pub fn read(path: &std::path::Path) -> String {
    let path = workspace_root().join(path);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// `name = "value"` from a manifest, without a TOML parser: the first line that sets it.
pub fn manifest_field(manifest: &str, field: &str) -> Option<String> {
    manifest.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == field).then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Every `.rs` file below `folder` (relative to the root), with its text.
pub fn rust_sources(folder: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![workspace_root().join(folder)];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = read(&path);
                found.push((path, text));
            }
        }
    }
    found
}
