//! Every lesson is wired up everywhere a learner or instructor looks for it.
//!
//! Adding a lesson folder without its `just` recipe, its chapter or a test that runs
//! it fails here, with a message that says what is missing.

use crate::support::binaries::workspace_root;
use crate::support::workspace::{lessons, manifest_field, read, rust_sources};

/// The registry lists exactly the lesson folders on disk, in order.
#[test]
fn the_registry_lists_every_lesson_folder() {
    let listed: Vec<String> = lessons().into_iter().map(|lesson| lesson.folder).collect();
    let on_disk =
        course_devkit::workspace::lesson_folders(&workspace_root()).expect("lessons/ reads");
    assert_eq!(
        listed, on_disk,
        "course.toml's [[lesson]] tables (left) must name every folder under lessons/ (right), \
         in order: `just new-lesson` adds both"
    );
}

/// The course has lessons, numbered 1, 2, 3 ... without gaps or repeats.
#[test]
fn lessons_are_numbered_in_reading_order() {
    let numbers: Vec<u32> = lessons().iter().map(|lesson| lesson.number).collect();
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(numbers, expected, "lesson folders: {:#?}", lessons());
}

/// Each lesson's package is named by the course's rule, `lesson-` and its folder's name,
/// which is how the tools find it.
#[test]
fn every_lesson_package_is_named_after_its_folder() {
    for lesson in lessons() {
        let manifest = read(&lesson.path().join("Cargo.toml"));
        assert_eq!(
            manifest_field(&manifest, "name").as_deref(),
            Some(lesson.package().as_str()),
            "{}/Cargo.toml: the package must be named {}",
            lesson.path().display(),
            lesson.package()
        );
    }
}

/// `just lesson-N` exists for every lesson and runs that lesson's package.
#[test]
fn every_lesson_has_its_just_recipe() {
    let justfile = read("justfile".as_ref());
    for lesson in lessons() {
        let recipe = format!("lesson-{} ", lesson.number);
        let body = justfile
            .split("\n\n")
            .find(|block| block.lines().any(|line| line.starts_with(&recipe)));
        let runs_it = body.is_some_and(|block| block.contains(&format!("-p {}", lesson.package())));
        assert!(
            runs_it,
            "the justfile needs a recipe `lesson-{n} *ARGS:` that runs `cargo run -p {p}`\n\n\
             --- justfile ---\n{justfile}",
            n = lesson.number,
            p = lesson.package(),
        );
    }
}

/// At least one test runs each lesson's real binary.
#[test]
fn every_lesson_has_a_test_that_runs_it() {
    let sources = rust_sources("tests/course");
    for lesson in lessons() {
        let quoted = format!("\"{}\"", lesson.package());
        let runs_it = sources
            .iter()
            .any(|(_, text)| text.contains(&quoted) && text.contains("run_lesson("));
        assert!(
            runs_it,
            "no test under tests/course runs {quoted} with run_lesson(...)"
        );
    }
}

/// Each lesson's `main.rs` opens with a `//!` block that gives the command to run it.
#[test]
fn every_lesson_main_says_how_to_run_it() {
    for lesson in lessons() {
        let main = read(&lesson.path().join("src/main.rs"));
        let command = format!("just lesson-{}", lesson.number);
        assert!(
            main.starts_with("//!") && main.contains(&command),
            "{}/src/main.rs must open with a //! block that shows `{command}`",
            lesson.path().display()
        );
    }
}

/// Each lesson has a plain version (`examples/plain-NN.rs`) with its `just plain-N`
/// recipe, and a Python counterpart (`python/lesson_NN.py`).
#[test]
fn every_lesson_has_a_plain_version_and_a_python_counterpart() {
    let justfile = read("justfile".as_ref());
    for lesson in lessons() {
        let n = lesson.number;
        let plain = lesson.path().join(format!("examples/plain-{n:02}.rs"));
        assert!(
            workspace_root().join(&plain).is_file(),
            "lesson {n} needs its plain version, {}",
            plain.display()
        );
        assert!(
            justfile.contains(&format!("plain-{n} *ARGS:"))
                && justfile.contains(&format!("--example plain-{n:02}")),
            "the justfile needs a recipe `plain-{n} *ARGS:` running `--example plain-{n:02}`"
        );
        let python = format!("python/lesson_{n:02}.py");
        assert!(
            workspace_root().join(&python).is_file(),
            "lesson {n} needs its Python counterpart, {python}"
        );
    }
}

