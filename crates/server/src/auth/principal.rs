//! `AuthUser`: a request carrying a valid bearer access token. `PlatformAdmin`: one whose user is
//! a platform administrator.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use common::ErrorCode;
use futures_util::future::LocalBoxFuture;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct AuthUser {
    pub user_id: Uuid,
}

pub(crate) fn state_of(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("AppState is not registered")))
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, AppError> {
    let state = state_of(req)?;
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Err(AppError::code(ErrorCode::AuthenticationRequired));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    let user_id = state
        .jwt
        .verify(token.trim(), state.now())
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    tracing::Span::current().record("user.id", tracing::field::display(user_id));
    Ok(AuthUser { user_id })
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Ready<Result<AuthUser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PlatformAdmin {
    pub user_id: Uuid,
}

impl FromRequest for PlatformAdmin {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<PlatformAdmin, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let auth = authenticate(req);
        let state = state_of(req);
        Box::pin(async move {
            let AuthUser { user_id } = auth?;
            let state = state?;
            let user = db::users::find(&state.db, user_id)
                .await?
                .ok_or_else(AppError::forbidden)?;
            if user.is_platform_admin && user.disabled_at.is_none() {
                Ok(PlatformAdmin { user_id })
            } else {
                Err(AppError::forbidden())
            }
        })
    }
}
