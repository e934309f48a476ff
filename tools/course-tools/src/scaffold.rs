//! `new-lesson NN topic "Title"`: a new lesson, wired up everywhere the course looks.
//!
//! Everything is computed in memory first and checked; only then are the files written,
//! each through a temporary file renamed into place. If any write fails, the files
//! already written are put back as they were, so a failed run leaves nothing
//! half-written.
//!
//! The template follows the course's conventions and compiles as it is; the parts only
//! an author can write are marked `SCAFFOLD:` (see [`MARKER`]), and the consistency
//! test names every marker left until each is replaced by real content.

use std::fs;
use std::path::{Path, PathBuf};

use crate::ToolError;
use course_devkit::files::write_all_or_nothing;
use course_devkit::registry;
use course_devkit::workspace::{self, Lesson};

use crate::generated;

/// What marks a line the author must replace.
pub use course_devkit::files::SCAFFOLD_MARKER as MARKER;

/// A checked request for a new lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLesson {
    /// 8 for `08`.
    pub number: u32,
    /// `timeouts`, the folder's topic.
    pub topic: String,
    /// `Timeouts and cancellation`, for headings and the README.
    pub title: String,
}

impl NewLesson {
    /// Checks the three arguments: a two-digit number (01 to 99), a topic of lowercase
    /// letters, digits and single hyphens that starts with a letter, and a one-line title.
    pub fn parse(number: &str, topic: &str, title: &str) -> Result<Self, String> {
        let number_ok = number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit());
        let Some(number) = number_ok
            .then(|| number.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n >= 1)
        else {
            return Err(format!(
                "the lesson number must be two digits from 01 to 99, got {number:?}"
            ));
        };
        let topic_ok = !topic.is_empty()
            && topic.len() <= 40
            && topic.starts_with(|c: char| c.is_ascii_lowercase())
            && !topic.ends_with('-')
            && !topic.contains("--")
            && topic
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !topic_ok {
            return Err(format!(
                "the topic must be lowercase letters, digits and single hyphens, starting \
                 with a letter (like `timeouts` or `select-and-cancel`), got {topic:?}"
            ));
        }
        let title = title.trim();
        if title.is_empty() || title.contains(['\n', '|', '"', '\\']) || title.chars().count() > 70
        {
            return Err(format!(
                "the title must be one line of at most 70 characters without | \" or \\, \
                 got {title:?}"
            ));
        }
        Ok(Self {
            number,
            topic: topic.to_owned(),
            title: title.to_owned(),
        })
    }

    /// `08-timeouts`
    pub fn folder(&self) -> String {
        format!("{:02}-{}", self.number, self.topic)
    }

    /// `lesson-08-timeouts`
    pub fn package(&self) -> String {
        format!("lesson-{}", self.folder())
    }

    /// `lesson_08_timeouts`
    pub fn crate_name(&self) -> String {
        self.package().replace('-', "_")
    }
}

/// One file the scaffolder writes: its path (relative to the root) and new text; `old`
/// is its text before (`None` for a file it creates).
#[derive(Debug)]
pub struct Change {
    /// Relative to the workspace root.
    pub path: PathBuf,
    /// What it will hold.
    pub text: String,
    /// What it held, to put back if a later write fails.
    pub old: Option<String>,
}

/// Everything `new-lesson` would write, computed without writing anything.
#[derive(Debug)]
pub struct Plan {
    /// The files, new and edited.
    pub changes: Vec<Change>,
}

