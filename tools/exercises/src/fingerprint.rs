//! A stable fingerprint of a file's contents (FNV-1a, 64 bits), to notice that a file
//! changed. Not a security measure: it tells an honest "you edited the check" apart
//! from "the check as shipped".

use std::path::Path;

/// The fingerprint of `bytes`, as 16 hex digits.
pub fn of_bytes(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The fingerprint of the file at `path`; `None` if it cannot be read.
pub fn of_file(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| of_bytes(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(of_bytes(b""), "cbf29ce484222325");
        assert_eq!(of_bytes(b"a"), "af63dc4c8601ec8c");
        assert_ne!(of_bytes(b"ab"), of_bytes(b"ba"));
    }
}
