//! Accounts: sign-up with email verification, and password reset. Answers never reveal whether
//! an address has an account; the mailbox owner gets the email that fits.

use chrono::Duration;
use common::auth::{
    ConfirmPasswordReset, RequestPasswordReset, ResendVerification, Signup, VerifyEmail,
};
use common::{ErrorCode, Lang};
use db::tokens::Purpose;

use crate::auth::{password, secret_token};
use crate::error::{AppError, AppResult, validate};
use crate::services::mail::{self, EmailJob};
use crate::services::rate_limits::{self, RESET_PER_EMAIL, RESET_PER_IP};
use crate::state::AppState;

const VERIFY_TTL_HOURS: i64 = 48;
const RESET_TTL_MINUTES: i64 = 60;

pub async fn signup(state: &AppState, input: Signup, request_lang: Lang) -> AppResult<()> {
    validate(&input)?;
    let lang = input.language.unwrap_or(request_lang);
    let now = state.now();
    // Hashed whether or not the address is taken, so timing does not tell the two apart.
    let hash = password::hash(&input.password)?;
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    match db::users::find_by_email(&tx, &input.email).await? {
        Some(existing) => {
            let job = EmailJob::AccountExists {
                to: existing.email.clone(),
                name: existing.name.clone(),
                lang: existing.language,
                login_link: mail::link(state, "/login"),
                reset_link: mail::link(state, "/forgot-password"),
            };
            mail::enqueue(&tx, state, &job).await?;
        }
        None => {
            let user = db::users::insert(
                &tx,
                db::users::NewUser {
                    email: &input.email,
                    password_hash: &hash,
                    name: &input.name,
                    language: lang,
                    verified: false,
                    is_platform_admin: false,
                },
                now,
            )
            .await?;
            send_verification(state, &tx, &user).await?;
        }
    }
    tx.commit().await.map_err(AppError::internal)?;
    state.jobs_ready.notify_one();
    Ok(())
}

async fn send_verification<C: db::ConnectionTrait>(
    state: &AppState,
    conn: &C,
    user: &db::users::User,
) -> AppResult<()> {
    let now = state.now();
    let token = secret_token::generate();
    db::tokens::expire_email_tokens(conn, user.id, Purpose::VerifyEmail, now).await?;
    db::tokens::insert_email_token(
        conn,
        user.id,
        Purpose::VerifyEmail,
        &secret_token::hash(&token),
        now + Duration::hours(VERIFY_TTL_HOURS),
        now,
    )
    .await?;
    let job = EmailJob::VerifyEmail {
        to: user.email.clone(),
        name: user.name.clone(),
        lang: user.language,
        link: mail::link(state, &format!("/verify-email?token={token}")),
    };
    mail::enqueue(conn, state, &job).await
}

pub async fn verify_email(state: &AppState, input: VerifyEmail) -> AppResult<()> {
    validate(&input)?;
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    let user_id = db::tokens::consume_email_token(
        &tx,
        Purpose::VerifyEmail,
        &secret_token::hash(input.token.trim()),
        now,
    )
    .await?
    .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    db::users::mark_verified(&tx, user_id, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// Sends a fresh link to an unverified account; silent for anything else.
pub async fn resend_verification(
    state: &AppState,
    input: ResendVerification,
    ip: &str,
) -> AppResult<()> {
    validate(&input)?;
    let email = db::users::normalize_email(&input.email);
    rate_limits::check(state, &[(&RESET_PER_EMAIL, &email), (&RESET_PER_IP, ip)]).await?;
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    if let Some(user) = db::users::find_by_email(&tx, &email).await?
        && user.email_verified_at.is_none()
    {
        send_verification(state, &tx, &user).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    state.jobs_ready.notify_one();
    Ok(())
}

pub async fn request_password_reset(
    state: &AppState,
    input: RequestPasswordReset,
    ip: &str,
) -> AppResult<()> {
    validate(&input)?;
    let email = db::users::normalize_email(&input.email);
    rate_limits::check(state, &[(&RESET_PER_EMAIL, &email), (&RESET_PER_IP, ip)]).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    if let Some(user) = db::users::find_by_email(&tx, &email).await?
        && user.disabled_at.is_none()
    {
        let token = secret_token::generate();
        db::tokens::expire_email_tokens(&tx, user.id, Purpose::PasswordReset, now).await?;
        db::tokens::insert_email_token(
            &tx,
            user.id,
            Purpose::PasswordReset,
            &secret_token::hash(&token),
            now + Duration::minutes(RESET_TTL_MINUTES),
            now,
        )
        .await?;
        let job = EmailJob::PasswordReset {
            to: user.email.clone(),
            name: user.name.clone(),
            lang: user.language,
            link: mail::link(state, &format!("/reset-password?token={token}")),
        };
        mail::enqueue(&tx, state, &job).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    state.jobs_ready.notify_one();
    Ok(())
}

/// Sets the new password, proves the address (the link was emailed), and signs out everywhere.
pub async fn confirm_password_reset(
    state: &AppState,
    input: ConfirmPasswordReset,
) -> AppResult<()> {
    validate(&input)?;
    let now = state.now();
    let hash = password::hash(&input.password)?;
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    let user_id = db::tokens::consume_email_token(
        &tx,
        Purpose::PasswordReset,
        &secret_token::hash(input.token.trim()),
        now,
    )
    .await?
    .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    db::users::set_password(&tx, user_id, &hash, now).await?;
    db::users::mark_verified(&tx, user_id, now).await?;
    db::tokens::revoke_all_for_user(&tx, user_id, now).await?;
    if let Some(user) = db::users::find(&tx, user_id).await? {
        let job = EmailJob::PasswordChanged {
            to: user.email,
            name: user.name,
            lang: user.language,
        };
        mail::enqueue(&tx, state, &job).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    state.jobs_ready.notify_one();
    Ok(())
}
