//! `/me`: the signed-in person's profile.

use actix_web::{get, patch, web};
use common::users::{Me, UpdateMe};

use crate::auth::principal::AuthUser;
use crate::error::AppResult;
use crate::services::profile;
use crate::state::AppState;

#[utoipa::path(tag = "me", responses((status = 200, body = Me)))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, user: AuthUser) -> AppResult<web::Json<Me>> {
    Ok(web::Json(profile::get(&state, user.user_id).await?))
}

/// Change name, phone (E.164; `null` clears it) or language.
#[utoipa::path(tag = "me", request_body = UpdateMe, responses((status = 200, body = Me)))]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UpdateMe>,
) -> AppResult<web::Json<Me>> {
    Ok(web::Json(
        profile::update(&state, user.user_id, body.into_inner()).await?,
    ))
}