/// Works out every change for `lesson`, refusing clashes, without writing anything:
/// its files, its `[[lesson]]` table in the registry, and what the registry generates
/// (the recipes, the book's table and summary, the tests' wiring; see
/// [`crate::generated`]).
pub fn plan(root: &Path, lesson: &NewLesson) -> Result<Plan, ToolError> {
    let existing = workspace::lessons(root).map_err(ToolError::new)?;
    refuse_clashes(&existing, lesson)?;
    let mut changes = Vec::new();
    let folder = format!("lessons/{}", lesson.folder());
    if root.join(&folder).exists() {
        return Err(ToolError::new(format!("{folder} exists already")));
    }
    for (path, text) in [
        (format!("{folder}/Cargo.toml"), manifest(lesson)),
        (format!("{folder}/src/main.rs"), main_rs(lesson)),
        (format!("{folder}/src/lib.rs"), lib_rs(lesson)),
        (
            format!("{folder}/examples/plain-{:02}.rs", lesson.number),
            plain_rs(lesson),
        ),
        (
            format!("python/lesson_{:02}.py", lesson.number),
            python(lesson),
        ),
        (
            format!("tests/course/lesson_{:02}.rs", lesson.number),
            test_rs(lesson),
        ),
        (
            format!("{folder}/golden/lesson.txt"),
            golden_transcript(lesson),
        ),
        (
            format!("{folder}/golden/plain.txt"),
            "Starting...\nDone.\nTotal time: 1.00 seconds\n".to_owned(),
        ),
        (
            format!("book/src/lessons/{}.md", lesson.folder()),
            chapter(lesson),
        ),
    ] {
        if root.join(&path).exists() {
            return Err(ToolError::new(format!("{path} exists already")));
        }
        changes.push(Change {
            path: path.into(),
            text,
            old: None,
        });
    }
    let registry_change = edit(root, registry::FILE, |text| registry_entry(text, lesson))?;
    let registry = registry::parse(&registry_change.text)
        .map_err(|problem| ToolError::new(format!("{}: {problem}", registry::FILE)))?;
    changes.push(registry_change);
    for part in generated::parts(&registry, |path| {
        fs::read_to_string(root.join(path))
            .map_err(|error| ToolError::new(format!("cannot read {path}: {error}")))
    })? {
        changes.push(Change {
            path: part.path,
            text: part.new,
            old: Some(part.old),
        });
    }
    changes.push(edit(root, "book/src/python-to-rust.md", |text| {
        concept_row(text, lesson)
    })?);
    Ok(Plan { changes })
}

/// Writes every change, or none: a failed write puts back the files already written and
/// removes the folders it made (the new lesson's).
pub fn apply(root: &Path, plan: &Plan) -> Result<(), ToolError> {
    let files: Vec<(PathBuf, String)> = plan
        .changes
        .iter()
        .map(|change| (change.path.clone(), change.text.clone()))
        .collect();
    write_all_or_nothing(root, &files).map_err(|failed| ToolError::new(failed.to_string()))
}

fn refuse_clashes(existing: &[Lesson], lesson: &NewLesson) -> Result<(), ToolError> {
    if let Some(same) = existing.iter().find(|l| l.number == lesson.number) {
        return Err(ToolError::new(format!(
            "lesson {:02} exists already: lessons/{}",
            lesson.number, same.folder
        )));
    }
    let topic_of = |l: &Lesson| l.folder.split_once('-').map(|(_, topic)| topic.to_owned());
    if let Some(same) = existing
        .iter()
        .find(|l| topic_of(l).as_deref() == Some(lesson.topic.as_str()))
    {
        return Err(ToolError::new(format!(
            "a lesson on {:?} exists already: lessons/{}",
            lesson.topic, same.folder
        )));
    }
    let next = existing.len() + 1;
    if usize::try_from(lesson.number).ok() != Some(next) {
        return Err(ToolError::new(format!(
            "the next lesson is {next:02}: a new lesson goes after the last one ({:02} asked)",
            lesson.number
        )));
    }
    Ok(())
}

fn edit(
    root: &Path,
    path: &str,
    change: impl FnOnce(&str) -> Result<String, String>,
) -> Result<Change, ToolError> {
    let old = fs::read_to_string(root.join(path))
        .map_err(|error| ToolError::new(format!("cannot read {path}: {error}")))?;
    let text = change(&old).map_err(|problem| ToolError::new(format!("{path}: {problem}")))?;
    Ok(Change {
        path: path.into(),
        text,
        old: Some(old),
    })
}

/// The registry with the lesson's `[[lesson]]` table after the last one; the cells an
/// author writes are marked.
fn registry_entry(text: &str, lesson: &NewLesson) -> Result<String, String> {
    let mut table = toml_edit::Table::new();
    table["number"] = toml_edit::value(i64::from(lesson.number));
    table["folder"] = toml_edit::value(lesson.folder());
    table["title"] = toml_edit::value(&lesson.title);
    table["summary"] = toml_edit::value(lesson.title.to_lowercase());
    table["python"] = toml_edit::value(format!("{MARKER} the Python idea"));
    table["rust"] = toml_edit::value(format!("{MARKER} the Rust idea"));
    crate::registry_edit::insert(text, "lesson", table, |_| false)
}

/// A placeholder row at the end of the concept map (`book/src/python-to-rust.md`): its
/// rows are per idea, written by the author, not generated.
fn concept_row(text: &str, lesson: &NewLesson) -> Result<String, String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let Some(last_row) = lines.iter().rposition(|line| line.starts_with('|')) else {
        return Err("no concept table".to_owned());
    };
    lines.insert(
        last_row + 1,
        format!(
            "| {MARKER} a Python idea of lesson {n} | {MARKER} its Rust counterpart | \
             [{n}](lessons/{folder}.md) |",
            n = lesson.number,
            folder = lesson.folder()
        ),
    );
    Ok(lines.join("\n") + "\n")
}

