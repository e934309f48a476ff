//! `fanout` after steps 2 to 4: `/pages` fetches the URLs (one at a time at step 2;
//! together within the shared limit and the deadline from step 3; retried from step 4).
//!
//! - [`config`]: the settings, read by clap in `main`;
//! - [`upstream`]: one page fetched, and why it failed ([`upstream::FetchError`]);
//! - [`pages`]: the `/pages` handler;
//! - [`app`]: the state every handler shares and the router.

pub mod app;
pub mod config;
pub mod pages;
pub mod upstream;

pub use app::{AppState, router};
pub use config::Config;
