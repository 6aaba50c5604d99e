//! Swag: `/orgs/{org_id}/events/{event_id}/swag-items[/{item_id}]` (set up by those who manage
//! events, read by door staff), `/orgs/{org_id}/swag-items/{item_id}/handouts` (handed out by
//! door staff), `/adjustments` (stock corrections) and the event's `swag-report.csv`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use common::page::PageQuery;
use common::swag::{
    AdjustSwagStock, CreateSwagItem, HandOutSwag, SwagAdjustment, SwagHandout, SwagHandoutResult,
    SwagItem, UpdateSwagItem,
};
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::swag;
use crate::state::AppState;

/// The event's swag items, oldest first, with stock, handed out and remaining.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Vec<SwagItem>)))]
#[get("/orgs/{org_id}/events/{event_id}/swag-items")]
pub async fn list_swag_items(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<SwagItem>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(swag::list(&state, scope, path.1).await?))
}

/// Name 1 to 100 characters, stock 0 to 1,000,000, allowance 1 to 100, ticket types of the
/// event (empty = all). Every invalid field is reported at once.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = CreateSwagItem, responses((status = 201, body = SwagItem)))]
#[post("/orgs/{org_id}/events/{event_id}/swag-items")]
pub async fn create_swag_item(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateSwagItem>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created().json(swag::create(&state, scope, path.1, body.into_inner()).await?))
}

/// Omitted fields stay. Stock changes only through adjustments.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("item_id" = Uuid, Path)), request_body = UpdateSwagItem, responses((status = 200, body = SwagItem)))]
#[patch("/orgs/{org_id}/events/{event_id}/swag-items/{item_id}")]
pub async fn update_swag_item(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<UpdateSwagItem>,
) -> AppResult<web::Json<SwagItem>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    Ok(web::Json(
        swag::update(&state, scope, event_id, id, body.into_inner()).await?,
    ))
}

/// Only while nothing was handed out (else 409 `conflict`: adjust the stock instead).
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("item_id" = Uuid, Path)), responses((status = 204, description = "Deleted"), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[delete("/orgs/{org_id}/events/{event_id}/swag-items/{item_id}")]
pub async fn delete_swag_item(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    swag::delete(&state, scope, event_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Hand the item out to the ticket scanned (QR payload or typed code). Always 200 with the
/// `outcome` when the request is valid: a refusal is an answer, not an error. A retry with the
/// same `nonce` returns the first answer (header `Idempotent-Replayed: true`) and hands out once.
/// A revoked `device_id` is refused with 403 `device_revoked`.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("item_id" = Uuid, Path)), request_body = HandOutSwag, responses((status = 200, body = SwagHandoutResult)))]
#[post("/orgs/{org_id}/swag-items/{item_id}/handouts")]
pub async fn hand_out_swag(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<HandOutSwag>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::CheckIn)?;
    let (result, replayed) =
        swag::handouts::hand_out(&state, scope, tenant.user_id, path.1, body.into_inner()).await?;
    let mut res = HttpResponse::Ok();
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(result))
}

/// What was handed out of the item (successful hand-outs only), newest first.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("item_id" = Uuid, Path), PageQuery), responses((status = 200, body = Page<SwagHandout>)))]
#[get("/orgs/{org_id}/swag-items/{item_id}/handouts")]
pub async fn list_swag_handouts(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<SwagHandout>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(
        swag::handouts::list(&state, scope, path.1, q.into_inner()).await?,
    ))
}

/// A stock correction with its reason. Refused with 409 `conflict` when stock would fall below
/// what was already handed out.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("item_id" = Uuid, Path)), request_body = AdjustSwagStock, responses((status = 201, body = SwagAdjustment), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/swag-items/{item_id}/adjustments")]
pub async fn adjust_swag_stock(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<AdjustSwagStock>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created()
        .json(swag::adjust(&state, scope, tenant.user_id, path.1, body.into_inner()).await?))
}

/// The item's stock corrections, newest first.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("item_id" = Uuid, Path)), responses((status = 200, body = Vec<SwagAdjustment>)))]
#[get("/orgs/{org_id}/swag-items/{item_id}/adjustments")]
pub async fn list_swag_adjustments(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<SwagAdjustment>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(swag::adjustments(&state, scope, path.1).await?))
}

/// One row per successful hand-out of the event's items, oldest first: item, ticket code and
/// type, attendee, quantity, who handed it out and when.
#[utoipa::path(tag = "swag", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, content_type = "text/csv", body = String)))]
#[get("/orgs/{org_id}/events/{event_id}/swag-report.csv")]
pub async fn export_swag_report_csv(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (name, bytes) = swag::handouts::export_csv(&state, scope, path.1).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}
