//! `new-exercise NNx-name`: a new exercise in the course's conventions, for instructors.
//!
//! It writes the crate (`exercises/NNx-name`: manifest, starter with its brief, check),
//! the solution (`solutions/`), a table in `course.toml` with a first hint and a
//! line in its lesson's chapter, then re-blesses the fingerprints (which records the
//! starter, for `reset`). The template
//! works as shipped (the starter fails its check, the solution passes); every line an
//! author must write is marked `SCAFFOLD:`, and `exercises verify` names each one left.
//! It refuses a name that exists or is malformed, and writes nothing if anything fails.

use std::fs;
use std::path::{Path, PathBuf};

use course_exercises::RunnerError;
use course_exercises::catalog;

/// What marks a line the author must replace.
pub use course_devkit::files::SCAFFOLD_MARKER as MARKER;

/// Checks `name` (`NNx-topic`: two digits, a letter, a hyphen, lowercase words).
pub fn check_name(name: &str) -> Result<(), String> {
    let topic = name.get(4..).unwrap_or_default();
    let ok = catalog::is_exercise_folder(name)
        && &name[..2] != "00"
        && !topic.starts_with('-')
        && !topic.ends_with('-')
        && !topic.contains("--")
        && topic
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && name.len() <= 48;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "an exercise is named NNx-topic: the lesson's two digits, a letter, then lowercase \
             words joined by hyphens (like 03c-race-two-servers); got {name:?}"
        ))
    }
}

/// The files `new-exercise` would write, relative to the root, with their text.
pub fn plan(root: &Path, name: &str) -> Result<Vec<(PathBuf, String)>, RunnerError> {
    check_name(name).map_err(RunnerError::new)?;
    let exercises = catalog::load(root)?;
    if exercises.iter().any(|e| e.name == name) || root.join("exercises").join(name).exists() {
        return Err(RunnerError::new(format!("exercise {name} exists already")));
    }
    let code = &name[..3];
    if exercises.iter().any(|e| e.code() == code) {
        return Err(RunnerError::new(format!(
            "an exercise {code} exists already; pick the next letter for lesson {}",
            &name[..2]
        )));
    }
    let lesson = name[..2].trim_start_matches('0');
    let package = format!("ex-{name}");
    let crate_name = package.replace('-', "_");
    let check = check_rs(code, &crate_name);
    let info = fs::read_to_string(root.join(catalog::REGISTRY))
        .map_err(|error| RunnerError::new(format!("cannot read {}: {error}", catalog::REGISTRY)))?;
    let info = insert_in_order(&info, name, lesson)
        .map_err(|problem| RunnerError::new(format!("{}: {problem}", catalog::REGISTRY)))?;
    let starter = starter_rs(code, lesson);
    let (chapter, chapter_text) = chapter_with_exercise(root, name)?;
    Ok(vec![
        (
            format!("exercises/{name}/Cargo.toml").into(),
            manifest(name, code),
        ),
        (format!("exercises/{name}/src/lib.rs").into(), starter),
        (format!("exercises/{name}/check.rs").into(), check),
        (
            format!("solutions/{name}/src/lib.rs").into(),
            solution_rs(code),
        ),
        (catalog::REGISTRY.into(), info),
        (chapter, chapter_text),
    ])
}

/// The lesson's chapter (`book/src/lessons/NN-topic.md`) with the new exercise added to
/// the end of its `## Exercises` list.
fn chapter_with_exercise(root: &Path, name: &str) -> Result<(PathBuf, String), RunnerError> {
    let number: u32 = name[..2].parse().unwrap_or_default();
    let lessons = course_devkit::workspace::lessons(root).map_err(RunnerError::new)?;
    let Some(lesson) = lessons.iter().find(|lesson| lesson.number == number) else {
        return Err(RunnerError::new(format!(
            "there is no lesson {number} for exercise {name} to follow"
        )));
    };
    let chapter = PathBuf::from(format!("book/src/lessons/{}.md", lesson.folder));
    let text = fs::read_to_string(root.join(&chapter))
        .map_err(|error| RunnerError::new(format!("cannot read {}: {error}", chapter.display())))?;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let Some(heading) = lines.iter().position(|line| line == "## Exercises") else {
        return Err(RunnerError::new(format!(
            "{} has no \"## Exercises\" section",
            chapter.display()
        )));
    };
    // After the last item of the list under the heading (or the heading itself).
    let section_end = lines[heading + 1..]
        .iter()
        .position(|line| line.starts_with("## "))
        .map_or(lines.len(), |offset| heading + 1 + offset);
    let last_item = lines[heading + 1..section_end]
        .iter()
        .rposition(|line| line.starts_with("- "))
        .map_or(heading, |offset| heading + 1 + offset);
    let code = &name[..3];
    let mut new = vec![format!(
        "- **{code}**, {MARKER} a title (after Part {MARKER} which part): \
         `exercises/{name}/src/lib.rs`, checked by `just exercise {code}`."
    )];
    if last_item == heading {
        new.insert(0, String::new());
    }
    for (offset, line) in new.into_iter().enumerate() {
        lines.insert(last_item + 1 + offset, line);
    }
    Ok((chapter, lines.join("\n") + "\n"))
}

