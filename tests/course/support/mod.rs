//! Helpers for the course's tests, one concern per module.

pub mod binary;
pub mod expect;
pub mod workspace;
