//! The parts of other files that the registry (`course.toml`) decides, written from it:
//! `generate` writes them, `generate --check` (and a test) fails while one is stale.
//!
//! | file | the part |
//! |---|---|
//! | `justfile` | `lesson-N` and `plain-N`, between its markers |
//! | `book/src/start-here.md` | the table of lessons, between its markers |
//! | `book/src/SUMMARY.md` | the lessons' chapters, between its markers |
//! | `tests/course/main.rs` | one `mod lesson_NN;` per lesson, between its markers |
//! | `tests/Cargo.toml` | one dependency per lesson (edited with `toml_edit`) |
//!
//! Everything outside the markers is the file's own, written by hand.

use std::path::PathBuf;

use course_devkit::registry::{FILE, Lesson, Registry};

use crate::ToolError;

/// One file with a generated part: what it holds and what it should hold.
#[derive(Debug)]
pub struct Part {
    /// The file, relative to the course root.
    pub path: PathBuf,
    /// What it holds now.
    pub old: String,
    /// What it holds with its generated part written from the registry.
    pub new: String,
}

impl Part {
    /// Whether the file differs from what the registry says.
    pub fn is_stale(&self) -> bool {
        self.old != self.new
    }
}

/// Every file with a generated part, written from `registry`; `read` gives a file's
/// current text (from disk, or from a plan not yet written).
///
/// # Errors
/// A file that cannot be read, or whose markers are missing (one line, naming it).
pub fn parts(
    registry: &Registry,
    read: impl Fn(&str) -> Result<String, ToolError>,
) -> Result<Vec<Part>, ToolError> {
    let lessons = &registry.lessons;
    let writers: [(&str, Writer); 5] = [
        ("justfile", |old, lessons| {
            between(old, JUST_MARKERS, &just_recipes(lessons))
        }),
        ("book/src/start-here.md", |old, lessons| {
            between(old, MARKDOWN_MARKERS, &lesson_table(lessons))
        }),
        ("book/src/SUMMARY.md", |old, lessons| {
            between(old, MARKDOWN_MARKERS, &summary_lines(lessons))
        }),
        ("tests/course/main.rs", |old, lessons| {
            between(old, RUST_MARKERS, &test_modules(lessons))
        }),
        ("tests/Cargo.toml", tests_manifest),
    ];
    writers
        .into_iter()
        .map(|(path, write)| {
            let old = read(path)?;
            let new = write(&old, lessons)
                .map_err(|problem| ToolError::new(format!("{path}: {problem}")))?;
            Ok(Part {
                path: path.into(),
                old,
                new,
            })
        })
        .collect()
}

type Writer = fn(&str, &[Lesson]) -> Result<String, String>;

/// A generated part's first and last lines, by the file's comment syntax.
type Markers = (&'static str, &'static str);

const JUST_MARKERS: Markers = (
    "# >>> generated from course.toml by `just generate`: one recipe per lesson and per plain version",
    "# <<< end of the generated part",
);
const MARKDOWN_MARKERS: Markers = (
    "<!-- generated from course.toml by `just generate`: edit the registry, not these lines -->",
    "<!-- end of the generated part -->",
);
const RUST_MARKERS: Markers = (
    "// >>> generated from course.toml by `just generate`: one module per lesson",
    "// <<< end of the generated part",
);

/// `old` with the lines between `markers` replaced by `body`.
fn between(old: &str, (open, close): Markers, body: &str) -> Result<String, String> {
    let start = old
        .find(open)
        .ok_or_else(|| format!("no line {open:?} to write {FILE}'s part after"))?;
    let body_start = start + open.len();
    let end = old[body_start..]
        .find(close)
        .map(|offset| body_start + offset)
        .ok_or_else(|| format!("no line {close:?} after {open:?}"))?;
    Ok(format!("{}\n{body}{}", &old[..body_start], &old[end..]))
}

fn just_recipes(lessons: &[Lesson]) -> String {
    let mut text = String::from("\n");
    for lesson in lessons {
        text.push_str(&format!(
            "# Lesson {n}: {summary}\nlesson-{n} *ARGS:\n    cargo run -p {package} -- \"$@\"\n\n",
            n = lesson.number,
            summary = lesson.summary,
            package = lesson.package()
        ));
    }
    for lesson in lessons {
        text.push_str(&format!(
            "# The plain version of lesson {n}: the same idea as a short program you can copy\n\
             plain-{n} *ARGS:\n    cargo run -p {package} --example {example} -- \"$@\"\n\n",
            n = lesson.number,
            package = lesson.package(),
            example = lesson.plain_example()
        ));
    }
    text
}

fn lesson_table(lessons: &[Lesson]) -> String {
    let mut text = String::from(
        "| N | Lesson | The Python idea | The Rust idea | Rust used here | Run it |\n\
         |---|---|---|---|---|---|\n",
    );
    for lesson in lessons {
        text.push_str(&format!(
            "| {n} | [{title}]({chapter}) | {python} | {rust} | {used} | `just lesson-{n}` \
             ({package}) · `just plain-{n}` · `just compare {n}` |\n",
            n = lesson.number,
            title = lesson.title,
            chapter = lesson.chapter(),
            python = lesson.python,
            rust = lesson.rust,
            used = lesson.rust_used,
            package = lesson.package()
        ));
    }
    text
}

