//! Where the course is, and which lessons it has: read the same way by the tools and
//! the tests.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The course's root folder: two above this crate (`tools/devkit`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// One lesson crate under `lessons/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The number from the folder name: 3 for `lessons/03-sequential-vs-gather`.
    pub number: u32,
    /// The folder name: `03-sequential-vs-gather`.
    pub folder: String,
    /// The package name, by the course's rule: `lesson-` and the folder name.
    pub package: String,
}

impl Lesson {
    /// The folder, relative to the root: `lessons/03-sequential-vs-gather`.
    pub fn path(&self) -> PathBuf {
        Path::new("lessons").join(&self.folder)
    }

    /// The plain version's example name: `plain-03`.
    pub fn plain_example(&self) -> String {
        format!("plain-{:02}", self.number)
    }

    /// The Python counterpart, relative to the root: `python/lesson_03.py`.
    pub fn python_file(&self) -> String {
        format!("python/lesson_{:02}.py", self.number)
    }
}

/// Every lesson under `root/lessons` (a folder `NN-topic` with a `Cargo.toml`), in
/// reading order.
///
/// # Errors
/// If `root/lessons` cannot be read.
pub fn lessons(root: &Path) -> io::Result<Vec<Lesson>> {
    let mut lessons = Vec::new();
    for entry in fs::read_dir(root.join("lessons"))? {
        let entry = entry?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The course's own lessons are found, in order, each named by the rule.
    #[test]
    fn the_course_lessons_are_found_in_order() {
        let lessons = lessons(&root()).unwrap();
        assert!(lessons.len() >= 11, "{lessons:?}");
        assert_eq!(lessons[0].folder, "01-coroutines");
        assert_eq!(lessons[0].package, "lesson-01-coroutines");
        assert!(
            lessons
                .windows(2)
                .all(|pair| pair[0].number < pair[1].number)
        );
    }
}
