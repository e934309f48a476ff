//! Lesson 13, the plain version: a small JSON service as you would start one at work,
//! with the crates a Rust team uses: axum (routes and handlers), serde (the JSON),
//! thiserror (its errors, each with a status code), tracing (its logs, on stderr) and
//! clap (its command line). It serves on a free port, asks itself four questions with
//! reqwest, prints the answers and stops.
//!
//! Run it: `just plain-13` (or `cargo run -p lesson-13-service-crates --example plain-13`);
//! `RUST_LOG=warn just plain-13` logs less, `just plain-13 --help` shows its options.
//! Every piece measured and explained: `just lesson-13`.
//! The Python it mirrors: `python/lesson_13.py` (`just compare 13` runs both).
//!
//! Beside Python: the same four answers as the aiohttp version, byte for byte but for the
//! bad body's explanation; where Python checks the body's fields by hand (or with
//! pydantic), serde's derive reads it into a typed struct or says what is wrong.

#![allow(clippy::print_stdout, reason = "a plain program prints with println!")]

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use clap::Parser;
use serde::{Deserialize, Serialize};
use tracing_subscriber::EnvFilter;

/// A small orders service.
#[derive(Parser)]
struct Settings {
    /// The port to listen on (0: any free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewOrder {
    item: String,
    quantity: u32,
    #[serde(default)]
    gift_wrap: bool,
}

#[derive(Clone, Serialize)]
struct Order {
    id: u64,
    #[serde(flatten)]
    details: NewOrder,
}

#[derive(Debug, thiserror::Error)]
enum ApiError {
    #[error("no order {0}")]
    NotFound(u64),
    #[error("bad body: {0}")]
    BadBody(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadBody(_) => StatusCode::BAD_REQUEST,
        };
        let body = serde_json::json!({ "error": self.to_string() });
        (status, Json(body)).into_response()
    }
}

type Orders = Arc<Mutex<Vec<Order>>>;

#[derive(Deserialize)]
struct Greeting {
    name: Option<String>,
}

async fn hello(Query(greeting): Query<Greeting>) -> String {
    format!("hello, {}", greeting.name.as_deref().unwrap_or("world"))
}

#[tracing::instrument(skip_all, fields(item))]
async fn place(
    State(orders): State<Orders>,
    body: Result<Json<NewOrder>, JsonRejection>,
) -> Result<(StatusCode, Json<Order>), ApiError> {
    let Json(details) = body.map_err(|rejection| ApiError::BadBody(rejection.body_text()))?;
    tracing::Span::current().record("item", details.item.as_str());
    // The lock is held for two lines, never across an .await.
    let mut orders = orders.lock().unwrap();
    let order = Order {
        id: orders.len() as u64 + 1,
        details,
    };
    orders.push(order.clone());
    tracing::info!(id = order.id, "placed");
    Ok((StatusCode::CREATED, Json(order)))
}

async fn order(State(orders): State<Orders>, Path(id): Path<u64>) -> Result<Json<Order>, ApiError> {
    let orders = orders.lock().unwrap();
    let found = orders.iter().find(|order| order.id == id).cloned();
    found.map(Json).ok_or(ApiError::NotFound(id))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A bad option: its first line on stderr and exit code 2, before anything starts
    // (`Settings::parse()` would add a blank line and a hint); --help prints and exits 0.
    let settings = Settings::try_parse().unwrap_or_else(|error| {
        if error.use_stderr() {
            let rendered = error.render().to_string();
            eprintln!("{}", rendered.lines().next().unwrap_or_default());
            std::process::exit(error.exit_code());
        }
        error.exit()
    });
    // ANCHOR: logs
    // Logs to stderr: RUST_LOG's filter (info when unset), colours only on a terminal.
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    // ANCHOR_END: logs
    // reqwest's TLS (rustls) needs a crypto provider, even for plain http://.
    let _ = rustls::crypto::ring::default_provider().install_default();

    let orders = Orders::default();
    let app = Router::new()
        .route("/hello", get(hello))
        .route("/orders", post(place))
        .route("/orders/{id}", get(order))
        .with_state(orders);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", settings.port)).await?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(%url, "listening");
    // The server in a task of its own; it ends with the program.
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = reqwest::Client::new();
    let hello = client.get(format!("{url}/hello?name=Ada")).send().await?;
    println!("{} {}", hello.status().as_u16(), hello.text().await?);
    for body in [r#"{"item":"tea","quantity":2}"#, r#"{"item":"tea"}"#] {
        let placed = client
            .post(format!("{url}/orders"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        println!("{} {}", placed.status().as_u16(), placed.text().await?);
    }
    let missing = client.get(format!("{url}/orders/99")).send().await?;
    println!("{} {}", missing.status().as_u16(), missing.text().await?);
    Ok(())
}
