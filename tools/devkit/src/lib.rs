//! Plumbing that the course's tools (`course-tools`, the exercise runner) and its test
//! support share, so that each exists once (running a child with a deadline, and the
//! seal's token, are course-kit's `child` and `token`, which the capstone's check shares
//! too):
//!
//! - [`cargo`]: build with cargo and read its JSON messages (artifacts, compiler errors);
//! - [`cli`]: clap, with one line and exit status 2 for a usage error;
//! - [`files`]: writing several files all or nothing, copying trees, the scaffold marker;
//! - [`registry`]: the course's one registry, `course.toml` (lessons, exercises, steps);
//! - [`workspace`]: the course's root and its lessons.

pub mod cargo;
pub mod cli;
pub mod files;
pub mod registry;
pub mod workspace;
