//! Where the course is, and which lessons it has.

use std::fs;
use std::path::{Path, PathBuf};

use crate::ToolError;

/// The workspace root: two folders above this crate (`tools/course-tools`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// One lesson crate under `lessons/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The number from the folder name: 3 for `lessons/03-sequential-vs-gather`.
    pub number: u32,
    /// The folder name: `03-sequential-vs-gather`.
    pub folder: String,
    /// The package name: `lesson-03-sequential-vs-gather`.
    pub package: String,
}

impl Lesson {
    /// The plain version's example name: `plain-03`.
    pub fn plain_example(&self) -> String {
        format!("plain-{:02}", self.number)
    }

    /// The Python counterpart, relative to the root: `python/lesson_03.py`.
    pub fn python_file(&self) -> String {
        format!("python/lesson_{:02}.py", self.number)
    }
}

/// Every lesson under `root/lessons`, in reading order.
pub fn lessons(root: &Path) -> Result<Vec<Lesson>, ToolError> {
    let folder = root.join("lessons");
    let entries = fs::read_dir(&folder)
        .map_err(|error| ToolError::new(format!("cannot read {}: {error}", folder.display())))?;
    let mut lessons = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((digits, _topic)) = name.split_once('-') else {
            continue;
        };
        let Ok(number) = digits.parse::<u32>() else {
            continue;
        };
        if entry.path().join("Cargo.toml").is_file() {
            lessons.push(Lesson {
                number,
                package: format!("lesson-{name}"),
                folder: name,
            });
        }
    }
    lessons.sort_by_key(|lesson| lesson.number);
    Ok(lessons)
}
