//! `/admin/categories`: event categories, managed by platform administrators.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use common::events::{Category, CreateCategory, UpdateCategory};
use uuid::Uuid;

use crate::auth::principal::PlatformAdmin;
use crate::error::AppResult;
use crate::services::{categories, public_events};
use crate::state::AppState;

#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<Category>)))]
#[get("/admin/categories")]
pub async fn list_admin_categories(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
) -> AppResult<web::Json<Vec<Category>>> {
    Ok(web::Json(public_events::categories(&state).await?))
}

#[utoipa::path(tag = "admin", request_body = CreateCategory, responses((status = 201, body = Category)))]
#[post("/admin/categories")]
pub async fn create_category(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    body: web::Json<CreateCategory>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Created().json(categories::create(&state, body.into_inner()).await?))
}

#[utoipa::path(tag = "admin", params(("category_id" = Uuid, Path)), request_body = UpdateCategory, responses((status = 200, body = Category)))]
#[patch("/admin/categories/{category_id}")]
pub async fn update_category(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<UpdateCategory>,
) -> AppResult<web::Json<Category>> {
    Ok(web::Json(
        categories::update(&state, id.into_inner(), body.into_inner()).await?,
    ))
}

/// Events in it become uncategorized.
#[utoipa::path(tag = "admin", params(("category_id" = Uuid, Path)), responses((status = 204, description = "Deleted")))]
#[delete("/admin/categories/{category_id}")]
pub async fn delete_category(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    id: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    categories::delete(&state, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
