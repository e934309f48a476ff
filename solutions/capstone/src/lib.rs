//! `fanout`: one request in, many pages fetched. The capstone's reference.
//!
//! `GET /pages?url=U&url=U...` fetches every URL concurrently, at most `limit` upstream
//! requests in flight across the whole service, retries transient failures with backoff
//! and jitter, caches what succeeded, and answers by the deadline with what finished, in
//! the order asked. `GET /health` and `GET /status` say how it is doing.
//!
//! The modules, each one job:
//! - [`config`]: the settings (`--limit`, `--deadline-ms`, ...), read by clap in `main`;
//! - [`upstream`]: one page fetched with retries, each attempt with its own timeout;
//! - [`outcome`]: how a URL ended ([`outcome::Outcome`]) and why an attempt failed
//!   ([`outcome::FetchError`]);
//! - [`fetches`]: one fetch per URL at a time (a second ask joins the first);
//! - [`cache`]: pages that succeeded, for `cache_ttl`, at most `cache_max`;
//! - [`pages`]: the `/pages` handler: the URLs read, fetched together, answered in order;
//! - [`app`]: the state every handler shares (the counters, the cache, the fetches in
//!   flight);
//! - [`routes`]: the router, `/health` and `/status`.

pub mod app;
pub mod cache;
pub mod config;
pub mod fetches;
pub mod outcome;
pub mod pages;
pub mod routes;
pub mod upstream;

pub use app::AppState;
pub use config::Config;
pub use routes::router;
