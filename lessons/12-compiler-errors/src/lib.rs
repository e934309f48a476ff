//! # Lesson 12, the body: the compiler errors async Rust gives you
//!
//! Each error is a program in `broken/` that does not compile, with the message rustc
//! gives and, in its header, the Python habit behind it, why rustc refuses it and the
//! fix. The course's test compiles every one of them and checks the message; the fixes
//! are in [`fixes`], and the lesson runs each to show it works. The chapter
//! (`book/src/lessons/12-compiler-errors.md`) is this lesson's output.
//!
//! The chapter's code examples about `Send` and `Sync`, compiled (or refused) by rustdoc
//! as the chapter shows them:
#![doc = include_str!("../snippets/captured-rc-refused.md")]
#![doc = include_str!("../snippets/refcell-is-send.md")]
#![doc = include_str!("../snippets/arc-refcell-not-send.md")]

pub mod fixes;

use std::future::Future;
use std::pin::Pin;

use course_kit::Transcript;

/// One error of the catalogue: a broken program and what to say about it.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    /// Its file name in `broken/`, without `.rs`.
    pub name: &'static str,
    /// The file's text: its header, then the program.
    pub source: &'static str,
}

/// A [`Case`] from `broken/NAME.rs`, read at compile time.
macro_rules! case {
    ($name:literal) => {
        Case {
            name: $name,
            source: include_str!(concat!("../broken/", $name, ".rs")),
        }
    };
}

/// Every case, in the lesson's order.
pub const CASES: [Case; 12] = [
    case!("01-rc-across-await"),
    case!("02-std-mutex-guard-across-await"),
    case!("03-spawn-borrows-a-local"),
    case!("04-move-out-of-fnmut"),
    case!("05-question-mark-in-async-block"),
    case!("06-recursive-async-fn"),
    case!("07-std-instant-for-timeout-at"),
    case!("08-vec-of-async-blocks"),
    case!("09-box-dyn-error-across-spawn"),
    case!("10-async-fn-in-trait-as-dyn"),
    case!("11-select-needs-unpin"),
    case!("12-std-guard-in-axum-handler"),
];

impl Case {
    /// The value of a header field (`//! Why: ...`, with its `//!   ` continuation
    /// lines joined), or `""`.
    pub fn field(&self, key: &str) -> String {
        let mut value: Vec<&str> = Vec::new();
        let mut inside = false;
        for line in self
            .source
            .lines()
            .map_while(|line| line.strip_prefix("//!"))
        {
            if let Some(rest) = line.strip_prefix(&format!(" {key}: ")) {
                value.push(rest.trim());
                inside = true;
            } else if inside && line.starts_with("   ") {
                value.push(line.trim());
            } else {
                inside = false;
            }
        }
        value.join(" ")
    }

    /// The first line of rustc's error, as the test checks it.
    pub fn error(&self) -> String {
        self.field("Error")
    }

    /// The error code (`E0507`), or `None` for an error rustc gives without one.
    pub fn code(&self) -> Option<String> {
        Some(self.field("Code")).filter(|code| code.starts_with('E'))
    }

    /// The program, without its header.
    pub fn program(&self) -> &'static str {
        let header_end = self
            .source
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .map(|line| line.len() + 1)
            .sum::<usize>();
        self.source[header_end..].trim_start_matches('\n')
    }

    /// The fix of this case, run: what it printed.
    pub fn run_fix(&self) -> Pin<Box<dyn Future<Output = Vec<String>> + '_>> {
        let number: usize = self.name[..2].parse().unwrap_or_default();
        Box::pin(async move {
            match number {
                1 => vec![
                    fixes::arc_across_await().await,
                    fixes::rc_gone_before_await().await,
                ],
                2 => vec![fixes::guard_dropped_before_await().await],
                3 => vec![
                    fixes::tasks_own_their_data().await,
                    fixes::no_spawn_needed().await,
                ],
                4 => vec![fixes::borrow_the_client().await],
                5 => vec![fixes::name_the_error_type().await],
                6 => vec![fixes::boxed_recursion().await],
                7 => vec![fixes::tokio_instant().await],
                8 => vec![fixes::boxed_blocks().await],
                9 => vec![fixes::send_sync_error().await],
                10 => vec![
                    fixes::generic_source().await,
                    fixes::boxed_future_method().await,
                ],
                11 => vec![fixes::pinned_deadline().await],
                12 => vec![fixes::handler_is_send().await],
                _ => Vec::new(),
            }
        })
    }
}

/// Prints one case: the habit, the program, rustc's message, why, the fix, and the
/// fix's own output.
pub async fn show(out: &Transcript, case: &Case) {
    let number: usize = case.name[..2].parse().unwrap_or_default();
    out.heading(format!("{number}. {}", case.error()));
    out.paragraph(format!("The Python habit: {}.", case.field("Python")));
    out.note(format!("broken/{}.rs:", case.name));
    for line in case.program().lines() {
        out.note(if line.is_empty() {
            String::new()
        } else {
            format!("    {line}")
        });
    }
    let code = case
        .code()
        .map_or(String::new(), |code| format!("[{code}]"));
    out.note(format!("rustc: error{code}: {}", case.error()));
    out.paragraph(format!("Why: {}", case.field("Why")));
    out.paragraph(format!("The fix: {}", case.field("Fix")));
    // The fix runs here, for real: it compiles, and this is what it gives.
    for said in case.run_fix().await {
        out.say(format!("fixed, run: {said}"));
    }
}

/// The whole lesson, or only case `only` (1 to 12).
pub async fn run_only(out: &Transcript, only: Option<usize>) {
    out.note("Lesson 12: The compiler errors async Rust gives you");
    out.note("(Start with the plain version, just plain-12: the three fixes needed first.)");
    out.paragraph(
        "Each error below is a program in lessons/12-compiler-errors/broken/ that does not \
         compile. The course's tests compile each one and check rustc's message; each fix \
         then runs here.",
    );
    for (number, case) in (1..).zip(CASES.iter()) {
        if only.is_none_or(|only| only == number) {
            show(out, case).await;
        }
    }
}

/// The whole lesson.
pub async fn run(out: &Transcript) {
    run_only(out, None).await;
}
