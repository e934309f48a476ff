//! The learner's progress, in `exercises/.progress` (git-ignored): per exercise, the
//! fingerprint of the file that passed and how many hints were shown.
//!
//! Keyed by exercise name, so it survives exercises being added, removed or renamed
//! (unknown names are kept and ignored). An exercise counts as passed only while its
//! file is the one that passed: edit it afterwards and it is checked again.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::catalog::{Exercise, Kind};

/// Where the progress is kept, relative to the course root.
pub const FILE: &str = "exercises/.progress";

/// What the runner remembers of one exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The fingerprint of the learner's file when it last passed.
    pub passed_fingerprint: Option<String>,
    /// How many hints `just hint` has shown.
    pub hints_shown: usize,
}

/// Where an exercise stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The file is still the starter.
    NotStarted,
    /// Edited, and not (or no longer) passing.
    Failing,
    /// Passed, and not edited since.
    Passed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotStarted => "not started",
            Self::Failing => "failing",
            Self::Passed => "passed",
        })
    }
}

/// Every exercise's entry.
#[derive(Debug, Default)]
pub struct Progress {
    entries: BTreeMap<String, Entry>,
    path: PathBuf,
}

impl Progress {
    /// Reads the progress file under `root` (an absent or garbled file is a fresh start).
    pub fn load(root: &Path) -> Self {
        let path = root.join(FILE);
        let mut entries = BTreeMap::new();
        for line in fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.starts_with('#'))
        {
            let fields: Vec<&str> = line.split('\t').collect();
            if let [name, passed, hints] = fields[..] {
                entries.insert(
                    name.to_owned(),
                    Entry {
                        passed_fingerprint: (!passed.is_empty() && passed != "-")
                            .then(|| passed.to_owned()),
                        hints_shown: hints.parse().unwrap_or(0),
                    },
                );
            }
        }
        Self { entries, path }
    }

    /// Writes it back.
    pub fn save(&self) -> std::io::Result<()> {
        let mut text = String::from("# exercise\tfingerprint that passed\thints shown\n");
        for (name, entry) in &self.entries {
            let passed = entry.passed_fingerprint.as_deref().unwrap_or("-");
            text.push_str(&format!("{name}\t{passed}\t{}\n", entry.hints_shown));
        }
        fs::write(&self.path, text)
    }

    /// The entry of `exercise` (a default one if it has none).
    pub fn entry(&self, exercise: &Exercise) -> Entry {
        self.entries
            .get(&exercise.name)
            .cloned()
            .unwrap_or_default()
    }

    /// Where `exercise` stands, looking at its file now.
    pub fn status(&self, root: &Path, exercise: &Exercise) -> Status {
        if let Kind::CapstoneStep(_) = exercise.kind {
            // A step of the capstone stays passed while later steps change the crate (each
            // later step's check re-runs it); a reset forgets it.
            return if self.entry(exercise).passed_fingerprint.is_some() {
                Status::Passed
            } else {
                Status::NotStarted
            };
        }
        let now = exercise.work_fingerprint(root);
        if now.is_some() && self.entry(exercise).passed_fingerprint == now {
            Status::Passed
        } else if crate::starter::is_untouched(root, exercise) {
            Status::NotStarted
        } else {
            Status::Failing
        }
    }

    /// Remembers a check of `exercise`: passed (with the file's fingerprint now) or not.
    pub fn record(&mut self, root: &Path, exercise: &Exercise, passed: bool) {
        let now = exercise.work_fingerprint(root);
        let entry = self.entries.entry(exercise.name.clone()).or_default();
        entry.passed_fingerprint = if passed { now } else { None };
    }

    /// Counts one more hint shown for `exercise`; returns how many are shown now.
    pub fn show_hint(&mut self, exercise: &Exercise) -> usize {
        let entry = self.entries.entry(exercise.name.clone()).or_default();
        entry.hints_shown = (entry.hints_shown + 1).min(exercise.hints.len());
        entry.hints_shown
    }

    /// Forgets `exercise` (after a reset).
    pub fn forget(&mut self, exercise: &Exercise) {
        self.entries.remove(&exercise.name);
    }
}
