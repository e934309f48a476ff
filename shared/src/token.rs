//! A token nobody can guess in advance: 64 random bits from the standard library's
//! randomly seeded hasher, mixed with the time and the process id.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// Sixteen hex digits, different on every call.
pub fn fresh() -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_differ() {
        let (a, b) = (super::fresh(), super::fresh());
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
    }
}
