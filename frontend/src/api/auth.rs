//! Sign-up, email verification, login, refresh, logout and password reset (`/auth/*`).

use common::auth::{
    AccessToken, ConfirmPasswordReset, Login, RequestPasswordReset, ResendVerification, Signup,
    VerifyEmail,
};

use super::{ApiError, Body, Method, fetch_empty, fetch_json};

/// `POST /auth/signup`: 202 for every valid body, whether the address was new or not.
pub async fn signup(body: &Signup) -> Result<(), ApiError> {
    fetch_empty(Method::Post, "/auth/signup", Body::json(body)?).await
}

/// `POST /auth/verify-email`: 204 when the token is good.
pub async fn verify_email(body: &VerifyEmail) -> Result<(), ApiError> {
    fetch_empty(Method::Post, "/auth/verify-email", Body::json(body)?).await
}

/// `POST /auth/verify-email/resend`: 202.
pub async fn resend_verification(body: &ResendVerification) -> Result<(), ApiError> {
    fetch_empty(Method::Post, "/auth/verify-email/resend", Body::json(body)?).await
}

/// `POST /auth/login`: the access token; the refresh token arrives as an HttpOnly cookie.
pub async fn login(body: &Login) -> Result<AccessToken, ApiError> {
    fetch_json(Method::Post, "/auth/login", Body::json(body)?).await
}

/// `POST /auth/refresh`: a new access token from the refresh cookie. Prefer
/// [`super::refresh_shared`], which never runs two at once.
pub async fn refresh() -> Result<AccessToken, ApiError> {
    fetch_json(Method::Post, "/auth/refresh", Body::None).await
}

/// `POST /auth/logout`: 204; the server clears the cookie.
pub async fn logout() -> Result<(), ApiError> {
    fetch_empty(Method::Post, "/auth/logout", Body::None).await
}

/// `POST /auth/password-reset`: 202 whether or not the address has an account.
pub async fn request_password_reset(body: &RequestPasswordReset) -> Result<(), ApiError> {
    fetch_empty(Method::Post, "/auth/password-reset", Body::json(body)?).await
}

/// `POST /auth/password-reset/confirm`: 204.
pub async fn confirm_password_reset(body: &ConfirmPasswordReset) -> Result<(), ApiError> {
    fetch_empty(
        Method::Post,
        "/auth/password-reset/confirm",
        Body::json(body)?,
    )
    .await
}
