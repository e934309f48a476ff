//! Plumbing that the course's tools (`course-tools`, the exercise runner) and its test
//! support share, so that each exists once:
//!
//! - [`child`]: run a program with a deadline, read both of its pipes at once, kill it
//!   (and what it started) when the time is up;
//! - [`cargo`]: build with cargo and read its JSON messages (artifacts, compiler errors);
//! - [`cli`]: clap, with one line and exit status 2 for a usage error;
//! - [`token`]: an unguessable token for one run (the exercise verdict's seal);
//! - [`files`]: writing several files all or nothing, copying trees, the scaffold marker;
//! - [`workspace`]: the course's root and its lessons.

pub mod cargo;
pub mod child;
pub mod cli;
pub mod files;
pub mod token;
pub mod workspace;
