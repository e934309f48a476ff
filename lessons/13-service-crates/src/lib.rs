//! # Lesson 13, the body: The service crates, in Python terms
//!
//! The lesson itself: every part as code, each `.await`, `spawn` and `join` commented
//! where it happens. What the lesson shows and why is told once, in its chapter:
//! `book/src/lessons/13-service-crates.md` (`just book`).
//!
//! The app is in [`app`] (routes and handlers), its JSON in [`orders`], its errors in
//! [`errors`], its state in [`store`]; [`logs`] catches tracing's lines and
//! [`settings`] is a clap command line.

pub mod app;
pub mod errors;
pub mod logs;
pub mod orders;
pub mod settings;
pub mod store;

use std::error::Error;
use std::net::SocketAddr;
use std::sync::Arc;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use course_kit::Transcript;
use reqwest::Client;
use reqwest::header::CONTENT_TYPE;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::logs::{Captured, Layout};
use crate::orders::{NewOrder, Order};
use crate::settings::Settings;
use crate::store::Store;

/// What can stop the lesson: the listener, a request, a filter, a JSON body.
pub type Failure = Box<dyn Error + Send + Sync>;

/// The app, served on a port the OS picked, until [`Running::stop`].
pub struct Running {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Serves `router` on 127.0.0.1, port 0 (a free one), in a task of its own.
    pub async fn start(router: axum::Router) -> std::io::Result<Self> {
        // Binding is I/O: awaited like aiohttp's `site.start()`.
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        // The server runs in its own task, as `web.run_app` runs beside your code; it
        // stops taking connections when `stopped` resolves and finishes the requests in
        // flight (a graceful shutdown).
        let served = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    // Resolves when `stop` sends or is dropped.
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Self {
            address,
            stop,
            served,
        })
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Stops the server and waits until it has.
    pub async fn stop(self) -> Result<(), Failure> {
        let _ = self.stop.send(());
        // Waits for the server's task to end: every request in flight answered.
        self.served.await??;
        Ok(())
    }
}

/// One request's answer: its status code and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status code, e.g. 201.
    pub status: u16,
    /// The body, as text.
    pub body: String,
}

/// Sends one request to the app and prints it with its answer:
/// `POST /orders {...} -> 201 Created {...}`. `json` is sent with the JSON content type.
async fn ask(
    out: &Transcript,
    client: &Client,
    app: &Running,
    method: &str,
    path: &str,
    body: Option<(&str, bool)>,
) -> Result<Answer, Failure> {
    let mut request = client.request(method.parse()?, app.url(path));
    let mut shown = format!("{method} {path}");
    if let Some((text, as_json)) = body {
        if as_json {
            request = request.header(CONTENT_TYPE, "application/json");
        } else {
            shown.push_str(" (no content type)");
        }
        request = request.body(text.to_owned());
        shown.push(' ');
        shown.push_str(text);
    }
    // Sends the request and waits for the answer's head; the server task answers it
    // meanwhile on the same thread.
    let response = request.send().await?;
    let status = response.status();
    // The body arrives after the head: awaited on its own (lesson 6).
    let body = response.text().await?;
    out.note(format!("{shown}\n  -> {status} {body}"));
    Ok(Answer {
        status: status.as_u16(),
        body,
    })
}

/// Part 1: axum ↔ aiohttp.web. A `Router` maps paths to handlers; extractors (`Query`,
/// `RawQuery`) hand each handler what it asks for; what it returns becomes the response.
pub async fn part_1(out: &Transcript, client: &Client, app: &Running) -> Result<(), Failure> {
    out.heading("Part 1: a Router, handlers and extractors (aiohttp.web)");
    for path in [
        "/hello?name=Ada",
        "/hello",
        "/hello?name=Ada&name=Bob",
        "/tags?tag=async&tag=rust&other=x&tag=web",
    ] {
        ask(out, client, app, "GET", path, None).await?;
    }
    out.paragraph(
        "A name given twice is Query's 400: the struct's field takes one value. RawQuery \
         hands /tags every pair, in order.",
    );
    ask(out, client, app, "GET", "/nowhere", None).await?;
    out.paragraph("A route nobody wrote is axum's own 404, with an empty body.");
    Ok(())
}

