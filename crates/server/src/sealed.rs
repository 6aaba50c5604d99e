//! Sealing secrets at rest: payment gateway credentials set by platform admins are encrypted with
//! XChaCha20-Poly1305 under `GATEWAY_CREDENTIALS_KEY` before they are stored, with the gateway's
//! name as associated data (a sealed value cannot be moved to another gateway's row). A random
//! 24-byte nonce per seal; stored as base64(nonce || ciphertext).

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("sealed value is malformed")]
    Malformed,
    /// Wrong key, wrong gateway, or altered data.
    #[error("sealed value does not open with this key")]
    Rejected,
}

#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([REDACTED])")
    }
}

const NONCE_LEN: usize = 24;

impl Sealer {
    pub fn new(key: &[u8; 32]) -> Sealer {
        Sealer {
            cipher: XChaCha20Poly1305::new(&(*key).into()),
        }
    }

    pub fn seal(&self, context: &str, plaintext: &[u8]) -> String {
        let nonce_bytes: [u8; NONCE_LEN] = rand::random();
        let nonce = XNonce::from(nonce_bytes);
        // Encryption with a valid key and nonce cannot fail; an empty output would not open.
        let ciphertext = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&ciphertext);
        base64::engine::general_purpose::STANDARD.encode(out)
    }

    pub fn open(&self, context: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .map_err(|_| SealError::Malformed)?;
        if bytes.len() < NONCE_LEN + 16 {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::Malformed)?;
        self.cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| SealError::Rejected)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_its_context() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal("campay", b"{\"token\":\"s3cr3t\"}");
        assert!(!sealed.contains("s3cr3t"));
        assert_eq!(
            sealer.open("campay", &sealed).unwrap(),
            b"{\"token\":\"s3cr3t\"}"
        );
        assert_eq!(sealer.open("pawapay", &sealed), Err(SealError::Rejected));
        assert_eq!(
            Sealer::new(&[8; 32]).open("campay", &sealed),
            Err(SealError::Rejected)
        );
        // Two seals of the same secret differ (fresh nonce).
        assert_ne!(sealed, sealer.seal("campay", b"{\"token\":\"s3cr3t\"}"));
    }

    #[test]
    fn an_altered_sealed_value_is_refused() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal("flutterwave", b"secret");
        let mut bytes = base64::engine::general_purpose::STANDARD
            .decode(&sealed)
            .unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let altered = base64::engine::general_purpose::STANDARD.encode(bytes);
        assert_eq!(
            sealer.open("flutterwave", &altered),
            Err(SealError::Rejected)
        );
        assert_eq!(sealer.open("flutterwave", "!!"), Err(SealError::Malformed));
    }
}
