//! Lesson 13: the service crates. The app answers real requests on port 0; the
//! transcript has no times, so it is exact in every run.

use course_kit::Transcript;
use lesson_13_service_crates::errors::{ApiError, StoreError, with_causes};
use lesson_13_service_crates::{self as lesson, Running, app, store::Store};

use crate::support::golden::golden;
use crate::support::run::{run_lesson, run_with_env};

const PACKAGE: &str = "lesson-13-service-crates";

/// The whole transcript is its golden file, `lessons/13-service-crates/golden/lesson.txt`,
/// which the book shows (`just bless-outputs` rewrites it after a change on purpose).
#[tokio::test]
async fn transcript_is_exact() {
    let out = Transcript::captured();
    lesson::run(&out).await.expect("the lesson runs");
    golden(PACKAGE, "lesson").assert_exact(&out.lines());
}

/// The real binary prints the same lines and exits 0.
#[test]
fn real_binary_prints_the_same_lines() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success();
    run.assert_like_golden(&golden(PACKAGE, "lesson"));
}

/// The plain version prints its golden file (the same four answers as the Python
/// counterpart's) on stdout, and its two info lines on stderr, the second inside the
/// handler's span.
#[test]
fn plain_version_prints_its_golden_file_and_logs_to_stderr() {
    let run = run_with_env("plain-13", &[], &[("RUST_LOG", "info")]);
    assert!(run.status.success(), "{run}");
    golden(PACKAGE, "plain").assert_real_run(&run.lines(), str::to_owned);
    let logged: Vec<&str> = run.stderr.lines().collect();
    assert!(
        logged.len() == 2
            && logged[0].contains(" INFO plain_13: listening url=http://127.0.0.1:")
            && logged[1].contains(r#" INFO place{item="tea"}: plain_13: placed id=1"#),
        "{run}"
    );
}

/// With `RUST_LOG=warn` the plain version logs nothing (it has no warnings), and prints
/// the same answers.
#[test]
fn plain_version_obeys_rust_log() {
    let run = run_with_env("plain-13", &[], &[("RUST_LOG", "warn")]);
    assert!(run.status.success() && run.stderr.is_empty(), "{run}");
    golden(PACKAGE, "plain").assert_real_run(&run.lines(), str::to_owned);
}

/// The plain version's bad option is one line on stderr and exit code 2.
#[test]
fn plain_version_refuses_a_bad_port_in_one_line() {
    run_lesson("plain-13", &["--port", "eighty"])
        .assert_one_line_error(2, "error: invalid value 'eighty' for '--port <PORT>'");
}

/// Part 2: what the app sends back is read into the same Rust type, and its details
/// are the ones sent.
#[tokio::test]
async fn an_order_makes_the_round_trip_through_json() {
    course_kit::tls::install_crypto_provider();
    let store = std::sync::Arc::new(Store::with_stock(&[("tea", 5)]));
    let app = Running::start(app::router(std::sync::Arc::clone(&store)))
        .await
        .expect("serve");
    let client = reqwest::Client::new();
    let out = Transcript::captured();
    assert!(
        lesson::part_2(&out, &client, &app, &store)
            .await
            .expect("part 2 runs"),
        "{}",
        out.text()
    );
    app.stop().await.expect("stop");
}

/// Part 3: each error variant is answered with its own status code, and a cause kept
/// by `#[from]` is in the message.
#[test]
fn each_error_has_its_status_and_keeps_its_cause() {
    let cases = [
        (ApiError::NotFound(7), 404),
        (ApiError::BadBody("x".into()), 400),
        (
            ApiError::OutOfStock {
                item: "tea".into(),
                wanted: 2,
                left: 1,
            },
            409,
        ),
        (ApiError::from(StoreError::Closed), 503),
    ];
    for (error, status) in cases {
        assert_eq!(error.status().as_u16(), status, "{error}");
    }
    assert_eq!(
        with_causes(&ApiError::from(StoreError::Closed)),
        "the store is unavailable: it is closed for the night"
    );
}

/// Part 4: the JSON lines parse as JSON and carry the span's fields; under "warn" only
/// the refusal is logged, without the info-level span.
#[tokio::test]
async fn json_lines_carry_the_span_and_warn_keeps_only_the_refusal() {
    course_kit::tls::install_crypto_provider();
    let client = reqwest::Client::new();
    let out = Transcript::captured();
    let (logged, _guard) =
        lesson::logs::capture("info", lesson::logs::Layout::Text).expect("a filter");
    let (json, strict) = lesson::part_4(&out, &client, &logged)
        .await
        .expect("part 4 runs");
    let parsed: Vec<serde_json::Value> = json
        .iter()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(parsed.len(), 2, "{}", out.text());
    assert_eq!(parsed[0]["span"]["item"], "tea", "{}", out.text());
    assert_eq!(parsed[0]["span"]["id"], 1, "{}", out.text());
    assert_eq!(parsed[1]["level"], "WARN", "{}", out.text());
    assert_eq!(strict.len(), 1, "{}", out.text());
    assert!(
        strict[0].contains("WARN") && !strict[0].contains("order{"),
        "{}",
        out.text()
    );
}

/// Part 5: clap's mistakes are exit code 2; good command lines parse.
#[test]
fn clap_mistakes_exit_2() {
    let out = Transcript::captured();
    assert_eq!(lesson::part_5(&out), [0, 0, 2, 2, 2], "{}", out.text());
}

/// Part 5: a setting not on the command line is read from its environment variable,
/// and the lesson says where it came from.
#[test]
fn a_setting_falls_back_to_its_environment_variable() {
    let run = run_with_env(PACKAGE, &[], &[("LESSON13_GREETING", "hi-from-env")]);
    run.assert_success();
    assert!(
        run.stdout
            .contains(r#"greeting: "hi-from-env" } (greeting from LESSON13_GREETING)"#),
        "{run}"
    );
}
