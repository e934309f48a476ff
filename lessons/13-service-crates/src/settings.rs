//! A service's command line, with clap (Part 5).

use clap::Parser;

// ANCHOR: settings
/// The settings a service like the capstone reads at start-up: each field one option,
/// its doc comment its `--help` line.
#[derive(Debug, Parser)]
#[command(
    name = "orders",
    about = "An orders service (lesson 13's example settings)."
)]
pub struct Settings {
    /// The port to listen on (0: any free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// How many upstream requests at once, 1 to 64.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub limit: u32,
    /// The greeting, from LESSON13_GREETING when not given.
    #[arg(long, env = "LESSON13_GREETING", default_value = "hello")]
    pub greeting: String,
}
// ANCHOR_END: settings
