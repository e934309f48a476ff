//! # Exercise 03b: two different things at once (solution)
//!
//! Follows lesson 3, Part 2 (`tokio::join!`).
//!
//! The Python it mirrors:
//!
//! ```python
//! name, posts = await asyncio.gather(fetch_name(user), fetch_posts(user))
//! ```
//!
//! **What to do:** `load_profile` fetches the name (1 s), then the posts (2 s): 3 s.
//! The two do not depend on each other: fetch them at once, so the profile takes 2 s.
//! Edit `load_profile` only.

use std::time::Duration;

/// A user's profile.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    /// The user's name.
    pub name: String,
    /// Their posts' titles.
    pub posts: Vec<String>,
}

/// Fetches a user's name: one second.
pub async fn fetch_name(user: u32) -> String {
    tokio::time::sleep(Duration::from_secs(1)).await;
    format!("user{user}")
}

/// Fetches a user's posts: two seconds.
pub async fn fetch_posts(user: u32) -> Vec<String> {
    tokio::time::sleep(Duration::from_secs(2)).await;
    vec![
        format!("first post of user{user}"),
        format!("second post of user{user}"),
    ]
}

/// The name and the posts of `user`, fetched at once.
pub async fn load_profile(user: u32) -> Profile {
    // `join!` polls both futures together and gives back a tuple of their outputs.
    let (name, posts) = tokio::join!(fetch_name(user), fetch_posts(user));
    Profile { name, posts }
}
