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
            // Several codes, so that matching on a URL or a code written out cannot pass.
            for code in [404, 503, 418, 500] {
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
            // A refused connection is not a timeout, even when its URL says "timeout": the
            // error must be asked what it is, not read.
            let Ok(listener) = std::net::TcpListener::bind("127.0.0.1:0") else {
                return Verdict::fail("the check could not find a free port");
            };
            let Ok(closed) = listener.local_addr() else {
                return Verdict::fail("the check could not find a free port");
            };
            drop(listener);
            let refused_url = format!("http://{closed}/timeout");
            let refused = fetch_text(&client, &refused_url).await;
            if !matches!(refused, Err(FetchError::Other(_))) {
                return Verdict::fail(format!(
                    "GET {refused_url} (nothing listens there: the connection is refused) gave \
                     {refused:?}; expected Err(FetchError::Other(..)). Tell a timeout by asking \
                     the error (error.is_timeout()), not by its text or the URL, and keep every \
                     other failure as Other (lesson 6, Part 4)"
                ));
            }
            let line = FetchError::Status(404).to_string();
            Verdict::pass(format!("the page, four error statuses, a timeout and a refused connection, each told apart by asking; e.g. \"{line}\""))
        })
    })
}
