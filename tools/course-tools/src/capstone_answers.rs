//! The capstone's wrong answers, kept to prove its check catches them: each is one
//! file, `solutions/capstone/wrong/N-name.patch`, the difference (a unified diff) that
//! turns step N's reference into the wrong service. Its first lines say what is wrong
//! and which words the check's message must contain:
//!
//! ```text
//! Wrong: a tokio Mutex held across the fetch: every request waits for every other one.
//! Expect: one waited for the other
//!
//! --- a/src/upstream.rs
//! +++ b/src/upstream.rs
//! @@ -118,6 +118,9 @@
//! ...
//! ```
//!
//! Beside them, `solutions/capstone/valid/N-name.patch`: designs the steps' references
//! do not use that must pass all the same (a JoinSet for join_all ...), opening with one
//! line `Valid: the design`. They prove no check assumes more than the API promises.
//!
//! A fix to the reference needs no copy here: the patch still applies, or `verify`
//! fails naming it. `exercise-admin capstone N --into DIR` writes a step's reference
//! (`--wrong NAME`: with that answer's patch applied) to edit, and `diff -u` makes a
//! new patch.

use std::fs;
use std::path::{Path, PathBuf};

use course_exercises::RunnerError;
use course_exercises::capstone;
use course_exercises::capstone_crate::Files;

/// The folder of the wrong answers, relative to the root.
pub const FOLDER: &str = "solutions/capstone/wrong";

/// The folder of the valid answers, relative to the root.
pub const VALID_FOLDER: &str = "solutions/capstone/valid";

/// One valid answer, applied: a design of its own that must pass its step.
#[derive(Debug)]
pub struct ValidAnswer {
    /// The step it answers (its check runs steps 1 to this one).
    pub step: u32,
    /// Its name (`3-joinset`).
    pub name: String,
    /// The step's reference with the patch applied.
    pub files: Files,
    /// The design, in one line.
    pub design: String,
}

/// One wrong answer, applied: the whole crate's files.
#[derive(Debug)]
pub struct WrongAnswer {
    /// The step it answers.
    pub step: u32,
    /// Its name (`3-batches`), the patch's file name without `.patch`.
    pub name: String,
    /// The step's reference with the patch applied.
    pub files: Files,
    /// What is wrong, in one line.
    pub mistake: String,
    /// Words the check's message must contain.
    pub expect: String,
}

/// Every wrong answer under [`FOLDER`], by name.
///
/// # Errors
/// If a patch cannot be read, names no step, lacks its `Wrong:` or `Expect:` line, or no
/// longer applies to its step's reference.
pub fn wrong_answers(root: &Path) -> Result<Vec<WrongAnswer>, RunnerError> {
    patches(root, FOLDER)?
        .into_iter()
        .map(|patch| {
            let (Some(mistake), Some(expect)) = (patch.field("Wrong: "), patch.field("Expect: "))
            else {
                return Err(patch
                    .problem("it must open with a `Wrong: ...` line and an `Expect: ...` line"));
            };
            Ok(WrongAnswer {
                step: patch.step,
                files: patch.files,
                name: patch.name,
                mistake,
                expect,
            })
        })
        .collect()
}

/// Every valid answer under [`VALID_FOLDER`], by name.
///
/// # Errors
/// As [`wrong_answers`], for a `Valid: ...` line.
pub fn valid_answers(root: &Path) -> Result<Vec<ValidAnswer>, RunnerError> {
    patches(root, VALID_FOLDER)?
        .into_iter()
        .map(|patch| {
            let Some(design) = patch.field("Valid: ") else {
                return Err(patch.problem("it must open with a `Valid: ...` line"));
            };
            Ok(ValidAnswer {
                step: patch.step,
                files: patch.files,
                name: patch.name,
                design,
            })
        })
        .collect()
}

/// One patch file, read and applied to its step's reference.
struct Patch {
    shown: String,
    step: u32,
    name: String,
    head: String,
    files: Files,
}

