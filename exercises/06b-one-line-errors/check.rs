//! The check for exercise 06b: asks the course server on 127.0.0.1 for a page, two error
//! statuses and a slow answer. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use course_kit::http_server::{BackgroundServer, PAGE};
use ex_06b_one_line_errors::{FetchError, fetch_text};
use exercise_kit::{Verdict, real_time_runtime, run};

fn main() -> ExitCode {
    run(|| {
        course_kit::tls::install_crypto_provider();
        let Ok(server) = BackgroundServer::start() else {
            return Verdict::fail("the check could not start the course server on 127.0.0.1");
        };
        real_time_runtime().block_on(async {
            let Ok(client) = reqwest::Client::builder().timeout(Duration::from_millis(200)).build() else {
                return Verdict::fail("the check could not build its HTTP client");
            };
            let page = fetch_text(&client, &server.url("/")).await;
            if page.as_deref() != Ok(PAGE) {
                return Verdict::fail(format!("GET / should give the page's text; got {page:?}"));
            }
            for code in [404, 503] {
                let answer = fetch_text(&client, &server.url(&format!("/status/{code}"))).await;
                if answer != Err(FetchError::Status(code)) {
                    return Verdict::fail(format!(
                        "GET /status/{code} gave {answer:?}; expected Err(FetchError::Status({code})): \
                         a {code} is an answer, so look at response.status() (or use \
                         error_for_status(); lesson 6, Part 4)"
                    ));
                }
            }
            let slow = fetch_text(&client, &server.url("/delay/2000")).await;
            if slow != Err(FetchError::Timeout) {
                return Verdict::fail(format!(
                    "GET /delay/2000 with a 200 ms timeout gave {slow:?}; expected \
                     Err(FetchError::Timeout): ask the error, error.is_timeout() (lesson 6, Part 4)"
                ));
            }
            let line = FetchError::Status(404).to_string();
            Verdict::pass(format!("the page, 404, 503 and a timeout, each told apart; e.g. \"{line}\""))
        })
    })
}