fn summary_lines(lessons: &[Lesson]) -> String {
    lessons
        .iter()
        .map(|lesson| format!("- [{}]({})\n", lesson.title, lesson.chapter()))
        .collect()
}

fn test_modules(lessons: &[Lesson]) -> String {
    lessons
        .iter()
        .map(|lesson| format!("mod {};\n", lesson.test_module()))
        .collect()
}

/// `tests/Cargo.toml` with one path dependency per lesson, in the place of the first
/// one, and none for a lesson the registry does not list.
fn tests_manifest(old: &str, lessons: &[Lesson]) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut = old
        .parse()
        .map_err(|error: toml_edit::TomlError| course_kit::failure::first_line(&error))?;
    let dependencies = document["dependencies"]
        .as_table_mut()
        .ok_or("it has no [dependencies] table")?;
    let is_lesson = |key: &str| key.starts_with("lesson-");
    let kept: Vec<(toml_edit::Key, toml_edit::Item)> = dependencies
        .iter()
        .map(|(key, _)| key.to_owned())
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|key| {
            dependencies
                .get_key_value(&key)
                .map(|(key, item)| (key.clone(), item.clone()))
        })
        .collect();
    let first_lesson = kept
        .iter()
        .position(|(key, _)| is_lesson(key.get()))
        .unwrap_or(kept.len());
    dependencies.clear();
    for (index, (key, item)) in kept.iter().enumerate() {
        if index == first_lesson {
            for lesson in lessons {
                let mut path = toml_edit::InlineTable::new();
                path.insert("path", format!("../{}", lesson.path().display()).into());
                dependencies.insert(&lesson.package(), toml_edit::value(path));
            }
        }
        if !is_lesson(key.get()) {
            dependencies.insert_formatted(key, item.clone());
        }
    }
    if first_lesson == kept.len() {
        for lesson in lessons {
            let mut path = toml_edit::InlineTable::new();
            path.insert("path", format!("../{}", lesson.path().display()).into());
            dependencies.insert(&lesson.package(), toml_edit::value(path));
        }
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(number: u32, folder: &str) -> Lesson {
        Lesson {
            number,
            folder: folder.into(),
            title: format!("Title {number}"),
            summary: format!("summary {number}"),
            python: "py".into(),
            rust: "rs".into(),
            rust_used: "used".into(),
        }
    }

    /// A part between markers is replaced, the rest of the file kept; a missing marker
    /// is one line naming it.
    #[test]
    fn a_part_between_markers_is_replaced() {
        let old = format!(
            "before\n{}\nstale\n{}\nafter\n",
            RUST_MARKERS.0, RUST_MARKERS.1
        );
        let new = between(&old, RUST_MARKERS, &test_modules(&[lesson(1, "01-a")])).unwrap();
        assert_eq!(
            new,
            format!(
                "before\n{}\nmod lesson_01;\n{}\nafter\n",
                RUST_MARKERS.0, RUST_MARKERS.1
            )
        );
        let problem = between("no markers", RUST_MARKERS, "x").unwrap_err();
        assert!(!problem.contains('\n'), "{problem}");
    }

    /// The tests' manifest gets one dependency per lesson where the lessons were; a
    /// lesson gone from the registry goes; the other dependencies and comments stay.
    #[test]
    fn the_tests_manifest_lists_the_registry_lessons() {
        let old = "[dependencies]\n# the kit\nkit = \"1\"\nlesson-01-a = { path = \"../lessons/01-a\" }\n\
                   lesson-09-gone = { path = \"../lessons/09-gone\" }\n# after\nlast = \"2\"\n";
        let new = tests_manifest(old, &[lesson(1, "01-a"), lesson(2, "02-b")]).unwrap();
        assert_eq!(
            new,
            "[dependencies]\n# the kit\nkit = \"1\"\nlesson-01-a = { path = \"../lessons/01-a\" }\n\
             lesson-02-b = { path = \"../lessons/02-b\" }\n# after\nlast = \"2\"\n"
        );
    }

    /// The course's generated parts are what its registry says (`just generate` writes
    /// them after an edit of course.toml).
    #[test]
    fn the_course_generated_parts_are_fresh() {
        let root = course_devkit::workspace::root();
        let registry = course_devkit::registry::load(&root).expect("course.toml reads");
        let parts = parts(&registry, |path| {
            std::fs::read_to_string(root.join(path))
                .map_err(|error| ToolError::new(format!("cannot read {path}: {error}")))
        })
        .expect("every generated part has its markers");
        let stale: Vec<_> = parts.iter().filter(|part| part.is_stale()).collect();
        assert!(
            stale.is_empty(),
            "stale: {:?}; run `just generate`",
            stale.iter().map(|part| &part.path).collect::<Vec<_>>()
        );
    }
}
