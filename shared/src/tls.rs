//! The TLS crypto provider for the course's HTTPS clients.
//!
//! reqwest is built here with rustls and *no* bundled crypto provider
//! (`rustls-no-provider`), because its default provider (aws-lc-rs) takes far longer to
//! compile than `ring`. rustls then needs a process-wide provider installed before the
//! first client is built, or `reqwest::Client::new()` panics. Call
//! [`install_crypto_provider`] once at the start of a program that makes HTTP requests.

/// Installs `ring` as the process-wide rustls crypto provider. Calling it again, or after
/// another provider was installed, changes nothing.
pub fn install_crypto_provider() {
    // `Err` only means a provider is already installed, which is all we need.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    #[test]
    fn installing_twice_is_harmless() {
        super::install_crypto_provider();
        super::install_crypto_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