/// Writes the plan, all or nothing: on a failure, what it wrote is removed and
/// the registry is put back as it was.
pub fn apply(root: &Path, files: &[(PathBuf, String)]) -> Result<(), RunnerError> {
    course_devkit::files::write_all_or_nothing(root, files)
        .map_err(|failed| RunnerError::new(failed.to_string()))
}

/// The registry with a new `[[exercise]]` table for `name`, before the first exercise
/// that sorts after it (course order), edited as TOML: the rest stays as written.
fn insert_in_order(info: &str, name: &str, lesson: &str) -> Result<String, String> {
    let mut new = toml_edit::Table::new();
    new["name"] = toml_edit::value(name);
    new["lesson"] = toml_edit::value(format!("{lesson}, Part {MARKER} which part"));
    let mut hints = toml_edit::Array::new();
    hints.push(format!("{MARKER} the gentlest hint first; one line each"));
    new["hints"] = toml_edit::value(hints);
    crate::registry_edit::insert(info, "exercise", new, |table| {
        table["name"].as_str().is_some_and(|other| other > name)
    })
}

fn manifest(name: &str, code: &str) -> String {
    format!(
        r#"[package]
name = "ex-{name}"
description = "Exercise {code}: {MARKER} what it practises"
{inherited}
[dependencies]
tokio = {{ workspace = true }}
# Only the check uses the kit.
exercise-kit = {{ workspace = true }}

# The instructor's check: `just exercise {code}` builds and runs it.
[[bin]]
name = "check-{code}"
path = "check.rs"

[lints]
workspace = true
"#,
        inherited = crate::INHERITED_FIELDS,
    )
}

fn starter_rs(code: &str, lesson: &str) -> String {
    format!(
        r#"//! # Exercise {code}: {MARKER} a title
//!
//! Follows lesson {lesson}, Part {MARKER} which part (`just lesson-{lesson}`).
//!
//! The Python it mirrors:
//!
//! ```python
//! # {MARKER} the Python idiom
//! ```
//!
//! **What to do:** {MARKER} what to change, in the learner's words, and which file to
//! edit (this one).

use std::time::Duration;

/// Waits a second, then answers 42.
pub async fn answer() -> u32 {{
    // {MARKER} the starter: code that compiles and fails its check
    std::thread::sleep(Duration::from_millis(10));
    42
}}
"#
    )
}

fn solution_rs(code: &str) -> String {
    format!(
        r#"//! # Exercise {code}: {MARKER} a title (solution)

use std::time::Duration;

/// Waits a second, then answers 42.
pub async fn answer() -> u32 {{
    tokio::time::sleep(Duration::from_secs(1)).await;
    42
}}
"#
    )
}

fn check_rs(code: &str, crate_name: &str) -> String {
    format!(
        r#"//! The check for exercise {code}, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use {crate_name}::answer;
use exercise_kit::{{Verdict, paused_runtime, run, secs}};

fn main() -> ExitCode {{
    run(|| {{
        paused_runtime().block_on(async {{
            // {MARKER} the behaviour to prove, with messages in the learner's words
            let start = tokio::time::Instant::now();
            let value = answer().await;
            let took = start.elapsed();
            if value != 42 || took != Duration::from_secs(1) {{
                return Verdict::fail(format!(
                    "answer() gave {{value}} after {{}} of virtual time; expected 42 after 1.00 s \
                     (lesson N, Part N)",
                    secs(took)
                ));
            }}
            Verdict::pass("42 after one second of virtual time")
        }})
    }})
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(check_name("03c-race-two-servers").is_ok());
        for bad in [
            "3c-x", "03-x", "03C-x", "03c_x", "03c-", "03c--x", "03c-X", "00a-x",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
