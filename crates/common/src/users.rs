//! The signed-in person's own profile.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub language: Lang,
    pub email_verified: bool,
    pub is_platform_admin: bool,
    pub created_at: DateTime<Utc>,
}

/// Fields left out stay as they are; `phone: null` clears the phone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMe {
    #[validate(length(min = 1, max = 120, code = "length"))]
    pub name: Option<String>,
    /// E.164, e.g. `+237670000000`.
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub phone: Option<Option<String>>,
    pub language: Option<Lang>,
}

/// Distinguishes a missing field (`None`) from an explicit `null` (`Some(None)`).
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

/// True for an E.164 phone number: `+`, then 8 to 15 digits, not starting with 0.
pub fn is_e164(phone: &str) -> bool {
    let Some(digits) = phone.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_null_phone_is_told_apart_from_a_missing_one() {
        let cleared: UpdateMe = serde_json::from_str(r#"{"phone":null}"#).unwrap_or_default();
        assert_eq!(cleared.phone, Some(None));
        let untouched: UpdateMe = serde_json::from_str(r#"{"name":"A"}"#).unwrap_or_default();
        assert_eq!(untouched.phone, None);
    }

    #[test]
    fn phone_numbers_must_be_e164() {
        assert!(is_e164("+237670000000"));
        assert!(!is_e164("670000000"));
        assert!(!is_e164("+23767abc"));
    }
}
