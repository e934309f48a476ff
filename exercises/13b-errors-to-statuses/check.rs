//! The check for exercise 13b: turns each `PaymentError` (with names and amounts picked
//! anew on every run) into a response, as axum does when a handler returns it, and
//! reads its status, content type and body. Do not edit: the runner notices.

use std::error::Error;
use std::process::ExitCode;

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use ex_13b_errors_to_statuses::{LedgerError, PaymentError};
use exercise_kit::{Verdict, real_time_runtime, run, vary};

/// The message and every cause, joined by ": ", as the body must say it.
fn with_causes(error: &(dyn Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        line.push_str(": ");
        line.push_str(&next.to_string());
        cause = next.source();
    }
    line
}

fn main() -> ExitCode {
    run(|| {
        real_time_runtime().block_on(async {
            let name = format!("acct-{}", vary(1000..=9999));
            let other = format!("acct-{}", vary(1000..=9999));
            let available = vary(1..=500);
            let cases: Vec<(&str, PaymentError, u16)> = vec![
                ("UnknownAccount", PaymentError::UnknownAccount(name.clone()), 404),
                ("NotEnough", PaymentError::NotEnough { account: other, available, needed: available + vary(1..=500) }, 409),
                ("SameAccount", PaymentError::SameAccount, 400),
                ("LedgerDown (timed out)", PaymentError::from(LedgerError::TimedOut(vary(100..=900))), 503),
                ("LedgerDown (closed)", PaymentError::from(LedgerError::Closed), 503),
                (
                    "LedgerDown (connection failed)",
                    PaymentError::from(LedgerError::Connection(std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        format!("reset by peer after {} bytes", vary(10..=9999)),
                    ))),
                    503,
                ),
                ("UnknownAccount", PaymentError::UnknownAccount(format!("{name}-x")), 404),
            ];
            let mut seen = Vec::new();
            for (variant, error, status) in cases {
                let expected_text = with_causes(&error);
                let response = error.into_response();
                let got_status = response.status().as_u16();
                let content_type = response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or("none")
                    .to_owned();
                let Ok(bytes) = axum::body::to_bytes(response.into_body(), 64 * 1024).await else {
                    return Verdict::fail(format!("{variant}: the body could not be read"));
                };
                let body = String::from_utf8_lossy(&bytes).into_owned();
                if got_status != status {
                    return Verdict::fail(format!(
                        "PaymentError::{variant} was answered {got_status}; expected {status}. Give \
                         each variant its status in one match (lesson 13, Part 3)"
                    ));
                }
                let json: Option<serde_json::Value> = serde_json::from_str(&body).ok();
                if !content_type.starts_with("application/json") {
                    return Verdict::fail(format!(
                        "PaymentError::{variant} was answered with {content_type:?}: {body:?}; \
                         expected a JSON body {{\"error\": \"...\"}}: return (status, \
                         Json(body)), which sets the JSON content type (lesson 13, Part 3)"
                    ));
                }
                let Some(json) = json else {
                    return Verdict::fail(format!(
                        "PaymentError::{variant} was answered {body:?} as application/json, but \
                         that is not valid JSON (a quote inside the message, left unescaped?): \
                         let serde write it, Json(body) (lesson 13, Part 3)"
                    ));
                };
                let said = match json.get("error") {
                    Some(serde_json::Value::String(text)) => text.clone(),
                    Some(other) => {
                        return Verdict::fail(format!(
                            "PaymentError::{variant} was answered {body}: its \"error\" is \
                             {other}, not a string. Expected {{\"error\": {expected_text:?}}}: \
                             the causes joined into the one string (lesson 13, Part 3)"
                        ));
                    }
                    None => {
                        return Verdict::fail(format!(
                            "PaymentError::{variant} was answered {body}, which has no \"error\" \
                             field; expected {{\"error\": {expected_text:?}}} (lesson 13, Part 3)"
                        ));
                    }
                };
                if said != expected_text {
                    let why = if expected_text.starts_with(&format!("{said}: ")) {
                        "the text stops before the last cause: walk source() down the whole \
                         chain, each cause's source() in turn, joining each message with \": \""
                    } else {
                        "the text is the error's own message (its Display), then each cause"
                    };
                    return Verdict::fail(format!(
                        "PaymentError::{variant} was answered {body}; expected {{\"error\": \
                         {expected_text:?}}}: {why} (lesson 13, Part 3)"
                    ));
                }
                seen.push(format!("{variant} {status}"));
            }
            Verdict::pass(format!(
                "each variant with its status and its message (causes included) as JSON: {}",
                seen.join(", ")
            ))
        })
    })
}
