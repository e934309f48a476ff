//! The course's one registry, `course.toml`: its lessons, its exercises and the
//! capstone's steps, as typed data (serde), with a format number.
//!
//! ```toml
//! format = 2
//!
//! [[lesson]]
//! number = 3
//! folder = "03-sequential-vs-gather"
//! title = "Sequential await vs gather"
//! summary = "sequential await vs gather (join!, join_all), with timeline charts"
//! python = "awaits in a row are sequential (6 s); `asyncio.gather()` (2 s)"
//! rust = "`tokio::join!`, `futures::future::join_all`"
//!
//! [[exercise]]
//! name = "03a-concurrent-greetings"
//! lesson = "3, Part 3"
//! hints = ["Calling greet(name) only creates a future; ...", "..."]
//! compiler = "(only for a starter that does not compile) what the error means"
//! compiler_errors = { E0507 = "what that error means here, when a change meets it" }
//!
//! [[step]]
//! number = 1
//! name = "fanout-1-skeleton"
//! title = "the skeleton"
//! lesson = "10, Part 5"
//! reread = "lesson 10, Part 5 (graceful shutdown)"
//! hints = ["..."]
//! ```
//!
//! Readers: the exercise runner (its catalog), the instructors' tools (`generate`,
//! `new-lesson`, `new-exercise`, `exercise-admin`) and the tests. What must stay text
//! elsewhere (the justfile's lesson recipes, the book's tables) is generated from it by
//! `course-tools`' `generate`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The registry, relative to the course root.
pub const FILE: &str = "course.toml";

/// The registry's format these tools read.
pub const FORMAT: u32 = 2;

/// `course.toml` as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// The format number: [`FORMAT`].
    pub format: u32,
    /// The lessons, in reading order.
    #[serde(default, rename = "lesson")]
    pub lessons: Vec<Lesson>,
    /// The exercises, in course order.
    #[serde(default, rename = "exercise")]
    pub exercises: Vec<ExerciseEntry>,
    /// The capstone's steps, in order.
    #[serde(default, rename = "step")]
    pub steps: Vec<StepEntry>,
}

/// One lesson: a crate under `lessons/`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Its number: 3.
    pub number: u32,
    /// Its folder under `lessons/`: `03-sequential-vs-gather`.
    pub folder: String,
    /// The chapter's title (Markdown).
    pub title: String,
    /// One line for `just --list` (plain text).
    pub summary: String,
    /// The Python idea it starts from (Markdown, the book's table of lessons).
    pub python: String,
    /// The Rust idea it teaches (Markdown).
    pub rust: String,
}

impl Lesson {
    /// The package, by the course's rule: `lesson-` and the folder name.
    pub fn package(&self) -> String {
        format!("lesson-{}", self.folder)
    }

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

    /// The chapter, relative to the book's `src/`: `lessons/03-sequential-vs-gather.md`.
    pub fn chapter(&self) -> String {
        format!("lessons/{}.md", self.folder)
    }

    /// The test module under `tests/course`: `lesson_03`.
    pub fn test_module(&self) -> String {
        format!("lesson_{:02}", self.number)
    }
}

/// One exercise, as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseEntry {
    /// Its folder under `exercises/`: `03a-concurrent-greetings`.
    pub name: String,
    /// The lesson part it follows: `3, Part 3`.
    pub lesson: String,
    /// Its hints, gentlest first.
    pub hints: Vec<String>,
    /// For a starter that does not compile on purpose: the error in plain words.
    pub compiler: Option<String>,
    /// Notes for errors a learner's change typically meets, by error code.
    #[serde(default)]
    pub compiler_errors: BTreeMap<String, String>,
}

