//! Programs the course says compile, or are refused, compiled for real: lesson 12's
//! broken programs and every code block of `lessons/*/snippets/*.md` become the binaries
//! of one scratch crate, checked once per test process (`cargo check`, against the
//! course's own locked tokio and futures, offline, in a target folder of its own).
//!
//! A snippet that says it is refused is a `rust,compile_fail` block whose first line is
//! the error it claims, as rustc's first line, with the rustc version it was checked with:
//!
//! ```text
//! // rustc 1.95: error[E0597]: `name` does not live long enough
//! ```
//!
//! and, where the text quotes more of rustc's message (a help or a note), a line
//! `// rustc also: <words>` for each quote, which must appear in the rendered error.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use course_devkit::cargo::{Build, CompilerError};

use crate::support::binaries::{binary_path, workspace_root};

/// One program of the scratch crate.
#[derive(Clone, Debug)]
pub struct Program {
    /// Its binary's name in the scratch crate.
    pub target: String,
    /// Where it comes from, for messages (`lessons/04-tasks/snippets/x.md`, block 1).
    pub origin: String,
    /// Its source, as compiled.
    pub source: String,
    /// The error it claims (`Some` for a program that must not compile).
    pub claim: Option<Claim>,
    /// Words its rendered error must contain (`// rustc also: ...`).
    pub also: Vec<String>,
}

/// The first error a refused program claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// `E0597`, or `None` for an error rustc gives without a code.
    pub code: Option<String>,
    /// The error's whole first line, without `error[E0597]: `.
    pub message: String,
}

impl Claim {
    /// `error[E0597]: ...` as rustc prints it.
    pub fn shown(&self) -> String {
        let code = self
            .code
            .as_ref()
            .map_or(String::new(), |code| format!("[{code}]"));
        format!("error{code}: {}", self.message)
    }

    /// Reads `error[E0597]: message` or `error: message`.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.trim().strip_prefix("error")?;
        let (code, message) = match rest.strip_prefix('[') {
            Some(coded) => {
                let (code, message) = coded.split_once("]: ")?;
                (Some(code.to_owned()), message)
            }
            None => (None, rest.strip_prefix(": ")?),
        };
        Some(Self {
            code,
            message: message.trim().to_owned(),
        })
    }
}

/// Every snippet's code blocks, as programs.
fn snippet_programs() -> Vec<Program> {
    let root = workspace_root();
    let mut programs = Vec::new();
    for file in snippet_files(&root) {
        let text = std::fs::read_to_string(&file).expect("read a snippet");
        let relative = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (index, block) in rust_blocks(&text).into_iter().enumerate() {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lesson = file
                .ancestors()
                .nth(2)
                .and_then(Path::file_name)
                .map(|s| s.to_string_lossy()[..2].to_owned())
                .unwrap_or_default();
            programs.push(Program {
                target: format!("snippet-{lesson}-{stem}-{}", index + 1),
                origin: format!("{relative}, block {}", index + 1),
                source: as_rustdoc_compiles(&block.code),
                claim: block.claim,
                also: block.also,
            });
        }
    }
    programs
}

/// Every `lessons/*/snippets/*.md`, sorted.
pub fn snippet_files(root: &Path) -> Vec<PathBuf> {
    let lessons = course_devkit::workspace::lessons(root).expect("read lessons/");
    let mut files: Vec<PathBuf> = lessons
        .iter()
        .filter_map(|lesson| std::fs::read_dir(root.join(lesson.path()).join("snippets")).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files
}

/// One ```` ```rust ```` block of a snippet file.
#[derive(Debug)]
pub struct Block {
    /// Its code, hidden lines (`# `) shown.
    pub code: String,
    /// Whether it is marked `compile_fail`.
    pub compile_fail: bool,
    /// The error its first line claims (`// rustc 1.95: error[E0597]: ...`).
    pub claim: Option<Claim>,
    /// Words the rendered error must contain (`// rustc also: ...` lines).
    pub also: Vec<String>,
    /// The first line as written, for messages.
    pub first_line: String,
}

/// The Rust code blocks of a Markdown text.
pub fn rust_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.trim().strip_prefix("```rust") else {
            continue;
        };
        let compile_fail = info.split(',').any(|word| word.trim() == "compile_fail");
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let shown: Vec<&str> = body
            .iter()
            .map(|line| match line.strip_prefix("# ") {
                Some(hidden) => hidden,
                None if *line == "#" => "",
                None => line,
            })
            .collect();
        let first_line = body.first().copied().unwrap_or_default().to_owned();
        let claim = first_line
            .strip_prefix("// rustc ")
            .and_then(|rest| rest.split_once(": "))
            .and_then(|(_version, error)| Claim::parse(error));
        let also = shown
            .iter()
            .filter_map(|line| line.trim().strip_prefix("// rustc also: "))
            .map(str::to_owned)
            .collect();
        blocks.push(Block {
            code: shown.join("\n"),
            compile_fail,
            claim: if compile_fail { claim } else { None },
            also,
            first_line,
        });
    }
    blocks
}