/// Nothing the lesson scaffolder marks for replacement is left: every `SCAFFOLD:` line
/// is named here with where it is.
#[test]
fn no_scaffold_marker_is_left() {
    let mut left = Vec::new();
    let mut files: Vec<(std::path::PathBuf, String)> = ["lessons", "tests/course", "shared/src"]
        .iter()
        .flat_map(|folder| rust_sources(folder))
        .collect();
    for file in ["README.md", "justfile", "course.toml"] {
        files.push((file.into(), read(file.as_ref())));
    }
    // The book's pages, and the golden files a new lesson starts with.
    for folder in ["book/src", "book/src/lessons"] {
        for entry in std::fs::read_dir(workspace_root().join(folder))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "md") {
                files.push((path.clone(), read(&path)));
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(workspace_root().join("python")) {
        for entry in entries.flatten() {
            // The Python files (not a `__pycache__` an interpreter may have left).
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "py") {
                files.push((path.clone(), read(&path)));
            }
        }
    }
    let marker = ["SCAFFOLD", ":"].concat();
    for (path, text) in &files {
        for (number, line) in text.lines().enumerate() {
            // These two test files name the marker on purpose.
            let about_the_marker =
                path.ends_with("consistency.rs") || path.ends_with("course/scaffold.rs");
            if line.contains(&marker) && !about_the_marker {
                left.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        left.is_empty(),
        "replace what `just new-lesson` marked with real content:\n{}",
        left.join("\n")
    );
}

/// The book's "Your own project" asks for the same tokio features as the playground,
/// and both have futures, reqwest and tokio-util.
#[test]
fn your_own_project_matches_the_playground() {
    let page = read("book/src/your-own-project.md".as_ref());
    let manifest = read("playground/Cargo.toml".as_ref());
    let features = |text: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|line| line.starts_with("tokio = "))
            .unwrap_or_default();
        let inside = line
            .split_once("features = [")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map_or("", |(inside, _)| inside);
        let mut found: Vec<String> = inside
            .split(',')
            .map(|feature| feature.trim().trim_matches('"').to_owned())
            .filter(|feature| !feature.is_empty())
            .collect();
        found.sort();
        found
    };
    let section = page.as_str();
    assert!(
        !features(section).is_empty(),
        "book/src/your-own-project.md needs a tokio line"
    );
    assert_eq!(
        features(section),
        features(&manifest),
        "book/src/your-own-project.md and playground/Cargo.toml must ask for the same tokio features"
    );
    for dependency in ["futures = ", "reqwest = ", "tokio-util = "] {
        assert!(
            section.contains(dependency) && manifest.contains(dependency),
            "both book/src/your-own-project.md and playground/Cargo.toml need {dependency:?}"
        );
    }
}

/// The learner's capstone crate and the reference pin the same crates at the same
/// versions (they share target/capstone, so a dependency builds once for both); only
/// their own package's name differs (`fanout`, `fanout-reference`), so neither build is
/// taken for the other.
#[test]
fn the_capstone_crates_pin_the_same_crates() {
    let packages = |lock: &str, own: &str| {
        let text = read(lock.as_ref());
        let lock: toml::Table =
            toml::from_str(&text).unwrap_or_else(|error| panic!("{lock}: {error}"));
        let mut own_dependencies = None;
        let mut others = Vec::new();
        for package in lock["package"].as_array().expect("[[package]] tables") {
            let name = package["name"].as_str().expect("a name");
            if name == own {
                own_dependencies = Some(package.get("dependencies").cloned());
            } else {
                others.push(package.clone());
            }
        }
        let own_dependencies =
            own_dependencies.unwrap_or_else(|| panic!("{own} is not in its lock file"));
        (own_dependencies, others)
    };
    let learner = packages("capstone/Cargo.lock", "fanout");
    let reference = packages("solutions/capstone/Cargo.lock", "fanout-reference");
    assert!(
        learner == reference,
        "capstone/Cargo.lock and solutions/capstone/Cargo.lock differ beyond their own \
         package's name: copy the reference's lock and rename its package (or build both)"
    );
}
