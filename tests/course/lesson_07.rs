//! Lesson 7: with ↔ Drop in every way of leaving a block; async with ↔ open/close and a
//! scoped helper; cancellation with and without a guard; the client as a pool.

use course_kit::Transcript;
use course_kit::http_server::BackgroundServer;
use lesson_07_context_managers as lesson;

use course_kit::transcript::without_stamp;

use crate::support::expect::mask_times;
use crate::support::golden::golden;
use crate::support::run::run_lesson;

const PACKAGE: &str = "lesson-07-context-managers";

/// A line as the golden file is compared: stamp off, times masked.
fn without_stamp_or_times(line: &str) -> String {
    mask_times(without_stamp(line))
}

/// On a paused clock, Parts 1 to 3 (and the title) are in the golden file as they are: release at the end of the scope, on an
/// early return, on `?` and on a panic; close awaited after success, error and panic;
/// a cancelled future's Drop runs but its async close does not, unless a guard spawns it.
#[tokio::test(start_paused = true)]
async fn acquire_body_release_in_every_case() {
    let out = Transcript::captured();
    out.note("Lesson 7: context managers");
    out.note("(Start with the plain version, just plain-7; this is the same idea, measured.)");
    lesson::with_and_drop(&out);
    lesson::async_with(&out).await;
    assert_eq!(
        lesson::cancellation(&out).await,
        lesson::Cancelled {
            bare_timed_out: true,
            guarded_timed_out: true
        }
    );
    golden(PACKAGE, "lesson").assert_contains(&out.lines(), without_stamp_or_times);
}

/// One client opens one connection for ten requests; a client per request opens ten;
/// each unread response costs its connection.
#[test]
fn the_client_is_a_pool_and_unread_responses_cost_connections() {
    course_kit::tls::install_crypto_provider();
    let server = BackgroundServer::start().expect("the course server starts");
    let out = Transcript::captured();
    let counted = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(lesson::client_and_response(&out, &server))
        .expect("the requests succeed");
    assert_eq!(
        counted,
        lesson::Connections {
            one_client: 1,
            client_per_request: 10,
            unread_responses: 3,
            open_before_drop: 1,
            open_after_drop: 0,
        }
    );
    golden(PACKAGE, "lesson").assert_contains(&out.lines(), without_stamp_or_times);
}

/// The real binary prints the same story (times masked), and its only stderr lines are
/// the two deliberate panics' one-line reports.
#[test]
fn real_binary_tells_the_same_story() {
    let run = run_lesson(PACKAGE, &[]);
    run.assert_success_with_stderr(&[
        "(panic report) bug while reading d.txt (on purpose)",
        "(panic report) bug in the body (on purpose)",
    ]);
    // The golden file is this real run; the paused-clock tests above find their parts
    // in it.
    golden(PACKAGE, "lesson").assert_real_run(&run.lines(), |line| without_stamp(line).to_owned());
}
