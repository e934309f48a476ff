//! The process's peak memory, for the benchmarks (Linux; `None` elsewhere).

/// The process's peak resident memory so far (`VmHWM` in `/proc/self/status`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak to the current resident memory (writing 5 to
/// `/proc/self/clear_refs`), so the next [`peak_rss_kib`] measures from here.
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `Some(kib)` as `"47.1 MiB"`, `None` as `"n/a"`.
pub fn describe_kib(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_owned(), |kib| {
        format!("{:.1} MiB", kib as f64 / 1024.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_on_linux() {
        reset_peak_rss();
        if cfg!(target_os = "linux") {
            assert!(peak_rss_kib().is_some_and(|kib| kib > 0));
        }
        assert_eq!(describe_kib(Some(2048)), "2.0 MiB");
        assert_eq!(describe_kib(None), "n/a");
    }
}
