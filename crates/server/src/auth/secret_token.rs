//! Random single-use secrets (email links, refresh tokens, invitations). Only their SHA-256 is
//! stored, so a database leak does not hand out working links.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, hex-encoded (URL-safe, 64 characters).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_their_hash_is_stable() {
        let a = generate();
        let b = generate();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), a);
    }
}