/// The lesson's chapter, in the book's shape: what to write is marked.
fn chapter(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#"# Lesson {n}: {title}

Run it: `just lesson-{n}` (or `cargo run -p {package}`). To run its Python counterpart
and its plain version side by side: `just compare {n}`.

## What it shows

{MARKER} what the output proves, part by part.

## The Python you know

`python/lesson_{n:02}.py` (`python3 python/lesson_{n:02}.py`):

```python
{{{{#include ../../../python/lesson_{n:02}.py}}}}
```

## The plain Rust version

Start here: `lessons/{folder}/examples/plain-{n:02}.rs` (`just plain-{n}`), the lesson's
idea as a short program of the kind you would write yourself.

```rust,noplayground
{{{{#include ../../../lessons/{folder}/examples/plain-{n:02}.rs}}}}
```

What it prints, in a real run the test suite checks:

```text
{{{{#include ../../../lessons/{folder}/golden/plain.txt}}}}
```

## The lesson, measured

`just lesson-{n}` runs the same idea with every step measured. The test suite runs it on
tokio's paused clock, where it prints exactly this:

```text
{{{{#include ../../../lessons/{folder}/golden/lesson.txt}}}}
```

## How it works

{MARKER} the idea in a few paragraphs, Python beside Rust, and a table if it helps. This
is its one home: the lesson's `src/lib.rs` only points here.

## Rust used here

{MARKER} each feature beyond the Rust book's first chapters, linked to where it is
taught, e.g. [book 13.1](https://doc.rust-lang.org/book/ch13-01-closures.html).

## Exercises

## Go deeper

- `lessons/{folder}/src/lib.rs`
- `tests/course/lesson_{n:02}.rs`: the tests that check this chapter's claims.
"#,
        title = lesson.title,
        package = lesson.package(),
        folder = lesson.folder(),
    )
}

fn manifest(lesson: &NewLesson) -> String {
    format!(
        r#"[package]
name = "{package}"
description = "Lesson {n}: {title}"
{inherited}
[dependencies]
course-kit = {{ workspace = true }}
tokio = {{ workspace = true }}

[dev-dependencies]
# The plain version (examples/plain-{n:02}.rs) is written as you would write your own
# program: #[tokio::main] on tokio's default, multi-threaded runtime.
tokio = {{ workspace = true, features = ["rt-multi-thread"] }}

[lints]
workspace = true
"#,
        package = lesson.package(),
        n = lesson.number,
        title = lesson.title,
        inherited = crate::INHERITED_FIELDS,
    )
}

fn main_rs(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#"//! # Lesson {n}: {title}
//!
//! Run it: `just lesson-{n}` (or `cargo run -p {package}`).
//!
//! Its chapter (what it shows, the Python it mirrors, the plain version, the output,
//! the Rust it uses): `book/src/lessons/{folder}.md`, or `just book`.
//!
//! Read next: `src/lib.rs`.

use std::process::ExitCode;

use course_kit::Transcript;
use course_kit::cli::Command;

const COMMAND: Command = Command {{
    name: "{package}",
    about: "Lesson {n}: {title}.",
    options: &[],
}};

fn main() -> ExitCode {{
    if let Err(stop) = COMMAND.parse() {{
        return stop.report();
    }}
    start_the_lesson();
    ExitCode::SUCCESS
}}

/// One thread, like Python's event loop.
///
/// `#[tokio::main]` turns this `async fn` into a plain function that starts a runtime
/// and runs the body on it (lesson 1), which is why `main` calls it without `.await`.
#[tokio::main(flavor = "current_thread")]
async fn start_the_lesson() {{
    {crate_name}::run(&Transcript::stdout()).await;
}}
"#,
        title = lesson.title,
        package = lesson.package(),
        crate_name = lesson.crate_name(),
        folder = lesson.folder(),
    )
}

