//! The course's helpers, each its own binary with its own `--help`:
//!
//! - `compare N` ([`compare`]): runs lesson N's Python counterpart and its plain Rust
//!   version side by side (`just compare N`);
//! - `generate [--check]` ([`generated`]): writes what the registry (`course.toml`)
//!   decides into the justfile, the book and the tests;
//! - `new-lesson NN topic "Title"` ([`scaffold`]): a new lesson, wired up everywhere
//!   (`just new-lesson ...`);
//! - `new-exercise NNx-name` ([`exercise_scaffold`]): a new exercise in the course's
//!   conventions (`just new-exercise ...`);
//! - `exercise-admin verify | bless` ([`exercise_integrity`]): every starter and wrong
//!   answer fails, every solution passes; fingerprints rewritten after a deliberate edit;
//!   `exercise-admin capstone N --into DIR` writes a capstone step's whole crate
//!   ([`capstone_answers`]: its wrong and valid answers, as patches).
//!
//! The learner's runner (`course-exercises`) has none of these: what it builds is only
//! what a learner runs.
//!
//! They find the course through `course_devkit::workspace`, and build what they run
//! through [`cargo`].

pub mod capstone_answers;
pub mod capstone_integrity;
pub mod cargo;
pub mod compare;
pub mod exercise_integrity;
pub mod exercise_scaffold;
pub mod generated;
pub mod registry_edit;
pub mod scaffold;
pub mod scratch_manifests;

/// The package fields every course crate takes from the workspace, as the scaffolded
/// manifests write them.
pub(crate) const INHERITED_FIELDS: &str = "\
version.workspace = true
edition.workspace = true
rust-version.workspace = true
publish.workspace = true
license.workspace = true
";

/// Why a tool could not do its job: one line for `main` to print.
pub type ToolError = course_kit::failure::Failure;
