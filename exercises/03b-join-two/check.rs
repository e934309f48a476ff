//! The check for exercise 03b, on tokio's paused clock. Do not edit: the runner notices.

use std::process::ExitCode;
use std::time::Duration;

use ex_03b_join_two::{Profile, load_profile};
use exercise_kit::{Verdict, measure, paused_runtime, run, secs};

/// One case: `load_profile(user)`, which must take 2.00 s and return the user's profile.
async fn case(user: u32) -> Result<(), Verdict> {
    let call = format!("load_profile({user})");
    let measured = measure(load_profile(user)).await;
    measured.honest(&call)?;
    let expected = Profile {
        name: format!("user{user}"),
        posts: vec![
            format!("first post of user{user}"),
            format!("second post of user{user}"),
        ],
    };
    if measured.output != expected {
        return Err(Verdict::fail(format!(
            "{call} returned {:?}; expected {expected:?}",
            measured.output
        )));
    }
    if measured.took != Duration::from_secs(2) {
        return Err(Verdict::fail(format!(
            "{call} took {} of virtual time; fetching the name (1 s) and the posts (2 s) at once \
             takes 2.00 s. Creating both futures first is not enough: a future runs only while \
             it is awaited, so await them together (lesson 3, Part 2: tokio::join!)",
            secs(measured.took)
        )));
    }
    Ok(())
}

fn main() -> ExitCode {
    run(|| {
        paused_runtime().block_on(async {
            // Two users, so that a profile written out by hand cannot pass.
            for user in [7, 42] {
                if let Err(verdict) = case(user).await {
                    return verdict;
                }
            }
            Verdict::pass(
                "name and posts fetched at once for two users: 2.00 s of virtual time each, not \
                 3.00 s",
            )
        })
    })
}