fn lib_rs(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#"//! # Lesson {n}, the body: {title}
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/{folder}.md` (`just book`).

use std::time::Duration;

use course_kit::Transcript;

/// Part 1. {MARKER} replace with the lesson's first part; comment the *why* at every
/// `.await`, `spawn` and `join`.
pub async fn part_one(out: &Transcript) {{
    out.heading("Part 1: {MARKER} a title");
    out.say("Starting...");
    // Pauses this function (not the thread): the runtime is free meanwhile.
    tokio::time::sleep(Duration::from_secs(1)).await;
    out.say("Done.");
}}

/// The whole lesson.
pub async fn run(out: &Transcript) {{
    out.note("Lesson {n}: {title}");
    out.note("(Start with the plain version, just plain-{n}; this is the same idea, measured.)");
    part_one(out).await;
}}
"#,
        title = lesson.title,
        folder = lesson.folder(),
    )
}

fn plain_rs(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#"//! Lesson {n}, the plain version: {MARKER} the idea in one line.
//!
//! Run it: `just plain-{n}` (or `cargo run -p {package} --example plain-{n:02}`).
//! The same idea, measured and explained: `just lesson-{n}`.
//! The Python it mirrors: `python/lesson_{n:02}.py` (`just compare {n}` runs both).
//!
//! Beside Python: {MARKER} what the two programs show side by side.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::time::{{Duration, Instant}};

#[tokio::main]
async fn main() {{
    let start = Instant::now();
    println!("Starting...");
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("Done.");
    println!("Total time: {{:.2}} seconds", start.elapsed().as_secs_f64());
}}
"#,
        package = lesson.package(),
    )
}

fn python(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#""""Lesson {n} in Python: {MARKER} the idea in one line.

Run it: python3 python/lesson_{n:02}.py   (`just compare {n}` runs it beside plain-{n:02}.rs)
"""
import asyncio
import time


async def main():
    start = time.perf_counter()
    print("Starting...")
    await asyncio.sleep(1)
    print("Done.")
    print(f"Total time: {{time.perf_counter() - start:.2f}} seconds")


asyncio.run(main())
"#
    )
}

fn test_rs(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        r#"//! Lesson {n}: {title}.

use course_kit::Transcript;
use {crate_name} as lesson;

use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "{package}";

/// On a paused clock the whole transcript is exact: it is the golden file
/// `lessons/{folder}/golden/lesson.txt`, which the book shows. After changing the
/// lesson's output on purpose, `just bless-outputs` rewrites it.
#[tokio::test(start_paused = true)]
async fn transcript_is_exact_on_a_paused_clock() {{
    let out = Transcript::captured();
    lesson::run(&out).await;
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
}}

/// The real binary prints the same lines (times masked) and exits 0.
#[test]
fn real_binary_prints_the_same_lines() {{
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
}}

/// The plain version prints its golden file (a real run; times masked), which the
/// chapter shows.
#[test]
fn plain_version_prints_its_golden_file() {{
    let run = run_lesson("plain-{n:02}", &[]);
    run.assert_success();
    golden(PACKAGE, "plain").assert_real_run(&run.lines(), str::to_owned);
}}
"#,
        title = lesson.title,
        package = lesson.package(),
        crate_name = lesson.crate_name(),
        folder = lesson.folder(),
    )
}

/// What the template lesson prints on a paused clock: its first golden file.
fn golden_transcript(lesson: &NewLesson) -> String {
    let n = lesson.number;
    format!(
        "Lesson {n}: {title}\n\
         (Start with the plain version, just plain-{n}; this is the same idea, measured.)\n\
         \n\
         == Part 1: {MARKER} a title ==\n\
         [ 0.00s] Starting...\n\
         [ 1.00s] Done.\n",
        title = lesson.title
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        assert!(NewLesson::parse("08", "timeouts", "Timeouts").is_ok());
        assert!(NewLesson::parse("08", "select-and-cancel", "Select").is_ok());
        for (number, topic, title) in [
            ("8", "timeouts", "T"),
            ("00", "timeouts", "T"),
            ("100", "timeouts", "T"),
            ("0x", "timeouts", "T"),
            ("08", "Timeouts", "T"),
            ("08", "time_outs", "T"),
            ("08", "-timeouts", "T"),
            ("08", "time--outs", "T"),
            ("08", "8timeouts", "T"),
            ("08", "timeouts", ""),
            ("08", "timeouts", "a | b"),
            ("08", "timeouts", "two\nlines"),
        ] {
            assert!(
                NewLesson::parse(number, topic, title).is_err(),
                "{number:?} {topic:?} {title:?} should be refused"
            );
        }
    }

    #[test]
    fn names_follow_the_course() {
        let lesson = NewLesson::parse("08", "timeouts", "Timeouts").expect("valid");
        assert_eq!(lesson.folder(), "08-timeouts");
        assert_eq!(lesson.package(), "lesson-08-timeouts");
        assert_eq!(lesson.crate_name(), "lesson_08_timeouts");
    }
}
