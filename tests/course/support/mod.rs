//! Helpers for the course's tests, one concern per module.

pub mod binaries;
pub mod browser;
pub mod compile;
pub mod expect;
pub mod finished;
pub mod golden;
pub mod run;
pub mod seed;
pub mod workspace;