/// The program rustdoc compiles for a doctest: inner attributes first, and the code
/// inside `fn main` unless it has one.
fn as_rustdoc_compiles(code: &str) -> String {
    let (attributes, body): (Vec<&str>, Vec<&str>) = code
        .lines()
        .partition(|line| line.trim_start().starts_with("#!["));
    let body = body.join("\n");
    let attributes = attributes.join("\n");
    if body.contains("fn main(") {
        format!("#![allow(unused)]\n{attributes}\n{body}\n")
    } else {
        format!("#![allow(unused)]\n{attributes}\nfn main() {{\n{body}\n}}\n")
    }
}

/// [`every_program`], checked as the binaries of one scratch crate, once per test
/// process. Its dependencies: tokio (the features the lessons use), futures and axum
/// (lessons 12 and 13), at the course's locked versions.
pub fn checked() -> &'static (Vec<Program>, Build) {
    static CHECKED: OnceLock<(Vec<Program>, Build)> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let programs = every_program();
        let build = check(&programs);
        (programs, build)
    })
}

/// Every program: lesson 12's broken ones, then the snippets'.
fn every_program() -> Vec<Program> {
    let mut programs: Vec<Program> = lesson_12_compiler_errors::CASES
        .iter()
        .map(|case| Program {
            target: format!("case-{}", case.name),
            origin: format!("lessons/12-compiler-errors/broken/{}.rs", case.name),
            source: case.source.to_owned(),
            claim: Some(Claim {
                code: case.code(),
                message: case.error(),
            }),
            also: Vec::new(),
        })
        .collect();
    programs.extend(snippet_programs());
    programs
}

/// The first error rustc gave for `target`, if any.
pub fn first_error<'a>(build: &'a Build, target: &str) -> Option<&'a CompilerError> {
    build.errors.iter().find(|error| error.target == target)
}

fn check(programs: &[Program]) -> Build {
    let root = workspace_root();
    let scratch = binary_path("lesson-12-compiler-errors")
        .ancestors()
        .nth(2)
        .map(|target| target.join("compile-claims"))
        .expect("the binary lives in target/<profile>/");
    let bins = scratch.join("src/bin");
    let _ = std::fs::remove_dir_all(&bins);
    std::fs::create_dir_all(&bins).expect("make the scratch crate");
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[package]\nname = \"compile-claims\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\n\
         tokio = { version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"time\", \"sync\", \"net\"] }\n\
         futures = { version = \"0.3\", default-features = false, features = [\"std\"] }\n\
         axum = { version = \"0.8\", default-features = false, features = [\"tokio\", \"http1\", \"json\", \"query\", \"macros\"] }\n\n\
         [workspace]\n",
    )
    .expect("write the scratch manifest");
    // The course's lock file: the same versions, and no network.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("copy the lock");
    for program in programs {
        std::fs::write(bins.join(format!("{}.rs", program.target)), &program.source)
            .expect("write a program");
    }
    let mut command = course_devkit::cargo::command();
    command
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .args([
            "check",
            "--message-format=json",
            "--offline",
            "--bins",
            "--keep-going",
        ]);
    course_devkit::cargo::run(
        &mut command,
        Duration::from_secs(600),
        course_kit::child::Stderr::Capture,
    )
    .expect("cargo runs")
}
