//! Short-lived access tokens (HS256). They carry only the user id: roles are read from the
//! database on each request, so a role change applies at once.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    iat: i64,
    exp: i64,
    /// Token kind; only `access` is accepted as a bearer token.
    typ: String,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> JwtKeys {
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
        ttl: std::time::Duration,
    ) -> anyhow::Result<String> {
        let ttl = i64::try_from(ttl.as_secs()).unwrap_or(900);
        let claims = Claims {
            sub: user_id,
            iat: now.timestamp(),
            exp: now.timestamp() + ttl,
            typ: "access".into(),
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The user id of a valid, unexpired access token at `now`.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<Uuid> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the injected clock below, not the system clock.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        (data.claims.typ == "access" && data.claims.exp > now.timestamp())
            .then_some(data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_token_is_valid_until_it_expires_and_only_with_its_key() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let user = Uuid::new_v4();
        let token = keys.issue(user, now, Duration::from_secs(60)).unwrap();
        assert_eq!(keys.verify(&token, now), Some(user));
        assert_eq!(
            keys.verify(&token, now + chrono::Duration::seconds(61)),
            None
        );
        let other = JwtKeys::new(b"another-secret-another-secret-xx");
        assert_eq!(other.verify(&token, now), None);
        assert_eq!(keys.verify("garbage", now), None);
    }
}
