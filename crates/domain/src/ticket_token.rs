//! Signed ticket tokens, the payload of a ticket's QR code. A door scanner holding only the event's
//! public key can check a ticket offline (this module also compiles to wasm32 for the browser),
//! and a token cannot be forged or altered without the platform's private seed.
//!
//! Format: `RK1.` + base64url(ticket id ‖ event id ‖ 10 code bytes) + `.` + base64url(Ed25519
//! signature of those 42 bytes), without padding: 147 ASCII characters.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use uuid::Uuid;

use crate::codes::{ticket_code, ticket_code_bytes};

/// Versions the format, so a future layout can be told apart from this one.
pub const PREFIX: &str = "RK1.";
const PAYLOAD_LEN: usize = 42;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketClaims {
    pub ticket_id: Uuid,
    pub event_id: Uuid,
    /// The grouped ticket code (`XXXX-XXXX-XXXX-XXXX`).
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token of this format: wrong prefix, bad base64, wrong lengths.
    Malformed,
    /// Well formed, but not signed by the holder of this key (forged, altered or another key).
    BadSignature,
    /// The claims' code is not a ticket code, so it cannot be signed.
    BadCode,
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenError::Malformed => "malformed ticket token",
            TokenError::BadSignature => "ticket token signature does not verify",
            TokenError::BadCode => "invalid ticket code",
        })
    }
}

impl std::error::Error for TokenError {}

/// Signs the claims with the Ed25519 key derived from `seed`.
pub fn sign(seed: &[u8; 32], claims: &TicketClaims) -> Result<String, TokenError> {
    let code = ticket_code_bytes(&claims.code).ok_or(TokenError::BadCode)?;
    let mut payload = [0u8; PAYLOAD_LEN];
    payload[..16].copy_from_slice(claims.ticket_id.as_bytes());
    payload[16..32].copy_from_slice(claims.event_id.as_bytes());
    payload[32..].copy_from_slice(&code);
    let signature = SigningKey::from_bytes(seed).sign(&payload);
    Ok(format!(
        "{PREFIX}{}.{}",
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    ))
}

/// The public key that verifies tokens signed with `seed`; safe to publish to door scanners.
pub fn public_key(seed: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(seed).verifying_key().to_bytes()
}

/// Checks the signature and returns the claims, with the code in its grouped form.
pub fn verify(public_key: &[u8; 32], token: &str) -> Result<TicketClaims, TokenError> {
    let (payload, signature) = token
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('.'))
        .ok_or(TokenError::Malformed)?;
    let payload: [u8; PAYLOAD_LEN] = decode(payload)?;
    let signature = Signature::from_bytes(&decode(signature)?);
    // A key that is not a curve point cannot have signed anything.
    let key = VerifyingKey::from_bytes(public_key).map_err(|_| TokenError::BadSignature)?;
    // Strict: refuses malleable signatures and weak keys, so one ticket has one valid token.
    key.verify_strict(&payload, &signature)
        .map_err(|_| TokenError::BadSignature)?;

    let uuid = |range: std::ops::Range<usize>| {
        <[u8; 16]>::try_from(&payload[range])
            .map(Uuid::from_bytes)
            .map_err(|_| TokenError::Malformed)
    };
    let code = <[u8; 10]>::try_from(&payload[32..]).map_err(|_| TokenError::Malformed)?;
    Ok(TicketClaims {
        ticket_id: uuid(0..16)?,
        event_id: uuid(16..32)?,
        code: ticket_code(code),
    })
}

fn decode<const N: usize>(text: &str) -> Result<[u8; N], TokenError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| TokenError::Malformed)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| TokenError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: [u8; 32] = [7; 32];

    fn claims() -> TicketClaims {
        TicketClaims {
            ticket_id: Uuid::from_u128(0x1111_2222_3333_4444_5555_6666_7777_8888),
            event_id: Uuid::from_u128(0x9999_aaaa_bbbb_cccc_dddd_eeee_ffff_0000),
            code: "7KQ2-M9XD-04RT-BZ1H".to_owned(),
        }
    }

    fn token() -> String {
        match sign(&SEED, &claims()) {
            Ok(token) => token,
            Err(e) => panic!("signing failed: {e}"),
        }
    }

    /// Re-encodes the token with one byte of its payload (part 0) or signature (part 1) flipped.
    fn tampered(part: usize, index: usize) -> String {
        let token = token();
        let body = token.strip_prefix(PREFIX).unwrap_or_default();
        let mut parts: Vec<Vec<u8>> = body
            .split('.')
            .map(|p| URL_SAFE_NO_PAD.decode(p).unwrap_or_default())
            .collect();
        parts[part][index] ^= 0x01;
        format!(
            "{PREFIX}{}.{}",
            URL_SAFE_NO_PAD.encode(&parts[0]),
            URL_SAFE_NO_PAD.encode(&parts[1])
        )
    }

    #[test]
    fn a_signed_token_verifies_back_to_its_claims() {
        let token = token();
        assert!(token.starts_with("RK1."));
        assert_eq!(token.len(), 147);
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        );
        assert_eq!(verify(&public_key(&SEED), &token), Ok(claims()));
    }

    #[test]
    fn a_code_typed_loosely_is_signed_in_its_grouped_form() {
        let mut loose = claims();
        loose.code = "7kq2m9xdo4rtbz1h".to_owned();
        let Ok(token) = sign(&SEED, &loose) else {
            panic!("a loosely typed code is still a code");
        };
        assert_eq!(verify(&public_key(&SEED), &token), Ok(claims()));
    }

    #[test]
    fn a_flipped_byte_in_the_payload_or_the_signature_fails() {
        let key = public_key(&SEED);
        for index in [0, 20, 41] {
            assert_eq!(
                verify(&key, &tampered(0, index)),
                Err(TokenError::BadSignature)
            );
        }
        for index in [0, 63] {
            assert_eq!(
                verify(&key, &tampered(1, index)),
                Err(TokenError::BadSignature)
            );
        }
    }

    #[test]
    fn another_key_does_not_verify() {
        assert_eq!(
            verify(&public_key(&[8; 32]), &token()),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn garbage_is_malformed() {
        let key = public_key(&SEED);
        let token = token();
        let garbage: [&str; 9] = [
            "",
            "RK1.",
            "RK1.abc",
            "RK1.a.b",
            "RK2.AAAA.BBBB",
            "not a token at all",
            &token.replacen("RK1.", "RK2.", 1),
            &token.replacen('.', "!", 2),
            &token[..token.len() - 2],
        ];
        for garbage in garbage {
            assert_eq!(
                verify(&key, garbage),
                Err(TokenError::Malformed),
                "{garbage}"
            );
        }
    }

    #[test]
    fn an_invalid_code_cannot_be_signed() {
        let mut bad = claims();
        bad.code = "UUUU-UUUU-UUUU-UUUU".to_owned();
        assert_eq!(sign(&SEED, &bad), Err(TokenError::BadCode));
    }
}
