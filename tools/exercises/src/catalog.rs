//! The exercises: their folders under `exercises/`, and what the registry (`course.toml`,
//! read by [`course_devkit::registry`]) says about each (the lesson part it follows, its
//! hints) and about each step of the capstone.

use std::fs;
use std::path::{Path, PathBuf};

use crate::RunnerError;

/// One exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The folder name: `03a-concurrent-greetings`.
    pub name: String,
    /// The lesson part it follows: `3, Part 3`.
    pub lesson: String,
    /// Its hints, gentlest first.
    pub hints: Vec<String>,
    /// What the learner works on, and so how it is checked, guarded, reset and shown.
    pub kind: Kind,
}

/// The two kinds of exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One file, `exercises/NAME/src/lib.rs`, checked by its own check (`check.rs`).
    File {
        /// For an exercise whose starter does not compile on purpose: the compiler's
        /// error in plain words.
        compiler_note: Option<String>,
        /// Notes for errors a learner's change typically meets (`compiler E0507 = ...`):
        /// shown when the first error has that code, where rustc's own help would lead
        /// astray.
        error_notes: Vec<(String, String)>,
    },
    /// A step of the capstone (`[[step]]`): the work is the crate `capstone/`, checked
    /// by the capstone's check from step 1 to this one (see [`crate::capstone`]).
    CapstoneStep(Step),
}

/// A step of the capstone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its number, from 1.
    pub number: u32,
    /// Its title, as the check's messages say it.
    pub title: String,
    /// What to reread when it fails.
    pub reread: String,
    /// Notes for errors the step's changes typically meet, by error code (as a file
    /// exercise's `error_notes`).
    pub error_notes: Vec<(String, String)>,
}

impl Exercise {
    /// The capstone step this is, if it is one.
    pub fn step(&self) -> Option<&Step> {
        match &self.kind {
            Kind::CapstoneStep(step) => Some(step),
            Kind::File { .. } => None,
        }
    }

    /// Whether its starter, as shipped, must not compile (it has a `compiler` note).
    pub fn starter_does_not_compile(&self) -> bool {
        matches!(
            self.kind,
            Kind::File {
                compiler_note: Some(_),
                ..
            }
        )
    }

    /// What to say in plain words about a compiler error whose first line is
    /// `first_error` (`error[E0507]: ...`): the note for its code, else (for a file
    /// exercise) the note for the starter's own error, else `None`.
    pub fn note_for(&self, first_error: &str) -> Option<&str> {
        let code = first_error
            .trim_start()
            .strip_prefix("error[")
            .and_then(|rest| rest.split_once(']'))
            .map(|(code, _)| code);
        let (error_notes, compiler_note) = match &self.kind {
            Kind::File {
                compiler_note,
                error_notes,
            } => (error_notes, compiler_note.as_deref()),
            Kind::CapstoneStep(step) => (&step.error_notes, None),
        };
        error_notes
            .iter()
            .find(|(noted, _)| Some(noted.as_str()) == code)
            .map(|(_, note)| note.as_str())
            .or(compiler_note)
    }

    /// `03a`, the short name that `just exercise 03a` accepts (`fanout-3` for a step of
    /// the capstone).
    pub fn code(&self) -> &str {
        match self.kind {
            Kind::CapstoneStep(_) => self
                .name
                .match_indices('-')
                .nth(1)
                .map_or(&self.name, |(end, _)| &self.name[..end]),
            Kind::File { .. } => self.name.get(..3).unwrap_or(&self.name),
        }
    }

    /// Where it belongs, as the runner shows it: `lesson 3, Part 3`, or for a step of
    /// the capstone `capstone step 2, lesson 6, Parts 1 and 4`.
    pub fn place(&self) -> String {
        match &self.kind {
            // A lesson part starts with its number; anything else is said as it is.
            Kind::CapstoneStep(step) if self.lesson.starts_with(|c: char| c.is_ascii_digit()) => {
                format!("capstone step {}, lesson {}", step.number, self.lesson)
            }
            Kind::CapstoneStep(step) => format!("capstone step {}, {}", step.number, self.lesson),
            Kind::File { .. } => format!("lesson {}", self.lesson),
        }
    }

    /// What the learner edits, as shown: the file, or the capstone's crate.
    pub fn work_shown(&self) -> PathBuf {
        match self.kind {
            Kind::CapstoneStep(_) => PathBuf::from(crate::capstone_crate::CRATE),
            Kind::File { .. } => self.learner_file(),
        }
    }

    /// The fingerprint of the learner's work now: the file, or the capstone's files.
    pub fn work_fingerprint(&self, root: &Path) -> Option<String> {
        match self.kind {
            Kind::CapstoneStep(_) => crate::capstone_crate::fingerprint(root),
            Kind::File { .. } => crate::fingerprint::of_file(&root.join(self.learner_file())),
        }
    }

    /// The check's binary: `check-03a`.
    pub fn check_binary(&self) -> String {
        format!("check-{}", self.code())
    }

    /// The package: `ex-03a-concurrent-greetings`.
    pub fn package(&self) -> String {
        format!("ex-{}", self.name)
    }

    /// The file the learner edits, relative to the course root.
    pub fn learner_file(&self) -> PathBuf {
        Path::new("exercises").join(&self.name).join("src/lib.rs")
    }

    /// The instructor's check, relative to the course root.
    pub fn check_file(&self) -> PathBuf {
        Path::new("exercises").join(&self.name).join("check.rs")
    }