impl Patch {
    fn field(&self, key: &str) -> Option<String> {
        self.head
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .map(|rest| rest.trim().to_owned())
    }

    fn problem(&self, what: &str) -> RunnerError {
        RunnerError::new(format!("{}: {what}", self.shown))
    }
}

/// The patches of `folder`, each applied to its step's reference.
fn patches(root: &Path, folder: &str) -> Result<Vec<Patch>, RunnerError> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root.join(folder))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    let mut read = Vec::new();
    for path in paths {
        let shown = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        if path.extension().is_none_or(|ext| ext != "patch") {
            return Err(RunnerError::new(format!(
                "{shown}: {folder} holds only N-name.patch files"
            )));
        }
        let text = fs::read_to_string(&path)
            .map_err(|error| RunnerError::new(format!("cannot read {shown}: {error}")))?;
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let step: u32 = name
            .split_once('-')
            .and_then(|(number, _)| number.parse().ok())
            .ok_or_else(|| {
                RunnerError::new(format!(
                    "{shown}: its name must be N-what.patch, N its step"
                ))
            })?;
        let diff_starts = text.find("\n--- ").map_or(text.len(), |at| at + 1);
        let (head, diff) = text.split_at(diff_starts);
        let mut files = capstone::reference(root, step);
        apply(&mut files, diff)
            .map_err(|problem| RunnerError::new(format!("{shown}: {problem}")))?;
        read.push(Patch {
            shown,
            step,
            name,
            head: head.to_owned(),
            files,
        });
    }
    Ok(read)
}

/// Applies a unified diff of one or more files (`--- a/PATH`, `+++ b/PATH`, hunks) to
/// `files`.
///
/// # Errors
/// If the diff names a file that is not there, or a hunk does not apply.
pub fn apply(files: &mut Files, diff: &str) -> Result<(), String> {
    let mut sections: Vec<String> = Vec::new();
    for line in diff.split_inclusive('\n') {
        if line.starts_with("--- ") || sections.is_empty() {
            sections.push(String::new());
        }
        if let Some(section) = sections.last_mut() {
            section.push_str(line);
        }
    }
    if sections.iter().all(|section| section.trim().is_empty()) {
        return Err("it holds no diff".to_owned());
    }
    for section in sections.iter().filter(|section| !section.trim().is_empty()) {
        let file = section
            .lines()
            .find_map(|line| line.strip_prefix("+++ b/"))
            .map(|file| PathBuf::from(file.trim()))
            .ok_or("each file's diff names it on a `+++ b/PATH` line")?;
        let patch = diffy::Patch::from_str(section)
            .map_err(|error| format!("the diff of {} does not parse: {error}", file.display()))?;
        let Some(base) = files.get(&file) else {
            return Err(format!(
                "it changes {}, which the step's reference does not have",
                file.display()
            ));
        };
        let changed = diffy::apply(base, &patch).map_err(|error| {
            format!(
                "its diff of {} no longer applies to the step's reference ({error}): the \
                 reference changed there; make the patch again (module notes)",
                file.display()
            )
        })?;
        files.insert(file, changed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Files {
        Files::from([(PathBuf::from("src/main.rs"), text.to_owned())])
    }

    /// A diff applies to the file it names; a stale one is refused with its file named.
    #[test]
    fn a_diff_applies_or_says_why_not() {
        let diff =
            "--- a/src/main.rs\n+++ b/src/main.rs\n@@ -1,3 +1,3 @@\n one\n-two\n+deux\n three\n";
        let mut ok = files("one\ntwo\nthree\n");
        apply(&mut ok, diff).unwrap();
        assert_eq!(ok[Path::new("src/main.rs")], "one\ndeux\nthree\n");
        let mut stale = files("one\nTWO\nthree\n");
        let refused = apply(&mut stale, diff).unwrap_err();
        assert!(
            refused.contains("src/main.rs no longer applies"),
            "{refused}"
        );
        let mut missing = Files::new();
        assert!(
            apply(&mut missing, diff)
                .unwrap_err()
                .contains("does not have")
        );
    }
}
