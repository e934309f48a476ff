//! Golden files: a lesson's output, kept in `lessons/NN-topic/golden/NAME.txt`, asserted
//! here and included as they are by the book (`book/`), so the book shows what the
//! suite checked.
//!
//! After a deliberate change to an output, `UPDATE_EXPECT=1 cargo test -p course-tests`
//! (`just bless-outputs`) rewrites the golden files that differ, as expect-test does;
//! `git diff` then shows what changed.
//!
//! Two kinds of golden file:
//! - **exact**: a paused-clock transcript, the same on every machine; one test owns it
//!   (writes it when updating) and others may compare a real run against it with times
//!   masked;
//! - **real run**: the output of a real-time program (a plain version), whose times vary;
//!   compared with times masked, and rewritten only when something other than a time
//!   changed, so blessing on a busy machine does not churn the numbers the book shows.

use std::fs;
use std::path::PathBuf;

use super::binaries::workspace_root;
use super::expect::{mask_times, side_by_side};

/// The environment variable that turns comparing into rewriting.
pub const UPDATE: &str = "UPDATE_EXPECT";

/// One golden file.
#[derive(Debug)]
pub struct Golden {
    /// Relative to the workspace root, as shown in messages.
    shown: String,
    path: PathBuf,
}

/// The golden file `NAME.txt` of the lesson whose package is `package`
/// (`lesson-08-timeouts-and-cancellation` → `lessons/08-timeouts-and-cancellation/golden/`).
#[track_caller]
pub fn golden(package: &str, name: &str) -> Golden {
    in_lesson(package, &format!("{name}.txt"))
}

/// Asserts the pictures a lesson drew on a paused clock (`Transcript::figures`, its
/// timelines as SVG) are its golden files `timeline-1.svg`, `timeline-2.svg`, ... in
/// order, and that there are `count` of them. The book shows these files.
#[track_caller]
pub fn assert_timelines(package: &str, figures: &[String], count: usize) {
    assert_eq!(
        figures.len(),
        count,
        "{package} drew {} timelines, not {count}",
        figures.len()
    );
    for (index, svg) in figures.iter().enumerate() {
        let lines: Vec<&str> = svg.lines().collect();
        in_lesson(package, &format!("timeline-{}.svg", index + 1)).assert_exact(&lines);
    }
}

/// Asserts the one picture a real-time run drew is like the lesson's golden
/// `timeline-1.svg`: the same rows, labels and colours, every number masked (a real run's
/// times and positions vary, and so do its ticks, which are on two lines of the file). It owns
/// the file and rewrites it only when something other than a number changed.
#[track_caller]
pub fn assert_real_timeline(package: &str, figures: &[String]) {
    assert_eq!(
        figures.len(),
        1,
        "{package} drew {} timelines, not 1",
        figures.len()
    );
    let lines: Vec<&str> = figures[0].lines().collect();
    in_lesson(package, "timeline-1.svg").assert_real_run(&lines, |line| {
        // The grid and the tick labels follow the real total (2.0 s or 2.5 s).
        if line.starts_with("<path d=") {
            "(the grid)".to_owned()
        } else if line.starts_with("<text") && line.contains("text-anchor=\"middle\"") {
            "(the ticks)".to_owned()
        } else {
            numbers_masked(line)
        }
    });
}