    /// The reference solution, relative to the course root.
    pub fn solution_file(&self) -> PathBuf {
        Path::new("solutions").join(&self.name).join("src/lib.rs")
    }
}

/// Whether `name` looks like an exercise folder: two digits, a letter, `-`, a name.
pub fn is_exercise_folder(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 4
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && bytes[2].is_ascii_lowercase()
        && bytes[3] == b'-'
}

/// The exercise folders under `root/exercises`, sorted (course order).
pub fn folders(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root.join("exercises"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| entry.path().join("Cargo.toml").is_file())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| is_exercise_folder(name))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The registry, relative to the root.
pub const REGISTRY: &str = course_devkit::registry::FILE;

/// Reads [`REGISTRY`]: every exercise, then every step of the capstone, in the order
/// written there.
pub fn load(root: &Path) -> Result<Vec<Exercise>, RunnerError> {
    course_devkit::registry::load(root)
        .map(exercises_of)
        .map_err(RunnerError::new)
}

/// Parses the text of [`REGISTRY`].
pub fn parse(text: &str) -> Result<Vec<Exercise>, String> {
    course_devkit::registry::parse(text).map(exercises_of)
}

fn exercises_of(registry: course_devkit::registry::Registry) -> Vec<Exercise> {
    let exercises = registry.exercises.into_iter().map(|entry| Exercise {
        name: entry.name,
        lesson: entry.lesson,
        hints: entry.hints,
        kind: Kind::File {
            compiler_note: entry.compiler,
            error_notes: entry.compiler_errors.into_iter().collect(),
        },
    });
    let steps = registry.steps.into_iter().map(|entry| Exercise {
        name: entry.name,
        lesson: entry.lesson,
        hints: entry.hints,
        kind: Kind::CapstoneStep(Step {
            number: entry.number,
            title: entry.title,
            reread: entry.reread,
            error_notes: entry.compiler_errors.into_iter().collect(),
        }),
    });
    exercises.chain(steps).collect()
}

/// The exercise `query` names: its full name, or a prefix of exactly one name.
pub fn find<'a>(exercises: &'a [Exercise], query: &str) -> Result<&'a Exercise, String> {
    let query = query.to_lowercase();
    let query = query.as_str();
    if let Some(exact) = exercises.iter().find(|exercise| exercise.name == query) {
        return Ok(exact);
    }
    let matching: Vec<&Exercise> = exercises
        .iter()
        .filter(|exercise| exercise.name.starts_with(query))
        .collect();
    match matching[..] {
        [only] => Ok(only),
        [] => Err(format!(
            "no exercise is called {query:?}; `just exercises` lists them"
        )),
        _ => Err(format!(
            "{query:?} could be {}; give more of the name",
            matching
                .iter()
                .map(|exercise| exercise.name.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: &str = r#"
# comment
format = 2

[[exercise]]
name = "03a-concurrent-greetings"
lesson = "3, Part 3"
hints = ["one", "two"]

[[exercise]]
name = "03b-join-two"
lesson = "3, Part 2"
hints = ["x"]
compiler = "plain words"
compiler_errors = { E0507 = "borrow it" }

[[step]]
number = 2
name = "fanout-2-one-upstream"
title = "one upstream"
lesson = "6, Part 1"
reread = "lesson 6, Part 1"
hints = ["h"]
compiler_errors = { E0277 = "a handler's future must be Send" }
"#;

    /// The registry is read in order, steps after exercises (its refusals are
    /// `course_devkit::registry`'s, tested there).
    #[test]
    fn the_registry_is_read_in_order() {
        let exercises = parse(INFO).expect("parses");
        assert_eq!(exercises.len(), 3);
        assert_eq!(exercises[0].hints, ["one", "two"]);
        assert_eq!(exercises[0].code(), "03a");
        assert_eq!(exercises[0].check_binary(), "check-03a");
        assert_eq!(
            exercises[1].note_for("error[E0599]: x"),
            Some("plain words")
        );
        assert_eq!(
            exercises[1].note_for("error[E0507]: cannot move"),
            Some("borrow it")
        );
        assert_eq!(exercises[2].step().map(|step| step.number), Some(2));
        assert_eq!(exercises[2].code(), "fanout-2");
        assert_eq!(
            exercises[2].note_for("error[E0277]: the trait bound `fn(..)`: Handler<_, _>"),
            Some("a handler's future must be Send")
        );
        assert_eq!(exercises[2].note_for("error[E0599]: x"), None);
        assert_eq!(
            exercises[2].step().map(|step| step.title.as_str()),
            Some("one upstream")
        );
    }

    #[test]
    fn a_unique_prefix_is_enough() {
        let exercises = parse(INFO).expect("parses");
        assert_eq!(find(&exercises, "03a").map(|e| e.code()), Ok("03a"));
        assert_eq!(
            find(&exercises, "03b-join-two").map(|e| e.code()),
            Ok("03b")
        );
        assert!(find(&exercises, "03").unwrap_err().contains("could be"));
        assert!(find(&exercises, "99").unwrap_err().contains("no exercise"));
    }

    #[test]
    fn folder_names_are_recognised() {
        assert!(is_exercise_folder("03a-concurrent-greetings"));
        assert!(!is_exercise_folder("kit"));
        assert!(!is_exercise_folder(".starters"));
        assert!(!is_exercise_folder("3a-x"));
    }
}
