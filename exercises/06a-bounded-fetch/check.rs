//! The check for exercise 06a: fetches from the course server on 127.0.0.1 and asks it
//! how many requests it answered at once. Do not edit: the runner notices.

use std::process::ExitCode;

use course_kit::http_server::BackgroundServer;
use ex_06a_bounded_fetch::fetch_all;
use exercise_kit::{Verdict, real_time_runtime, run};

fn main() -> ExitCode {
    run(|| {
        course_kit::tls::install_crypto_provider();
        let Ok(server) = BackgroundServer::start() else {
            return Verdict::fail("the check could not start the course server on 127.0.0.1");
        };
        real_time_runtime().block_on(async {
            let client = reqwest::Client::new();
            let urls: Vec<String> = [300, 100, 200, 300, 100, 200]
                .iter()
                .map(|ms| server.url(&format!("/delay/{ms}")))
                .collect();
            server.reset_most_requests_in_flight();
            let lengths = fetch_all(&client, &urls, 2).await;
            let most = server.most_requests_in_flight();
            // "waited 300 ms\n" is 14 characters, "waited 100 ms\n" too.
            if lengths != vec![Some(14); 6] {
                return Verdict::fail(format!(
                    "fetch_all returned {lengths:?}; expected six Some(14), in the order of the URLs"
                ));
            }
            if most > 2 {
                return Verdict::fail(format!(
                    "the server answered {most} requests at once; the limit is 2. Keep at most \
                     `limit` in flight: futures::stream::iter(..).buffered(limit) (lesson 6, Part 3)"
                ));
            }
            if most < 2 {
                return Verdict::fail(format!(
                    "the server never had more than {most} request at once: with a limit of 2, two \
                     should be in flight together (lesson 6, Part 3)"
                ));
            }
            Verdict::pass("never more than 2 requests in flight, results in the order of the URLs")
        })
    })
}
