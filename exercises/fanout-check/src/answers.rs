//! Asking your service for pages and reading its JSON answers.

use course_kit::http_server::BackgroundServer;
use serde_json::Value;

use crate::service::{Answer, Service, get};

/// `/pages?url=...` for these paths on the course server.
pub fn pages_path(upstream: &BackgroundServer, paths: &[&str]) -> String {
    let query: Vec<String> = paths
        .iter()
        .map(|path| format!("url={}", upstream.url(path)))
        .collect();
    format!("/pages?{}", query.join("&"))
}

/// Asks `service` for these course-server paths; the answer and its results, checked to
/// be a 200 with one result per URL, in the order asked.
pub fn ask(
    service: &Service,
    upstream: &BackgroundServer,
    paths: &[&str],
) -> Result<(Answer, Vec<Value>), String> {
    let answer = get_from(service, &pages_path(upstream, paths))?;
    let results = results_in_order(&answer, upstream, paths)?;
    Ok((answer, results))
}

/// GET `path` from `service`; when it fails, what the service said on stderr too (a
/// handler that panics closes the connection, where aiohttp would answer 500).
pub fn get_from(service: &Service, path: &str) -> Result<Answer, String> {
    get(&service.url(path)).map_err(|error| {
        let said = service.output().stderr();
        if said.trim().is_empty() {
            error
        } else {
            format!(
                "{error}. Your service said on stderr: {} (a panic in a handler closes the \
                 connection: return an error instead)",
                crate::service::last_lines(&said, 3)
            )
        }
    })
}

/// The results of a `/pages` answer, checked: a 200, JSON, one result per URL asked, in
/// the order asked.
pub fn results_in_order(
    answer: &Answer,
    upstream: &BackgroundServer,
    paths: &[&str],
) -> Result<Vec<Value>, String> {
    if answer.status != 200 {
        return Err(format!(
            "/pages answered {} (expected 200 with the results): {}",
            answer.status,
            short(&answer.text)
        ));
    }
    let Some(results) = answer.json["results"].as_array() else {
        return Err(format!(
            "/pages must answer JSON {{\"elapsed_ms\": n, \"results\": [...]}}; it answered {}",
            short(&answer.text)
        ));
    };
    if let Some(result) = results.iter().find(|result| !result["url"].is_string()) {
        return Err(format!(
            "each result needs \"url\", the URL as asked, beside its \"status\" (serde's \
             #[serde(flatten)] puts the outcome's fields next to it); got {result}"
        ));
    }
    let asked: Vec<String> = paths.iter().map(|path| upstream.url(path)).collect();
    let got: Vec<&str> = results
        .iter()
        .map(|result| result["url"].as_str().unwrap_or("(no url)"))
        .collect();
    if got != asked {
        return Err(format!(
            "the results must come one per URL, in the order asked (whatever order they \
             finish in): asked {} URLs {:?}, got {:?}",
            asked.len(),
            paths,
            got.iter()
                .map(|url| url.strip_prefix(&upstream.url("")).unwrap_or(url))
                .collect::<Vec<_>>()
        ));
    }
    Ok(results.clone())
}

/// Each result's `status` word.
pub fn statuses(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|result| result["status"].as_str().unwrap_or("(none)").to_owned())
        .collect()
}

/// `result[field]` as a number, or a message naming what is missing.
pub fn number(result: &Value, field: &str) -> Result<u64, String> {
    result[field]
        .as_u64()
        .ok_or_else(|| format!("a result needs a number `{field}`; got {result}"))
}

/// At most 300 characters of `text`, on one line.
pub fn short(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    match one_line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}...", &one_line[..cut]),
        None => one_line,
    }
}
