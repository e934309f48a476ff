//! `GET /pages?url=U&url=U...`: every URL fetched together, answered by the deadline,
//! in the order asked.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures::future::join_all;
use serde::Serialize;
use thiserror::Error;
use tokio::time::{Instant, timeout_at};

use crate::app::AppState;
use crate::outcome::Outcome;
use crate::upstream;

/// The most URLs one request may ask for.
pub const MAX_URLS: usize = 100;

/// The answer to `/pages`.
#[derive(Debug, Serialize)]
pub struct PagesAnswer {
    /// From the request's arrival to the answer.
    pub elapsed_ms: u64,
    /// One per URL, in the order asked.
    pub results: Vec<PageResult>,
}

/// One URL's result: `{"url": U, "status": "ok", ...}`.
#[derive(Debug, Serialize)]
pub struct PageResult {
    /// The URL as asked.
    pub url: String,
    /// How it ended.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// A client's mistake: 400 with `{"error": "<one line>"}`, never a 500.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum BadRequest {
    /// No `url` parameter.
    #[error("no url given: ask for /pages?url=http://...&url=...")]
    NoUrl,
    /// More than [`MAX_URLS`].
    #[error("{0} urls asked for; at most {MAX_URLS}")]
    TooMany(usize),
    /// A `url` that does not parse.
    #[error("not a url: {url:?} ({reason})")]
    NotAUrl {
        /// The value given.
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// A URL of another scheme (`ftp:`, `file:` ...).
    #[error("only http and https urls can be fetched: {0:?}")]
    NotHttp(String),
    /// A parameter other than `url`.
    #[error("unknown parameter {0:?}: only url is understood")]
    UnknownParameter(String),
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string() });
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }
}

/// Reads the URLs of a query string (`url=...&url=...`, percent-decoded).
pub fn urls_of(query: Option<&str>) -> Result<Vec<String>, BadRequest> {
    let mut urls = Vec::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if name != "url" {
            return Err(BadRequest::UnknownParameter(name.into_owned()));
        }
        let parsed = reqwest::Url::parse(&value).map_err(|error| BadRequest::NotAUrl {
            url: value.clone().into_owned(),
            reason: error.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BadRequest::NotHttp(value.into_owned()));
        }
        urls.push(value.into_owned());
    }
    match urls.len() {
        0 => Err(BadRequest::NoUrl),
        n if n > MAX_URLS => Err(BadRequest::TooMany(n)),
        _ => Ok(urls),
    }
}

/// The handler. It reads the raw query and parses it itself ([`urls_of`]), so that every
/// mistake is its own 400 with a JSON error. (`Query<Vec<(String, String)>>` would keep
/// every pair too; a struct with a `url: Vec<String>` field is refused. aiohttp's
/// `request.query.getall("url")` is the same idea.)
pub async fn pages(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> Result<Json<PagesAnswer>, BadRequest> {
    let arrived = Instant::now();
    let answered = match urls_of(query.as_deref()) {
        Ok(urls) => answer(&state, urls, arrived).await,
        Err(bad) => Err(bad),
    };
    // Counted when answered, a 400 too (a request cut by the shutdown never is).
    state
        .counters
        .requests_served
        .fetch_add(1, Ordering::Relaxed);
    answered.map(Json)
}

// ANCHOR: answer
async fn answer(
    state: &Arc<AppState>,
    urls: Vec<String>,
    arrived: Instant,
) -> Result<PagesAnswer, BadRequest> {
    let deadline = arrived + state.config.deadline();
    // One future per URL, all polled by this task (no spawn: they borrow `state`);
    // each is dropped at the deadline if not done, which drops its upstream request.
    // join_all keeps the order asked, whatever order they finish in.
    let outcomes = join_all(urls.iter().map(|url| async move {
        timeout_at(deadline, upstream::fetch(state, url, deadline))
            .await
            .unwrap_or(Outcome::Unfinished)
    }))
    .await;
    let results: Vec<PageResult> = urls
        .into_iter()
        .zip(outcomes)
        .map(|(url, outcome)| PageResult { url, outcome })
        .collect();
    let elapsed_ms = u64::try_from(arrived.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(PagesAnswer {
        elapsed_ms,
        results,
    })
}
// ANCHOR_END: answer

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_read_in_order_and_decoded() {
        assert_eq!(
            urls_of(Some("url=http%3A%2F%2Fa%2Fx&url=https://b/")),
            Ok(vec!["http://a/x".to_owned(), "https://b/".to_owned()])
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(urls_of(None), Err(BadRequest::NoUrl));
        assert_eq!(urls_of(Some("")), Err(BadRequest::NoUrl));
        assert!(matches!(
            urls_of(Some("url=nope")),
            Err(BadRequest::NotAUrl { .. })
        ));
        assert_eq!(
            urls_of(Some("url=ftp://a/")),
            Err(BadRequest::NotHttp("ftp://a/".to_owned()))
        );
        assert_eq!(
            urls_of(Some("uri=http://a/")),
            Err(BadRequest::UnknownParameter("uri".to_owned()))
        );
        let many = vec!["url=http://a/"; MAX_URLS + 1].join("&");
        assert_eq!(urls_of(Some(&many)), Err(BadRequest::TooMany(MAX_URLS + 1)));
    }
}
