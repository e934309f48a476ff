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
            let first = match serve().await {
                Ok(base) => base,
                Err(message) => return Verdict::fail(message),
            };
            match check(&first).await {
                Ok(message) => Verdict::pass(message),
                Err(message) => Verdict::fail(message),
            }
        })
    })
}

/// Serves a new `router()` on 127.0.0.1, port 0, in a task of its own; its base URL.
async fn serve() -> Result<String, String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| format!("the check could not listen on 127.0.0.1: {error}"))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("the check could not read its listening address: {error}"))?;
    let app = router();
    // Your app, served while the check asks it.
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(format!("http://{address}"))
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

/// `POST /notes/{user}` with a note (`pin` left out of the body when `None`), which
/// must be answered 201 with the note as JSON, id `id`; that JSON.
async fn add(
    client: &reqwest::Client,
    base: &str,
    user: &str,
    pin: Option<bool>,
    text: &str,
    id: usize,
) -> Result<Value, String> {
    let body = match pin {
        Some(pinned) => json!({ "text": text, "pinned": pinned }),
        None => json!({ "text": text }),
    };
    let what = format!("POST /notes/{user} with {body}");
    let (status, answer, raw) = send(
        post_json(client, &format!("{base}/notes/{user}"), &body),
        &what,
    )
    .await?;
    if status == 404 || status == 405 {
        return Err(format!(
            "{what} answered {status}: no handler takes POST /notes/{{user}} yet. Route one \
             beside the GET, e.g. .route(\"/notes/{{user}}\", get(list_notes).post(add_note)) \
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
    if status != 201 {
        return Err(format!(
            "{what} answered {status}; a new note is 201 Created: return \
             (StatusCode::CREATED, Json(note)) (lesson 13, Part 1)"
        ));
    }
    let expected = json!({
        "id": id,
        "user": user,
        "text": text,
        "pinned": pin.unwrap_or(false),
    });
    if answer != expected {
        let ids = if answer.get("id") == expected.get("id") {
            String::new()
        } else {
            format!(
                " Ids count from 1 across all users, in the order notes are stored: this is \
                 note {id} of this app."
            )
        };
        return Err(format!(
            "{what} answered {raw}; expected {expected}: the user from the path, the text and \
             the pin from the body, \"pinned\" false when left out.{ids} (lesson 13, Parts 1 \
             and 2)"
        ));
    }
    Ok(expected)
}

async fn check(base: &str) -> Result<String, String> {
    let client = reqwest::Client::new();
    let salt = vary(100..=999);
    // Two users, the second's name the first's and one letter more (a list must match
    // names, not their starts), and a third with no notes.
    let first_user = format!("ann{salt}");
    let users = [
        first_user.clone(),
        format!("{first_user}{}", ["x", "y", "z"][salt as usize % 3]),
    ];
    let stranger = format!("cy{}", vary(100..=999));
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
        let json = add(&client, base, user, pin, &text, i + 1).await?;
        added.push(Added {
            user: user.clone(),
            pinned: pin.unwrap_or(false),
            json,
        });
    }
    // Nothing is stored from a body without a text, and no id is used up by it.
    let bad = json!({ "pinned": true });
    let what = format!("POST /notes/{} with {bad}", users[1]);
    let (status, _, raw) = send(
        post_json(&client, &format!("{base}/notes/{}", users[1]), &bad),
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
    let refused = status;
    let text = format!("after the refused one, run {salt}");
    let after = add(&client, base, &users[1], Some(false), &text, count + 1)
        .await
        .map_err(|problem| {
            format!(
                "{problem} (The body before it, without a text, was refused: it must store \
                 nothing and use up no id.)"
            )
        })?;
    added.push(Added {
        user: users[1].clone(),
        pinned: false,
        json: after,
    });
    for user in users.iter().chain(std::iter::once(&stranger)) {
        for (query, keep) in [
            ("", None),
            ("?pinned=true", Some(true)),
            ("?pinned=false", Some(false)),
        ] {
            list_is(&client, base, user, query, keep, &added).await?;
        }
    }
    // Another router() starts with an empty store of its own.
    let second = serve().await?;
    let text = format!("first note of a new app, run {salt}");
    add(&client, &second, &users[0], Some(true), &text, 1)
        .await
        .map_err(|problem| {
            format!(
                "a second router() served beside the first: {problem} Each app has its own \
                 store, made in router() and given with .with_state(..), not a static shared \
                 by every app (lesson 13, Part 1)"
            )
        })?;
    Ok(format!(
        "{} notes of two users added over HTTP (201, ids in order, \"pinned\" false when \
         left out), a body without a text refused with {refused}, storing nothing and using \
         up no id, each user's list, whole and filtered by ?pinned=, and a second app with a \
         store of its own",
        count + 1
    ))
}

/// `GET /notes/{user}{query}` answers 200 and exactly `user`'s notes among `added`
/// (those with the pin `keep`, when given), oldest first.
async fn list_is(
    client: &reqwest::Client,
    base: &str,
    user: &str,
    query: &str,
    keep: Option<bool>,
    added: &[Added],
) -> Result<(), String> {
    let path = format!("/notes/{user}{query}");
    let what = format!("GET {path}");
    let (status, answer, raw) = send(client.get(format!("{base}{path}")), &what).await?;
    let of_user = |pin: Option<bool>| -> Value {
        Value::Array(
            added
                .iter()
                .filter(|note| note.user == user)
                .filter(|note| pin.is_none_or(|pinned| note.pinned == pinned))
                .map(|note| note.json.clone())
                .collect(),
        )
    };
    let expected = of_user(keep);
    if status == 200 && answer == expected {
        return Ok(());
    }
    let known: Vec<&Value> = added.iter().map(|note| &note.json).collect();
    let strangers = answer
        .as_array()
        .is_some_and(|notes| notes.iter().any(|note| !known.contains(&note)));
    let why = if status != 200 {
        format!("answered {status}")
    } else if strangers {
        format!(
            "answered {raw}, with a note the check never added (a refused body stored, or a \
             note changed)"
        )
    } else if keep.is_some() && answer == of_user(None) {
        format!(
            "answered {raw}: every note of the user, whatever its pin. Read ?pinned= with \
             Query (an Option<bool> field) and keep only the notes whose pin matches"
        )
    } else if let Some(pinned) = keep.filter(|_| answer == of_user(keep.map(|pin| !pin))) {
        format!(
            "answered {raw}: the notes whose pin is {}, the opposite of what was asked",
            !pinned
        )
    } else {
        format!("answered {raw}")
    };
    Err(format!(
        "{what} {why}; expected 200 and {expected}: that user's notes only (not another \
         user's, even one whose name starts the same), oldest first{} (lesson 13, Part 1)",
        if keep.is_some() {
            ", filtered by their pin"
        } else {
            ""
        }
    ))
}