/// Every run of digits and dots as `N`.
fn numbers_masked(line: &str) -> String {
    let mut masked = String::with_capacity(line.len());
    let mut in_number = false;
    for character in line.chars() {
        if character.is_ascii_digit() || (in_number && character == '.') {
            if !in_number {
                masked.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            masked.push(character);
        }
    }
    masked
}

#[track_caller]
fn in_lesson(package: &str, file: &str) -> Golden {
    let folder = package
        .strip_prefix("lesson-")
        .unwrap_or_else(|| panic!("{package} is not a lesson package"));
    let shown = format!("lessons/{folder}/golden/{file}");
    Golden {
        path: workspace_root().join(&shown),
        shown,
    }
}

fn updating() -> bool {
    std::env::var_os(UPDATE).is_some_and(|value| value != "0" && !value.is_empty())
}

impl Golden {
    /// The golden lines, or a failure that says how to make the file.
    #[track_caller]
    pub fn lines(&self) -> Vec<String> {
        match fs::read_to_string(&self.path) {
            Ok(text) => text.lines().map(str::to_owned).collect(),
            Err(error) => panic!(
                "cannot read the golden file {} ({error}); if it is new, write it with \
                 `{UPDATE}=1 cargo test -p course-tests`",
                self.shown
            ),
        }
    }

    /// Asserts `actual` is the golden file, line for line; this test owns the file and
    /// rewrites it when updating.
    #[track_caller]
    pub fn assert_exact(&self, actual: &[impl AsRef<str>]) {
        self.assert_with(actual, |line| line.to_owned(), true, "");
    }

    /// Asserts `actual`, the output of a real run, is the golden file once whatever
    /// `varies` masks (a count of ticks, the stamps), then the times, are masked on both
    /// sides; this test
    /// owns the file and, when updating, rewrites it only if something else differs.
    #[track_caller]
    pub fn assert_real_run(&self, actual: &[impl AsRef<str>], varies: impl Fn(&str) -> String) {
        self.assert_with(actual, |line| mask_times(&varies(line)), true, "");
    }

    /// Asserts `actual` is the golden file once `mask` is applied to each line on both
    /// sides (a transcript exact but for its real times); this test owns the file and,
    /// when updating, rewrites it only if something unmasked differs.
    #[track_caller]
    pub fn assert_masked(&self, actual: &[impl AsRef<str>], mask: impl Fn(&str) -> String) {
        self.assert_with(actual, mask, true, "");
    }

    /// Asserts `part` (lines from one part of the output) appears in the golden file,
    /// whole and in one piece, once `mask` is applied on both sides. Never writes.
    #[track_caller]
    pub fn assert_contains(&self, part: &[impl AsRef<str>], mask: impl Fn(&str) -> String) {
        let golden: Vec<String> = self.lines().iter().map(|line| mask(line)).collect();
        let part: Vec<String> = part.iter().map(|line| mask(line.as_ref())).collect();
        let found = part.is_empty() || golden.windows(part.len()).any(|window| window == part);
        assert!(
            found,
            "these lines are not in the golden file {} as they are (masked):\n{}",
            self.shown,
            side_by_side(
                &part.iter().map(String::as_str).collect::<Vec<_>>(),
                &golden.iter().map(String::as_str).collect::<Vec<_>>()
            )
        );
    }

    /// Asserts `actual` equals the golden file once `mask` is applied to each line on both
    /// sides; a failure ends with `context` (the whole run). Never writes: another test
    /// owns the file.
    #[track_caller]
    pub fn assert_matches(
        &self,
        actual: &[impl AsRef<str>],
        mask: impl Fn(&str) -> String,
        context: &str,
    ) {
        self.assert_with(actual, mask, false, context);
    }

    #[track_caller]
    fn assert_with(
        &self,
        actual: &[impl AsRef<str>],
        mask: impl Fn(&str) -> String,
        owner: bool,
        context: &str,
    ) {
        let actual: Vec<&str> = actual.iter().map(AsRef::as_ref).collect();
        let golden = fs::read_to_string(&self.path).ok();
        let golden_lines: Option<Vec<&str>> = golden.as_deref().map(|text| text.lines().collect());
        let same = golden_lines.as_ref().is_some_and(|golden| {
            golden.len() == actual.len()
                && golden
                    .iter()
                    .zip(&actual)
                    .all(|(golden, actual)| mask(golden) == mask(actual))
        });
        if same {
            return;
        }
        if owner && updating() {
            self.write(&actual);
            return;
        }
        let Some(golden) = golden_lines else {
            // Reports the missing file.
            self.lines();
            return;
        };
        let masked = |lines: &[&str]| lines.iter().map(|line| mask(line)).collect::<Vec<_>>();
        let (actual_masked, golden_masked) = (masked(&actual), masked(&golden));
        let first_difference = actual_masked
            .iter()
            .zip(&golden_masked)
            .position(|(a, g)| a != g)
            .unwrap_or(actual.len().min(golden.len()));
        panic!(
            "the output differs from the golden file {} at line {} \
             (actual: {} lines, golden: {})\n  actual: {:?}\n  golden: {:?}\n\
             If the change is meant, rewrite the golden files with `{UPDATE}=1 cargo test \
             -p course-tests` (or `just bless-outputs`) and read the diff{}.\n\n{}{context}",
            self.shown,
            first_difference + 1,
            actual.len(),
            golden.len(),
            actual.get(first_difference),
            golden.get(first_difference),
            if owner {
                ""
            } else {
                " (this test only reads the file; its owner writes it)"
            },
            side_by_side(&actual, &golden),
        );
    }

    /// Writes `lines` whole, through a temporary file and a rename, so that a test
    /// reading it at the same moment sees the old file or the new one, never half.
    #[track_caller]
    fn write(&self, lines: &[&str]) {
        let mut text = lines.join("\n");
        text.push('\n');
        let folder = self.path.parent().expect("a golden file is in a folder");
        fs::create_dir_all(folder)
            .unwrap_or_else(|error| panic!("cannot make {}: {error}", folder.display()));
        let temporary = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        fs::write(&temporary, text)
            .and_then(|()| fs::rename(&temporary, &self.path))
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", self.shown));
        eprintln!("{UPDATE}: wrote {}", self.shown);
    }
}
