//! Sessions: login, refresh-token rotation with reuse detection, logout.
//!
//! A login starts a token family. Each refresh spends the presented token and issues the next one
//! in the family. Presenting an already-spent token means it was copied: the whole family is
//! revoked, signing out both the thief and the victim.

use chrono::Duration;
use common::ErrorCode;
use common::auth::{AccessToken, Login};
use uuid::Uuid;

use crate::auth::{password, secret_token};
use crate::error::{AppError, AppResult, validate};
use crate::services::rate_limits::{self, LOGIN_PER_EMAIL, LOGIN_PER_IP};
use crate::state::AppState;

/// A new access token, plus the refresh token for the cookie.
pub struct Session {
    pub access: AccessToken,
    pub refresh_token: String,
}

pub async fn login(state: &AppState, input: Login, ip: &str) -> AppResult<Session> {
    validate(&input)?;
    let email = db::users::normalize_email(&input.email);
    rate_limits::check(state, &[(&LOGIN_PER_EMAIL, &email), (&LOGIN_PER_IP, ip)]).await?;
    let user = db::users::find_by_email(&state.db, &email).await?;
    let Some(user) = user else {
        password::verify_dummy(&input.password);
        return Err(AppError::code(ErrorCode::InvalidCredentials));
    };
    if !password::verify(&input.password, &user.password_hash) {
        return Err(AppError::code(ErrorCode::InvalidCredentials));
    }
    // Only the password holder learns these.
    if user.disabled_at.is_some() {
        return Err(AppError::code(ErrorCode::AccountDisabled));
    }
    if user.email_verified_at.is_none() {
        return Err(AppError::code(ErrorCode::EmailNotVerified));
    }
    start(state, user.id, Uuid::new_v4(), &state.db).await
}

async fn start<C: db::ConnectionTrait>(
    state: &AppState,
    user_id: Uuid,
    family_id: Uuid,
    conn: &C,
) -> AppResult<Session> {
    let now = state.now();
    let refresh_token = secret_token::generate();
    let ttl = Duration::seconds(
        i64::try_from(state.settings.refresh_token_ttl.as_secs()).unwrap_or(86_400 * 30),
    );
    db::tokens::insert_refresh(
        conn,
        user_id,
        family_id,
        &secret_token::hash(&refresh_token),
        now + ttl,
        now,
    )
    .await?;
    let access_token = state
        .jwt
        .issue(user_id, now, state.settings.access_token_ttl)?;
    Ok(Session {
        access: AccessToken {
            access_token,
            token_type: "Bearer".into(),
            expires_in: i64::try_from(state.settings.access_token_ttl.as_secs()).unwrap_or(900),
        },
        refresh_token,
    })
}

pub async fn refresh(state: &AppState, presented: Option<String>) -> AppResult<Session> {
    let presented = presented.ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    let token = db::tokens::find_refresh(&tx, &secret_token::hash(&presented))
        .await?
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Err(AppError::code(ErrorCode::InvalidToken));
    }
    if !db::tokens::mark_refresh_used(&tx, token.id, now).await? {
        // Spent before: a copy is in someone else's hands. Revoke the family and commit that.
        db::tokens::revoke_family(&tx, token.family_id, now).await?;
        tx.commit().await.map_err(AppError::internal)?;
        tracing::warn!(user.id = %token.user_id, "refresh token reuse detected; family revoked");
        return Err(AppError::code(ErrorCode::InvalidToken));
    }
    let user = db::users::find(&tx, token.user_id)
        .await?
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    if user.disabled_at.is_some() {
        return Err(AppError::code(ErrorCode::AccountDisabled));
    }
    let session = start(state, user.id, token.family_id, &tx).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(session)
}

/// Revokes the presented token's family. Idempotent: logging out twice is fine.
pub async fn logout(state: &AppState, presented: Option<String>) -> AppResult<()> {
    let Some(presented) = presented else {
        return Ok(());
    };
    if let Some(token) =
        db::tokens::find_refresh(&state.db, &secret_token::hash(&presented)).await?
    {
        db::tokens::revoke_family(&state.db, token.family_id, state.now()).await?;
    }
    Ok(())
}