/// Part 2: serde ↔ json + dataclasses. One derive reads and writes a type; a bad body
/// never reaches the store: the handler gets axum's refusal and answers one JSON error.
pub async fn part_2(
    out: &Transcript,
    client: &Client,
    app: &Running,
    store: &Store,
) -> Result<bool, Failure> {
    out.heading("Part 2: JSON in and out with serde (json, dataclasses)");
    let sent = NewOrder {
        item: "tea".to_owned(),
        quantity: 2,
        gift_wrap: true,
        note: None,
    };
    // serde_json writes the struct with its serde attributes: camelCase, no `note`.
    let json = serde_json::to_string(&sent)?;
    let placed = ask(out, client, app, "POST", "/orders", Some((&json, true))).await?;
    // ...and reads the answer back into the Rust type, checked field by field.
    let order: Order = serde_json::from_str(&placed.body)?;
    let same = order.details == sent;
    out.paragraph(format!(
        "read back into an Order: id {}, {:?}; the same details as sent: {same}",
        order.id, order.progress
    ));
    let minimal = r#"{"item":"jam","quantity":1,"note":"for Ada","colour":"red"}"#;
    ask(out, client, app, "POST", "/orders", Some((minimal, true))).await?;
    out.paragraph(
        "giftWrap was left out: its #[serde(default)] made it false. colour, a field the \
         type does not have, was ignored (#[serde(deny_unknown_fields)] would refuse it).",
    );
    store.ship(1, "PX-1")?;
    ask(out, client, app, "GET", "/orders/1", None).await?;
    out.paragraph(
        "Shipped: the status field names the variant, its tracking field sits beside it.",
    );
    out.paragraph("Bad bodies never reach the store: each is a 400 with a JSON error.");
    for (body, as_json) in [
        (r#"{"item":"tea"}"#, true),
        (r#"{"item":"tea","quantity":"two"}"#, true),
        ("not json", true),
        (r#"{"item":"tea","quantity":1}"#, false),
    ] {
        ask(out, client, app, "POST", "/orders", Some((body, as_json))).await?;
    }
    Ok(same)
}

/// Part 3: thiserror ↔ exception classes. Each variant of `ApiError` is answered with its
/// own status; a cause below it (`#[from]`) stays attached.
pub async fn part_3(
    out: &Transcript,
    client: &Client,
    app: &Running,
    store: &Store,
) -> Result<Vec<u16>, Failure> {
    out.heading("Part 3: errors as one enum, each with its status (exception classes)");
    let mut statuses = Vec::new();
    let asked = [
        ("GET", "/orders/99", None),
        ("GET", "/orders/first", None),
        ("POST", "/orders", Some(r#"{"item":"tea","quantity":50}"#)),
    ];
    for (method, path, body) in asked {
        let body = body.map(|text| (text, true));
        statuses.push(ask(out, client, app, method, path, body).await?.status);
    }
    out.paragraph("/orders/first is axum's Path rejection (plain text): the handler never ran.");
    store.close();
    out.paragraph("(the store closes for the night)");
    let late = ask(
        out,
        client,
        app,
        "POST",
        "/orders",
        Some((r#"{"item":"tea","quantity":1}"#, true)),
    )
    .await?;
    statuses.push(late.status);
    out.paragraph("The 503's message is the error, then its cause (#[from] StoreError).");
    Ok(statuses)
}

/// Part 4: tracing ↔ logging. The lines parts 2 and 3 logged; then a second app (a new
/// store, the same router) logging JSON lines, and the same requests under a stricter
/// filter. Returns the JSON lines and the lines the stricter filter let through.
pub async fn part_4(
    out: &Transcript,
    client: &Client,
    logged: &Captured,
) -> Result<(Vec<String>, Vec<String>), Failure> {
    out.heading("Part 4: logs with tracing (logging, LoggerAdapter)");
    out.paragraph("What parts 2 and 3 logged (filter \"info\", text layout, no times):");
    for line in logged.take_lines() {
        out.note(format!("  {line}"));
    }
    out.paragraph(
        "Each line inside the order span carries the span's fields: the item once the \
         body was read, the id once the order was placed.",
    );
    let store = Arc::new(Store::with_stock(&[("tea", 5)]));
    let app = Running::start(app::router(store)).await?;
    let bodies = [
        r#"{"item":"tea","quantity":1}"#,
        r#"{"item":"cake","quantity":1}"#,
    ];
    let mut caught = Vec::new();
    for (directives, layout) in [("info", Layout::Json), ("warn", Layout::Text)] {
        // This thread's events go to a new subscriber until `_guard` is dropped (at the
        // end of this turn of the loop); the previous one comes back then.
        let (lines, _guard) = logs::capture(directives, layout)?;
        out.paragraph(format!(
            "A second app, filter {directives:?}, {layout:?} layout:"
        ));
        for body in bodies {
            ask(out, client, &app, "POST", "/orders", Some((body, true))).await?;
        }
        let lines = lines.take_lines();
        for line in &lines {
            out.note(format!("  {line}"));
        }
        caught.push(lines);
    }
    out.paragraph(
        "Under \"warn\" the placed order's info line is gone, and so is the span: \
         #[instrument] makes it at info level, so the filter turns it off too.",
    );
    // Stops the second app and waits for its task.
    app.stop().await?;
    let strict = caught.pop().unwrap_or_default();
    let json = caught.pop().unwrap_or_default();
    Ok((json, strict))
}

/// Part 5: clap ↔ argparse. A struct is the command line: its types parse and check
/// each value; a bad one ends with exit code 2, its first line saying what was wrong.
pub fn part_5(out: &Transcript) -> Vec<i32> {
    out.heading("Part 5: the command line with clap (argparse)");
    let mut codes = Vec::new();
    for arguments in [
        &[][..],
        &["--port", "0", "--limit", "16", "--greeting", "hi"][..],
        &["--limit", "0"][..],
        &["--port", "eighty"][..],
        &["--colour"][..],
    ] {
        let shown = if arguments.is_empty() {
            "orders".to_owned()
        } else {
            format!("orders {}", arguments.join(" "))
        };
        let matches = Settings::command()
            .try_get_matches_from(std::iter::once("orders").chain(arguments.iter().copied()));
        match matches.and_then(|matches| {
            Settings::from_arg_matches(&matches).map(|settings| (settings, matches))
        }) {
            Ok((settings, matches)) => {
                let source = match matches.value_source("greeting") {
                    Some(ValueSource::CommandLine) => "the command line",
                    Some(ValueSource::EnvVariable) => "LESSON13_GREETING",
                    _ => "the default",
                };
                out.note(format!(
                    "{shown}\n  -> {settings:?} (greeting from {source})"
                ));
                codes.push(0);
            }
            Err(error) => {
                let rendered = error.render().to_string();
                let first = rendered.lines().next().unwrap_or_default();
                out.note(format!("{shown}\n  -> exit {}: {first}", error.exit_code()));
                codes.push(error.exit_code());
            }
        }
    }
    out.paragraph(
        "Every mistake ends with exit code 2, as argparse's do; the first line of clap's \
         message says what was wrong.",
    );
    codes
}

/// The whole lesson: the app served on port 0 (and a second one in Part 4), logging into
/// memory, and asked by a client in the same program.
pub async fn run(out: &Transcript) -> Result<(), Failure> {
    out.note("Lesson 13: The service crates, in Python terms");
    out.note("(Start with the plain version, just plain-13; this is the same idea, measured.)");
    course_kit::tls::install_crypto_provider();
    // Every event this thread emits from here on, caught in memory (Part 4 prints them).
    let (logged, _logging) = logs::capture("info", Layout::Text)?;
    let store = Arc::new(Store::with_stock(&[("tea", 5), ("jam", 3)]));
    let app = Running::start(app::router(Arc::clone(&store))).await?;
    let client = Client::new();
    part_1(out, &client, &app).await?;
    logged.take_lines();
    part_2(out, &client, &app, &store).await?;
    part_3(out, &client, &app, &store).await?;
    // Stops the app and waits for its task: no request is cut off.
    app.stop().await?;
    part_4(out, &client, &logged).await?;
    part_5(out);
    Ok(())
}
