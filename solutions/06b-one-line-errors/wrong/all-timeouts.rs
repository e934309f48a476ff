//! Wrong: every failed request reported as a timeout.
//! Expect: the connection is refused

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
        .map_err(|_| FetchError::Timeout)?;
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        return Err(FetchError::Status(status.as_u16()));
    }
    response.text().await.map_err(|_| FetchError::Timeout)
}
