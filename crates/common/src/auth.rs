//! Sign-up, email verification, login, token refresh and password reset.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::Lang;

pub const PASSWORD_MIN_LEN: u64 = 10;
pub const PASSWORD_MAX_LEN: u64 = 128;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signup {
    #[validate(email(code = "invalid_email"), length(max = 254, code = "too_long"))]
    pub email: String,
    #[validate(length(min = 10, max = 128, code = "password_length"))]
    pub password: String,
    #[validate(length(min = 1, max = 120, code = "length"))]
    pub name: String,
    /// Language of emails and of the interface; defaults to the request's `Accept-Language`.
    #[serde(default)]
    pub language: Option<Lang>,
}

/// Answered for every sign-up, whether the address was new or not, so that nobody can learn
/// which addresses have accounts. The mailbox owner gets the right email either way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyEmail {
    #[validate(length(min = 1, max = 200, code = "required"))]
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResendVerification {
    #[validate(email(code = "invalid_email"))]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Login {
    #[validate(length(min = 1, max = 254, code = "required"))]
    pub email: String,
    #[validate(length(min = 1, max = 128, code = "required"))]
    pub password: String,
}

/// A short-lived bearer token. The refresh token travels only in an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessToken {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until `access_token` expires.
    pub expires_in: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestPasswordReset {
    #[validate(email(code = "invalid_email"))]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmPasswordReset {
    #[validate(length(min = 1, max = 200, code = "required"))]
    pub token: String,
    #[validate(length(min = 10, max = 128, code = "password_length"))]
    pub password: String,
}
