//! `/orgs/{org_id}/events/{event_id}/ticket-types` and `/capacity-groups`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use common::Permission;
use common::events::{
    CapacityGroup, CreateCapacityGroup, CreateTicketType, TicketType, UpdateCapacityGroup,
    UpdateTicketType,
};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::ticket_types;
use crate::state::AppState;

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Vec<TicketType>)))]
#[get("/orgs/{org_id}/events/{event_id}/ticket-types")]
pub async fn list_ticket_types(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<TicketType>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(ticket_types::list(&state, scope, path.1).await?))
}

/// Price in the event's currency, exact to its minor unit (`"5000"` XAF, `"12.50"` USD).
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = CreateTicketType, responses((status = 201, body = TicketType)))]
#[post("/orgs/{org_id}/events/{event_id}/ticket-types")]
pub async fn create_ticket_type(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateTicketType>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created()
        .json(ticket_types::create(&state, scope, path.1, body.into_inner()).await?))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("ticket_type_id" = Uuid, Path)), request_body = UpdateTicketType, responses((status = 200, body = TicketType)))]
#[patch("/orgs/{org_id}/events/{event_id}/ticket-types/{ticket_type_id}")]
pub async fn update_ticket_type(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<UpdateTicketType>,
) -> AppResult<web::Json<TicketType>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    Ok(web::Json(
        ticket_types::update(&state, scope, event_id, id, body.into_inner()).await?,
    ))
}

/// Only while none are sold or held; deactivate it otherwise.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("ticket_type_id" = Uuid, Path)), responses((status = 204, description = "Deleted"), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[delete("/orgs/{org_id}/events/{event_id}/ticket-types/{ticket_type_id}")]
pub async fn delete_ticket_type(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    ticket_types::delete(&state, scope, event_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Vec<CapacityGroup>)))]
#[get("/orgs/{org_id}/events/{event_id}/capacity-groups")]
pub async fn list_capacity_groups(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<CapacityGroup>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(
        ticket_types::list_groups(&state, scope, path.1).await?,
    ))
}

/// A limit several ticket types share, on top of their own quantities (assign types to it).
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = CreateCapacityGroup, responses((status = 201, body = CapacityGroup)))]
#[post("/orgs/{org_id}/events/{event_id}/capacity-groups")]
pub async fn create_capacity_group(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateCapacityGroup>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created()
        .json(ticket_types::create_group(&state, scope, path.1, body.into_inner()).await?))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("group_id" = Uuid, Path)), request_body = UpdateCapacityGroup, responses((status = 200, body = CapacityGroup)))]
#[patch("/orgs/{org_id}/events/{event_id}/capacity-groups/{group_id}")]
pub async fn update_capacity_group(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<UpdateCapacityGroup>,
) -> AppResult<web::Json<CapacityGroup>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    Ok(web::Json(
        ticket_types::update_group(&state, scope, event_id, id, body.into_inner()).await?,
    ))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("group_id" = Uuid, Path)), responses((status = 204, description = "Deleted")))]
#[delete("/orgs/{org_id}/events/{event_id}/capacity-groups/{group_id}")]
pub async fn delete_capacity_group(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    ticket_types::delete_group(&state, scope, event_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}
