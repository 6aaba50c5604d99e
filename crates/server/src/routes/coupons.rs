//! `/orgs/{org_id}/events/{event_id}/coupons`: an event's discount codes and their usage.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use common::Permission;
use common::coupons::{Coupon, CreateCoupon, UpdateCoupon};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::coupons;
use crate::state::AppState;

/// Every coupon of the event, oldest first, with its uses, reservations, discount and revenue.
#[utoipa::path(tag = "coupons", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Vec<Coupon>)))]
#[get("/orgs/{org_id}/events/{event_id}/coupons")]
pub async fn list_coupons(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<Coupon>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(coupons::list(&state, scope, path.1).await?))
}

/// The code is stored upper case; a fixed amount and a minimum order are in the event's currency.
#[utoipa::path(tag = "coupons", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = CreateCoupon, responses((status = 201, body = Coupon), (status = 409, description = "Code already used in this event (`conflict`, field `code`)", body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/events/{event_id}/coupons")]
pub async fn create_coupon(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateCoupon>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageSales)?;
    Ok(HttpResponse::Created()
        .json(coupons::create(&state, scope, path.1, body.into_inner()).await?))
}

/// Omitted fields stay; `null` clears an optional one. Lowering `max_uses` below the uses so far
/// is allowed: the coupon then has none left.
#[utoipa::path(tag = "coupons", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("coupon_id" = Uuid, Path)), request_body = UpdateCoupon, responses((status = 200, body = Coupon)))]
#[patch("/orgs/{org_id}/events/{event_id}/coupons/{coupon_id}")]
pub async fn update_coupon(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<UpdateCoupon>,
) -> AppResult<web::Json<Coupon>> {
    let scope = tenant.require(Permission::ManageSales)?;
    let (_, event_id, id) = path.into_inner();
    Ok(web::Json(
        coupons::update(&state, scope, event_id, id, body.into_inner()).await?,
    ))
}

/// Only while no order has used it; deactivate it otherwise.
#[utoipa::path(tag = "coupons", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("coupon_id" = Uuid, Path)), responses((status = 204, description = "Deleted"), (status = 409, description = "Already used (`conflict`)", body = common::Problem, content_type = "application/problem+json")))]
#[delete("/orgs/{org_id}/events/{event_id}/coupons/{coupon_id}")]
pub async fn delete_coupon(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageSales)?;
    let (_, event_id, id) = path.into_inner();
    coupons::delete(&state, scope, event_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
