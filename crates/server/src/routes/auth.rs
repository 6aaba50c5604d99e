//! `/auth/*`: sign-up, verification, login, refresh, logout, password reset.

use actix_web::{HttpRequest, HttpResponse, post, web};
use common::Lang;
use common::auth::{
    Accepted, AccessToken, ConfirmPasswordReset, Login, RequestPasswordReset, ResendVerification,
    Signup, VerifyEmail,
};

use crate::auth::refresh_cookie;
use crate::error::AppResult;
use crate::http::client::client_ip;
use crate::http::problem::request_lang;
use crate::services::{accounts, sessions};
use crate::state::AppState;

fn accepted(lang: Lang) -> HttpResponse {
    HttpResponse::Accepted().json(Accepted {
        message: lang
            .pick(
                "If the address can receive it, an email is on its way.",
                "Si l'adresse peut le recevoir, un e-mail est en route.",
            )
            .to_owned(),
    })
}

/// Create an account; a verification link is emailed. Answers 202 whether or not the address
/// already has an account (its owner gets a different email), so addresses cannot be probed.
#[utoipa::path(tag = "auth", request_body = Signup, responses((status = 202, body = Accepted)))]
#[post("/auth/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<Signup>,
) -> AppResult<HttpResponse> {
    let lang = request_lang(&req);
    accounts::signup(&state, body.into_inner(), lang).await?;
    Ok(accepted(lang))
}

/// Confirm an email address with the token from the emailed link.
#[utoipa::path(tag = "auth", request_body = VerifyEmail, responses((status = 204, description = "Verified")))]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<VerifyEmail>,
) -> AppResult<HttpResponse> {
    accounts::verify_email(&state, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a new verification link to an unverified account.
#[utoipa::path(tag = "auth", request_body = ResendVerification, responses((status = 202, body = Accepted)))]
#[post("/auth/verify-email/resend")]
pub async fn resend_verification(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ResendVerification>,
) -> AppResult<HttpResponse> {
    let ip = client_ip(&req, state.settings.trust_forwarded_for);
    accounts::resend_verification(&state, body.into_inner(), &ip).await?;
    Ok(accepted(request_lang(&req)))
}

/// Sign in. Returns a short-lived access token and sets the refresh token as an HttpOnly cookie.
#[utoipa::path(tag = "auth", request_body = Login, responses((status = 200, body = AccessToken)))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<Login>,
) -> AppResult<HttpResponse> {
    let ip = client_ip(&req, state.settings.trust_forwarded_for);
    let session = sessions::login(&state, body.into_inner(), &ip).await?;
    Ok(HttpResponse::Ok()
        .cookie(refresh_cookie::build(
            session.refresh_token,
            &state.settings,
        ))
        .json(session.access))
}

/// Exchange the refresh cookie for a new access token; the cookie is rotated. Presenting a
/// refresh token twice revokes its whole family.
#[utoipa::path(tag = "auth", responses((status = 200, body = AccessToken)))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest) -> AppResult<HttpResponse> {
    let session = sessions::refresh(&state, refresh_cookie::read(&req)).await?;
    Ok(HttpResponse::Ok()
        .cookie(refresh_cookie::build(
            session.refresh_token,
            &state.settings,
        ))
        .json(session.access))
}

/// Sign out: revokes the refresh token family and clears the cookie.
#[utoipa::path(tag = "auth", responses((status = 204, description = "Signed out")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> AppResult<HttpResponse> {
    sessions::logout(&state, refresh_cookie::read(&req)).await?;
    Ok(HttpResponse::NoContent()
        .cookie(refresh_cookie::clear(&state.settings))
        .finish())
}

/// Email a password reset link. Same answer for known and unknown addresses.
#[utoipa::path(tag = "auth", request_body = RequestPasswordReset, responses((status = 202, body = Accepted)))]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RequestPasswordReset>,
) -> AppResult<HttpResponse> {
    let ip = client_ip(&req, state.settings.trust_forwarded_for);
    accounts::request_password_reset(&state, body.into_inner(), &ip).await?;
    Ok(accepted(request_lang(&req)))
}

/// Set a new password with the emailed token; signs the account out everywhere.
#[utoipa::path(tag = "auth", request_body = ConfirmPasswordReset, responses((status = 204, description = "Password changed")))]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: web::Json<ConfirmPasswordReset>,
) -> AppResult<HttpResponse> {
    accounts::confirm_password_reset(&state, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
