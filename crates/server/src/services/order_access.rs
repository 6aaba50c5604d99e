//! The buyer's key to an order without an account: an HMAC of the order id, put in emailed links
//! (`/orders/{id}?token=...`). Stateless, cannot be forged without the server secret, and
//! compared in constant time.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::state::AppState;

type HmacSha256 = Hmac<Sha256>;

fn mac(state: &AppState, order_id: Uuid) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(state.settings.jwt_secret_bytes()).ok()?;
    // Domain separation: the same secret signs JWTs.
    mac.update(b"reckot-order-access:");
    mac.update(order_id.as_bytes());
    Some(mac)
}

/// 128 bits of the MAC, base64url: short enough for a link, far beyond guessing.
pub fn token(state: &AppState, order_id: Uuid) -> String {
    let bytes = mac(state, order_id)
        .map(|m| m.finalize().into_bytes().to_vec())
        .unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes[..bytes.len().min(16)])
}

pub fn verify(state: &AppState, order_id: Uuid, token: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.trim()) else {
        return false;
    };
    match mac(state, order_id) {
        Some(m) if given.len() == 16 => m.verify_truncated_left(&given).is_ok(),
        _ => false,
    }
}
