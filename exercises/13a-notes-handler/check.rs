//! The check for exercise 13a: serves your `router()` on 127.0.0.1 (port 0) and talks to
//! it over HTTP, with users, texts and pins picked anew on every run. Do not edit: the
//! runner notices.

use std::process::ExitCode;

use ex_13a_notes_handler::router;
use exercise_kit::{Verdict, real_time_runtime, run, vary};
use serde_json::{Value, json};

/// A note the check added, as it must come back.
struct Added {
    user: String,
    pinned: bool,
    json: Value,
}

fn main() -> ExitCode {
    run(|| {
        course_kit::tls::install_crypto_provider();
        real_time_runtime().block_on(async {
            let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.1:0").await else {
                return Verdict::fail("the check could not listen on 127.0.0.1");
            };
            let Ok(address) = listener.local_addr() else {
                return Verdict::fail("the check could not read its listening address");
            };
            // Your app, served in a task of its own while the check asks it.
            let app = router();
            tokio::spawn(async move { axum::serve(listener, app).await });
            match check(&format!("http://{address}")).await {
                Ok(message) => Verdict::pass(message),
                Err(message) => Verdict::fail(message),
            }
        })
    })
}

/// Sends one request; its status and its body read as JSON (`Value::Null` if it is
/// not JSON) and as text.
async fn send(
    request: reqwest::RequestBuilder,
    what: &str,
) -> Result<(u16, Value, String), String> {
    let response = request
        .send()
        .await
        .map_err(|error| format!("{what}: the request failed: {error}"))?;
    let status = response.status().as_u16();
    let text = response
        .text()
        .await
        .map_err(|error| format!("{what}: reading the body failed: {error}"))?;
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Ok((status, json, text))
}

/// `POST url` with `body` as JSON.
fn post_json(client: &reqwest::Client, url: &str, body: &Value) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
}

async fn check(base: &str) -> Result<String, String> {
    let client = reqwest::Client::new();
    let salt = vary(100..=999);
    let users = [format!("ann{salt}"), format!("bo{}", vary(100..=999))];
    let count = vary(5..=7) as usize;
    // Which user adds note i, and its pin: true, false, or left out of the body.
    let pattern = vary(0..=63);
    let pins = [Some(true), None, Some(false)];
    let mut added: Vec<Added> = Vec::new();
    for i in 0..count {
        // The first note is the first user's, the second the other's, then as picked.
        let user = &users[if i < 2 {
            i
        } else {
            ((pattern >> i) & 1) as usize
        }];
        let pin = pins[(i + salt as usize) % 3];
        let text = format!("note {} of run {salt}", i + 1);
        let body = match pin {
            Some(pinned) => json!({ "text": text, "pinned": pinned }),
            None => json!({ "text": text }),
        };
        let what = format!("POST /notes/{user} with {body}");
        let (status, answer, raw) = send(
            post_json(&client, &format!("{base}/notes/{user}"), &body),
            &what,
        )
        .await?;
        if status == 404 || status == 405 {
            return Err(format!(
                "{what} answered {status}: no handler takes POST /notes/{{user}} yet. Route \
                 one beside the GET, e.g. .route(\"/notes/{{user}}\", get(list_notes).post(add_note)) \
                 (lesson 13, Part 1)"
            ));
        }
        if status == 422 || status == 400 {
            let hint = if pin.is_none() {
                " A body without \"pinned\" must be taken, pinned = false: #[serde(default)] on \
                 the field (lesson 13, Part 2)."
            } else {
                " Read the body as JSON with a type of your own: Json<NewNote> (lesson 13, Part 2)."
            };
            return Err(format!("{what} was refused with {status} ({raw}).{hint}"));
        }
        let expected = json!({
            "id": i + 1,
            "user": user,
            "text": text,
            "pinned": pin.unwrap_or(false),
        });
        if status != 201 {
            return Err(format!(
                "{what} answered {status}; a new note is 201 Created: return \
                 (StatusCode::CREATED, Json(note)) (lesson 13, Part 1)"
            ));
        }
        if answer != expected {
            let ids = if answer.get("id") != expected.get("id") {
                format!(
                    " Ids count from 1 across all users, in the order notes are added: this is \
                     note {} of the run.",
                    i + 1
                )
            } else {
                String::new()
            };
            return Err(format!(
                "{what} answered {raw}; expected {expected}: the user from the path, the text \
                 and the pin from the body, \"pinned\" false when left out.{ids} (lesson 13, \
                 Parts 1 and 2)"
            ));
        }
        added.push(Added {
            user: user.clone(),
            pinned: pin.unwrap_or(false),
            json: expected,
        });
    }
    // Nothing is stored from a body without a text.
    let bad = json!({ "pinned": true });
    let what = format!("POST /notes/{} with {bad}", users[0]);
    let (status, _, raw) = send(
        post_json(&client, &format!("{base}/notes/{}", users[0]), &bad),
        &what,
    )
    .await?;
    if !(400..500).contains(&status) {
        return Err(format!(
            "{what} (no \"text\") answered {status} {raw}; a body without the text must be \
             refused with a 4xx (axum's Json rejection does it when the field is a String) \
             (lesson 13, Part 2)"
        ));
    }
    let stranger = format!("cy{}", vary(100..=999));
    for user in users.iter().chain(std::iter::once(&stranger)) {
        for (query, keep) in [
            ("", None),
            ("?pinned=true", Some(true)),
            ("?pinned=false", Some(false)),
        ] {
            let path = format!("/notes/{user}{query}");
            let what = format!("GET {path}");
            let (status, answer, raw) = send(client.get(format!("{base}{path}")), &what).await?;
            let expected: Vec<Value> = added
                .iter()
                .filter(|note| &note.user == user)
                .filter(|note| keep.is_none_or(|pinned| note.pinned == pinned))
                .map(|note| note.json.clone())
                .collect();
            let expected = Value::Array(expected);
            if status != 200 || answer != expected {
                let why = if status != 200 {
                    format!("answered {status}")
                } else if answer.as_array().map(Vec::len)
                    == Some(added.iter().filter(|note| &note.user == user).count())
                    && keep.is_some()
                {
                    "kept every note of the user: read ?pinned= with Query (an Option<bool> \
                     field) and keep only the notes whose pin matches"
                        .to_owned()
                } else {
                    format!("answered {raw}")
                };
                return Err(format!(
                    "{what} {why}; expected 200 and {expected}: that user's notes only, oldest \
                     first{} (lesson 13, Part 1)",
                    if keep.is_some() {
                        ", filtered by their pin"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    Ok(format!(
        "{count} notes of two users added over HTTP (201, ids in order, \"pinned\" false when \
         left out), a body without a text refused with {status} and not stored, and each \
         user's list, whole and filtered by ?pinned=, as expected"
    ))
}
