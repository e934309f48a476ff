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

pub use crate::registry::Lesson;

/// Every lesson of the registry (`course.toml`), in reading order.
///
/// # Errors
/// One line, if the registry cannot be read.
pub fn lessons(root: &Path) -> Result<Vec<Lesson>, String> {
    crate::registry::load(root).map(|registry| registry.lessons)
}

/// The lesson folders on disk: every `NN-topic` under `root/lessons` with a
/// `Cargo.toml`, sorted. The registry must list exactly these (a test says so).
///
/// # Errors
/// If `root/lessons` cannot be read.
pub fn lesson_folders(root: &Path) -> io::Result<Vec<String>> {
    let mut folders = Vec::new();
    for entry in fs::read_dir(root.join("lessons"))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let numbered = name
            .split_once('-')
            .is_some_and(|(digits, _)| digits.parse::<u32>().is_ok());
        if numbered && entry.path().join("Cargo.toml").is_file() {
            folders.push(name);
        }
    }
    folders.sort();
    Ok(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The course's own lessons are read from the registry, in order, each named by the rule.
    #[test]
    fn the_course_lessons_are_found_in_order() {
        let lessons = lessons(&root()).unwrap();
        assert!(lessons.len() >= 11, "{lessons:?}");
        assert_eq!(lessons[0].folder, "01-coroutines");
        assert_eq!(lessons[0].package(), "lesson-01-coroutines");
        assert!(
            lessons
                .windows(2)
                .all(|pair| pair[0].number < pair[1].number)
        );
    }
}
