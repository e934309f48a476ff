//! `fanout`, your capstone: one request in, many pages fetched.
//!
//! Step 1 starts here. The settings are given ([`config`], read with clap); the rest is
//! yours to add, one module per job (the book's capstone chapter suggests `app` for the
//! state and the router, then `upstream`, `pages` and `cache`).

pub mod config;

pub use config::Config;
