//! `fanout` after step 1: the skeleton. A router with its state, `/health`, and a
//! command line; `main` serves it until a signal.
//!
//! - [`config`]: the settings, read by clap in `main`;
//! - [`app`]: the state every handler shares and the router.

pub mod app;
pub mod config;

pub use app::{AppState, router};
pub use config::Config;
