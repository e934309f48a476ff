//! Wrong: tests that only see a 200: every broken service passes them.
//! Expect: every one of your tests passed against
mod support;

use course_kit::http_server::CourseServer;
use support::{Service, get, pages};

/// The service answers /pages with 200 (whatever it says).
#[tokio::test(flavor = "multi_thread")]
async fn it_answers() {
    let upstream = CourseServer::start().await.expect("the course server starts");
    let service = Service::start(&[]);
    let (status, _) = get(&service.url(&pages(&upstream.url(""), &["/"]))).await;
    assert_eq!(status, 200);
}

/// /health is ok.
#[tokio::test(flavor = "multi_thread")]
async fn health() {
    let service = Service::start(&[]);
    let (status, _) = get(&service.url("/health")).await;
    assert_eq!(status, 200);
}
