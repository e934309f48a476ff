//! The book (`book/`, mdBook) shows what the suite checks: every lesson has its chapter,
//! in order; every `{{#include}}` names a file (and anchor) that exists; every relative
//! link resolves; every exercise is listed in its lesson's chapter.

use std::path::{Path, PathBuf};

use crate::support::binaries::workspace_root;
use crate::support::workspace::{lessons, read};

/// Every `.md` file under `book/src`, with its text.
fn pages() -> Vec<(PathBuf, String)> {
    let root = workspace_root();
    course_devkit::files::files_below(&root, "book/src".as_ref())
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| {
            let path = root.join(path);
            let text = read(&path);
            (path, text)
        })
        .collect()
}

/// The chapter file of a lesson, relative to `book/src`.
fn chapter_of(folder: &str) -> String {
    format!("lessons/{folder}.md")
}

/// SUMMARY.md lists every lesson's chapter, in the lessons' order, and each exists.
#[test]
fn every_lesson_has_its_chapter_in_order() {
    let summary = read("book/src/SUMMARY.md".as_ref());
    let mut last = 0;
    for lesson in lessons() {
        let chapter = chapter_of(&lesson.folder);
        let at = summary.find(&format!("]({chapter})"));
        assert!(
            at.is_some_and(|at| at > last),
            "book/src/SUMMARY.md must list ({chapter}) after the lessons before it"
        );
        last = at.unwrap_or(last);
        assert!(
            workspace_root().join("book/src").join(&chapter).is_file(),
            "book/src/{chapter} is missing"
        );
    }
}

/// Each chapter shows the lesson's very files: its Python counterpart, its plain
/// version, and the golden outputs the suite checks; it says which Rust the lesson uses
/// (with links), and how to run it.
#[test]
fn every_chapter_includes_what_the_suite_checks() {
    for lesson in lessons() {
        let n = lesson.number;
        let chapter = chapter_of(&lesson.folder);
        let text = read(&Path::new("book/src").join(&chapter));
        let folder = &lesson.folder;
        for include in [
            format!("{{{{#include ../../../python/lesson_{n:02}.py}}}}"),
            format!("{{{{#include ../../../lessons/{folder}/examples/plain-{n:02}.rs}}}}"),
            format!("{{{{#include ../../../lessons/{folder}/golden/plain.txt}}}}"),
            format!("{{{{#include ../../../lessons/{folder}/golden/lesson.txt}}}}"),
        ] {
            assert!(
                text.contains(&include),
                "book/src/{chapter} must show {include}"
            );
        }
        // The sections, in the order every chapter keeps.
        let sections = [
            "## What it shows",
            "## The Python you know",
            "## The plain Rust version",
            "## The lesson, measured",
            "## How it works",
            "## Rust used here",
            "## Exercises",
            "## Go deeper",
        ];
        let found: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("## "))
            .collect();
        assert_eq!(
            found, sections,
            "book/src/{chapter}: its sections, in order"
        );
        // Its timelines as pictures, the golden files the lesson's tests check.
        for picture in golden_timelines(folder) {
            let include = format!("{{{{#include ../../../lessons/{folder}/golden/{picture}}}}}");
            assert!(
                text.contains(&include),
                "book/src/{chapter} must show {include}"
            );
        }
        assert!(
            text.contains("## Rust used here") && text.contains("](https://"),
            "book/src/{chapter} needs a `## Rust used here` section with links"
        );
        assert!(
            text.contains(&format!("`just lesson-{n}`"))
                && text.contains(&format!("`just plain-{n}`")),
            "book/src/{chapter} must say how to run the lesson and its plain version"
        );
    }
}

/// The lesson's `golden/timeline-N.svg` files, by name, in order.
fn golden_timelines(folder: &str) -> Vec<String> {
    let golden = workspace_root().join("lessons").join(folder).join("golden");
    let mut pictures: Vec<String> = std::fs::read_dir(&golden)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.starts_with("timeline-") && name.ends_with(".svg"))
                .collect()
        })
        .unwrap_or_default();
    pictures.sort();
    pictures
}

/// Every `{{#include path}}` or `{{#include path:anchor}}` in the book names a file
/// that exists, and an anchor that the file has.
#[test]
fn every_include_resolves() {
    let mut broken = Vec::new();
    for (page, text) in pages() {
        for include in text.split("{{#include ").skip(1) {
            let Some((target, _)) = include.split_once("}}") else {
                broken.push(format!("{}: an unclosed include", page.display()));
                continue;
            };
            let (path, anchor) = match target.split_once(':') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (target, None),
            };
            let file = page.parent().unwrap_or(Path::new(".")).join(path);
            let Ok(included) = std::fs::read_to_string(&file) else {
                broken.push(format!("{}: {path} does not exist", page.display()));
                continue;
            };
            if let Some(anchor) = anchor
                // `13:`, `3:9`: a range of lines, not an anchor.
                && !anchor
                    .split(':')
                    .all(|part| part.is_empty() || part.parse::<usize>().is_ok())
                && !included.contains(&format!("ANCHOR: {anchor}"))
            {
                broken.push(format!("{}: {path} has no anchor {anchor}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken includes:\n{}", broken.join("\n"));
}

/// Every relative link in the book (`[text](page.md)`, `(page.md#part)`) resolves to a
/// page of the book.
#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    for (page, text) in pages() {
        for piece in text.split("](").skip(1) {
            let Some((target, _)) = piece.split_once(')') else {
                continue;
            };
            let target = target.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let file = page.parent().unwrap_or(Path::new(".")).join(target);
            if !file.exists() {
                broken.push(format!("{}: ({target})", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Every exercise in the registry (`course.toml`) is listed in its lesson's
/// chapter, with the command that checks it.
#[test]
fn every_exercise_is_listed_in_its_chapter() {
    let registry = course_exercises::catalog::load(&crate::support::binaries::workspace_root())
        .expect("the registry reads");
    let lessons = lessons();
    for name in registry.iter().map(|exercise| exercise.name.as_str()) {
        if let Some(rest) = name.strip_prefix("fanout-") {
            // A step of the capstone: listed in the capstone's chapter.
            let step = rest.split('-').next().unwrap_or_default();
            let text = read("book/src/capstone.md".as_ref());
            let command = format!("`just exercise fanout-{step}`");
            assert!(
                text.contains(&command),
                "capstone.md does not show {command}"
            );
            continue;
        }
        let number: u32 = name[..2]
            .parse()
            .expect("an exercise name starts with two digits");
        let lesson = lessons
            .iter()
            .find(|lesson| lesson.number == number)
            .unwrap_or_else(|| panic!("exercise {name} follows no lesson"));
        let chapter = chapter_of(&lesson.folder);
        let text = read(&Path::new("book/src").join(&chapter));
        let command = format!("`just exercise {}`", &name[..3]);
        assert!(
            text.contains(&format!("`exercises/{name}/src/lib.rs`")) && text.contains(&command),
            "book/src/{chapter} must list exercise {name} with {command}"
        );
    }
}

/// The README and CONTRIBUTING name the mdBook version CI installs
/// (`book/mdbook-version`), so a learner's `cargo install` gets the same.
#[test]
fn the_pinned_mdbook_version_is_the_one_named() {
    let version = read("book/mdbook-version".as_ref()).trim().to_owned();
    for file in ["README.md", "CONTRIBUTING.md"] {
        assert!(
            read(file.as_ref()).contains(&format!(
                "cargo install mdbook --locked --version {version}"
            )),
            "{file} must give the install command for mdBook {version}"
        );
    }
}
