//! # Exercise 06b: errors in one line
//!
//! Follows lesson 6, Part 4 (`error_for_status`, timeouts) and `src/fetch.rs`.
//!
//! The Python it mirrors:
//!
//! ```python
//! try:
//!     async with session.get(url) as response:
//!         response.raise_for_status()            # 4xx and 5xx become errors
//!         return await response.text()
//! except asyncio.TimeoutError: ...
//! ```
//!
//! **What to do:** `fetch_text` returns `Ok` for a 404 page, and reports a timeout as
//! "something else". Make a 4xx or 5xx answer `Err(FetchError::Status(code))` and a
//! request that runs out of time `Err(FetchError::Timeout)`. Edit `fetch_text` only.

use std::fmt;

use reqwest::Client;

/// What can go wrong, each with a one-line message.
#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered with an error status (4xx or 5xx).
    Status(u16),
    /// The client's time limit ran out.
    Timeout,
    /// Anything else.
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(code) => write!(f, "the server answered HTTP {code}"),
            Self::Timeout => write!(f, "no answer in time"),
            Self::Other(reason) => write!(f, "the request failed: {reason}"),
        }
    }
}

/// GETs `url`: the page's text, or what went wrong.
pub async fn fetch_text(client: &Client, url: &str) -> Result<String, FetchError> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|error| FetchError::Other(error.to_string()))?;
    response
        .text()
        .await
        .map_err(|error| FetchError::Other(error.to_string()))
}
