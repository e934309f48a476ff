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
    let mut patches: Vec<PathBuf> = fs::read_dir(root.join(FOLDER))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    patches.sort();
    let mut answers = Vec::new();
    for path in patches {
        let shown = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        if path.extension().is_none_or(|ext| ext != "patch") {
            return Err(RunnerError::new(format!(
                "{shown}: {FOLDER} holds only N-name.patch files"
            )));
        }
        let text = fs::read_to_string(&path)
            .map_err(|error| RunnerError::new(format!("cannot read {shown}: {error}")))?;
        answers.push(
            read_one(root, &path, &text).map_err(|problem| {
                RunnerError::new(format!("the wrong answer {shown}: {problem}"))
            })?,
        );
    }
    Ok(answers)
}

fn read_one(root: &Path, path: &Path, text: &str) -> Result<WrongAnswer, String> {
    let name = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let step: u32 = name
        .split_once('-')
        .and_then(|(number, _)| number.parse().ok())
        .ok_or("its name must be N-what.patch, N its step")?;
    let diff_starts = text.find("\n--- ").map_or(text.len(), |at| at + 1);
    let (head, diff) = text.split_at(diff_starts);
    let field = |key: &str| {
        head.lines()
            .find_map(|line| line.strip_prefix(key))
            .map(|rest| rest.trim().to_owned())
    };
    let (Some(mistake), Some(expect)) = (field("Wrong: "), field("Expect: ")) else {
        return Err("it must open with a `Wrong: ...` line and an `Expect: ...` line".to_owned());
    };
    let mut files = capstone::reference(root, step);
    apply(&mut files, diff)?;
    Ok(WrongAnswer {
        step,
        name,
        files,
        mistake,
        expect,
    })
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
