//! What the workspace holds: the lesson crates, the justfile, the README.

use std::fs;
use std::path::PathBuf;

pub use course_devkit::workspace::Lesson;

use super::binaries::workspace_root;

/// Every lesson of the registry (`course.toml`), in reading order, read the way the
/// tools read them (`course_devkit::workspace`); `path()` is its folder relative to the
/// root.
#[track_caller]
pub fn lessons() -> Vec<Lesson> {
    course_devkit::workspace::lessons(&workspace_root())
        .unwrap_or_else(|problem| panic!("{problem}"))
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
    let root = workspace_root();
    course_devkit::files::files_below(&root, folder.as_ref())
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| {
            let path = root.join(path);
            let text = read(&path);
            (path, text)
        })
        .collect()
}
