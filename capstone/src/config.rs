//! The service's settings: `argparse` with clap's derive.

use std::time::Duration;

use clap::Parser;

/// `fanout [--port P] [--limit K] [--deadline-ms D] [--retries R] [--attempt-timeout-ms A]
/// [--cache-ttl-ms T] [--cache-max N]`
#[derive(Clone, Debug, Parser)]
#[command(
    name = "fanout",
    about = "Fetches many pages for one request: a shared limit, a deadline, retries, a cache."
)]
pub struct Config {
    /// The port to listen on, on 127.0.0.1 (0: the system picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// At most this many upstream requests in flight, across all clients.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// Every /pages answer comes by this many milliseconds after its request.
    #[arg(long = "deadline-ms", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub deadline_ms: u64,
    /// Attempts in all for a transient failure (connect error, attempt timeout, 408, 429,
    /// 500, 502, 503, 504).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub retries: u32,
    /// Each upstream attempt's own timeout; one that times out is retried (within the
    /// deadline).
    #[arg(long = "attempt-timeout-ms", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub attempt_timeout_ms: u64,
    /// How long a page that was fetched is answered from the cache.
    #[arg(long = "cache-ttl-ms", default_value_t = 30_000)]
    pub cache_ttl_ms: u64,
    /// At most this many pages in the cache (the least recently used goes first).
    #[arg(long = "cache-max", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub cache_max: u64,
}

impl Config {
    /// The deadline of one /pages request.
    pub fn deadline(&self) -> Duration {
        Duration::from_millis(self.deadline_ms)
    }

    /// One upstream attempt's own timeout.
    pub fn attempt_timeout(&self) -> Duration {
        Duration::from_millis(self.attempt_timeout_ms)
    }

    /// How long a cached page stays fresh.
    pub fn cache_ttl(&self) -> Duration {
        Duration::from_millis(self.cache_ttl_ms)
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::parse_from(["fanout"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = Config::default();
        assert_eq!(
            (
                config.port,
                config.limit,
                config.deadline_ms,
                config.retries,
                config.attempt_timeout_ms,
                config.cache_ttl_ms,
                config.cache_max
            ),
            (0, 4, 2000, 3, 1000, 30_000, 10_000)
        );
    }

    #[test]
    fn out_of_range_values_are_refused() {
        for args in [
            &["fanout", "--limit", "0"][..],
            &["fanout", "--retries", "0"],
            &["fanout", "--attempt-timeout-ms", "0"],
            &["fanout", "--cache-max", "-1"],
            &["fanout", "--deadline-ms", "x"],
            &["fanout", "--port", "70000"],
            &["fanout", "--nope"],
        ] {
            assert!(Config::try_parse_from(args).is_err(), "{args:?}");
        }
    }
}