/// One step of the capstone, as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepEntry {
    /// Its number, from 1.
    pub number: u32,
    /// Its name: `fanout-1-skeleton`.
    pub name: String,
    /// Its title, as the check's messages say it.
    pub title: String,
    /// The lesson parts it builds on.
    pub lesson: String,
    /// What to reread when it fails.
    pub reread: String,
    /// Its hints, gentlest first.
    pub hints: Vec<String>,
    /// Notes for errors the step's changes typically meet, by error code.
    #[serde(default)]
    pub compiler_errors: BTreeMap<String, String>,
}

/// Reads and checks [`FILE`] under `root`. The error is one line, naming the file.
///
/// # Errors
/// If the file cannot be read, is not the registry, or is of another format.
pub fn load(root: &Path) -> Result<Registry, String> {
    let path = root.join(FILE);
    let text = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    parse(&text).map_err(|problem| format!("{FILE}: {problem}"))
}

/// Parses and checks the text of [`FILE`].
///
/// # Errors
/// One line: TOML's first line, another format, or a lesson whose folder does not start
/// with its number, or out of order.
pub fn parse(text: &str) -> Result<Registry, String> {
    let registry: Registry =
        toml::from_str(text).map_err(|error| course_kit::failure::first_line(&error))?;
    if registry.format != FORMAT {
        return Err(format!(
            "format {} is not the one these tools read ({FORMAT}): update the course",
            registry.format
        ));
    }
    for (index, lesson) in registry.lessons.iter().enumerate() {
        let expected = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if lesson.number != expected {
            return Err(format!(
                "lesson {} is the {}th [[lesson]]: number them 1, 2, 3 ... in reading order",
                lesson.number, expected
            ));
        }
        let prefix = format!("{:02}-", lesson.number);
        let topic = lesson.folder.strip_prefix(&prefix).unwrap_or_default();
        if topic.is_empty()
            || !topic
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!(
                "lesson {}'s folder {:?} must be {prefix}topic (lowercase, digits, dashes)",
                lesson.number, lesson.folder
            ));
        }
    }
    Ok(registry)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
format = 2

[[lesson]]
number = 1
folder = "01-coroutines"
title = "Coroutines"
summary = "coroutines"
python = "`async def`"
rust = "`async fn`"

[[exercise]]
name = "01a-first-await"
lesson = "1, Step 2"
hints = ["one"]

[[step]]
number = 1
name = "fanout-1-skeleton"
title = "the skeleton"
lesson = "10, Part 5"
reread = "lesson 10"
hints = ["h"]
"#;

    /// The registry reads into its three kinds; a lesson knows its package and files.
    #[test]
    fn the_three_kinds_are_read() {
        let registry = parse(TEXT).expect("parses");
        let lesson = &registry.lessons[0];
        assert_eq!(lesson.package(), "lesson-01-coroutines");
        assert_eq!(lesson.chapter(), "lessons/01-coroutines.md");
        assert_eq!(lesson.test_module(), "lesson_01");
        assert_eq!(registry.exercises[0].name, "01a-first-await");
        assert_eq!(registry.steps[0].title, "the skeleton");
    }

    /// Another format, an unknown key, a gap in the numbers or a folder off the rule is
    /// refused with one line.
    #[test]
    fn mistakes_are_refused_in_one_line() {
        for broken in [
            TEXT.replace("format = 2", "format = 1"),
            TEXT.replace("rust = ", "colour = \"red\"\nrust = "),
            TEXT.replace("number = 1\nfolder", "number = 2\nfolder"),
            TEXT.replace("\"01-coroutines\"", "\"1-coroutines\""),
            TEXT.replace("\"01-coroutines\"", "\"01-Coroutines\""),
        ] {
            let problem = parse(&broken).expect_err("refused");
            assert!(!problem.contains('\n'), "{problem}");
        }
    }

    /// The course's own registry reads.
    #[test]
    fn the_course_registry_reads() {
        let registry = load(&crate::workspace::root()).expect("course.toml reads");
        assert!(registry.lessons.len() >= 12);
        assert!(!registry.exercises.is_empty());
        assert!(!registry.steps.is_empty());
    }
}
