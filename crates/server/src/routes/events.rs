//! `/orgs/{org_id}/events`: events as organizers manage them.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use common::events::{
    CreateEvent, Event, ListEventsQuery, PreviewTheme, ThemePreview, UpdateEvent,
};
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::events;
use crate::state::AppState;

type EventPath = web::Path<(Uuid, Uuid)>;

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ListEventsQuery), responses((status = 200, body = Page<Event>)))]
#[get("/orgs/{org_id}/events")]
pub async fn list_events(
    state: web::Data<AppState>,
    tenant: Tenant,
    q: web::Query<ListEventsQuery>,
) -> AppResult<web::Json<Page<Event>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(
        events::list(&state, scope, q.into_inner()).await?,
    ))
}

/// Create a draft event. The slug is derived from the title when left out and never changes.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path)), request_body = CreateEvent, responses((status = 201, body = Event), (status = 409, description = "Slug taken (`slug_taken`)", body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/events")]
pub async fn create_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<CreateEvent>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created().json(events::create(&state, scope, body.into_inner()).await?))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Event)))]
#[get("/orgs/{org_id}/events/{event_id}")]
pub async fn get_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(events::get(&state, scope, path.1).await?))
}

/// Edit any field; Markdown is re-rendered and custom CSS re-scoped. All invalid fields are listed.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = UpdateEvent, responses((status = 200, body = Event)))]
#[patch("/orgs/{org_id}/events/{event_id}")]
pub async fn update_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
    body: web::Json<UpdateEvent>,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(
        events::update(&state, scope, path.1, body.into_inner()).await?,
    ))
}

/// Delete a draft. Published events are cancelled, never deleted.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 204, description = "Deleted"), (status = 409, description = "Not a draft (`conflict`)", body = common::Problem, content_type = "application/problem+json")))]
#[delete("/orgs/{org_id}/events/{event_id}")]
pub async fn delete_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    events::delete_draft(&state, scope, path.1).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Publish after a completeness check; what is missing comes back as field errors.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Event), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/events/{event_id}/publish")]
pub async fn publish_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(events::publish(&state, scope, path.1).await?))
}

/// Back to draft, while nothing is sold.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Event), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/events/{event_id}/unpublish")]
pub async fn unpublish_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(events::unpublish(&state, scope, path.1).await?))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Event)))]
#[post("/orgs/{org_id}/events/{event_id}/cancel")]
pub async fn cancel_event(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(events::cancel(&state, scope, path.1).await?))
}

/// Upload the cover as the raw body: PNG, JPEG or WebP (checked by content), at most 5 MiB.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body(content = Vec<u8>, content_type = "image/jpeg"), responses((status = 200, body = Event), (status = 413, body = common::Problem, content_type = "application/problem+json")))]
#[put("/orgs/{org_id}/events/{event_id}/cover")]
pub async fn upload_event_cover(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
    body: web::Bytes,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(
        events::set_cover(&state, scope, path.1, &body).await?,
    ))
}

#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Event)))]
#[delete("/orgs/{org_id}/events/{event_id}/cover")]
pub async fn delete_event_cover(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
) -> AppResult<web::Json<Event>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(
        events::remove_cover(&state, scope, path.1).await?,
    ))
}

/// Scope custom CSS as the event page would load it, without saving: the editor's preview.
#[utoipa::path(tag = "events", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = PreviewTheme, responses((status = 200, body = ThemePreview)))]
#[post("/orgs/{org_id}/events/{event_id}/theme/preview")]
pub async fn preview_event_theme(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: EventPath,
    body: web::Json<PreviewTheme>,
) -> AppResult<web::Json<ThemePreview>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    // Tenancy: the event must be this organization's, even for a dry run.
    events::get(&state, scope, path.1).await?;
    Ok(web::Json(events::preview_theme(body.into_inner())?))
}
