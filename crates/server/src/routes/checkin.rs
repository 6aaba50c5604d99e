//! Check-in: `/orgs/{org_id}/events/{event_id}/checkin-lists[/{list_id}]` (set up by those who
//! manage events), `/orgs/{org_id}/checkin-lists/{list_id}[/scans]` (read and scanned by door
//! staff), `/orgs/{org_id}/events/{event_id}/checkin-key` (for offline verification) and
//! `/orgs/{org_id}/checkin-devices` (scanning phones, revocable).

use actix_web::{HttpResponse, delete, get, patch, post, web};
use common::Page;
use common::Permission;
use common::checkin::{
    CheckinDevice, CheckinKey, CheckinList, CheckinTicket, CheckinTicketsQuery, CreateCheckinList,
    CreateScan, ListScansQuery, RegisterDevice, Scan, ScanResult, SyncReport, SyncScans,
    UpdateCheckinList,
};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::checkin;
use crate::state::AppState;

/// The event's check-in lists, oldest first, each with its counts.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = Vec<CheckinList>)))]
#[get("/orgs/{org_id}/events/{event_id}/checkin-lists")]
pub async fn list_checkin_lists(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<Vec<CheckinList>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(checkin::list(&state, scope, path.1).await?))
}

/// Ticket types must be the event's (empty = all); `ends_at` after `starts_at`. Every invalid
/// field is reported at once.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), request_body = CreateCheckinList, responses((status = 201, body = CheckinList)))]
#[post("/orgs/{org_id}/events/{event_id}/checkin-lists")]
pub async fn create_checkin_list(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateCheckinList>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(HttpResponse::Created()
        .json(checkin::create(&state, scope, path.1, body.into_inner()).await?))
}

/// Omitted fields stay; `null` clears a window bound.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("list_id" = Uuid, Path)), request_body = UpdateCheckinList, responses((status = 200, body = CheckinList)))]
#[patch("/orgs/{org_id}/events/{event_id}/checkin-lists/{list_id}")]
pub async fn update_checkin_list(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<UpdateCheckinList>,
) -> AppResult<web::Json<CheckinList>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    Ok(web::Json(
        checkin::update(&state, scope, event_id, id, body.into_inner()).await?,
    ))
}

/// Deletes the list with its check-ins and scan log (tickets keep their `checked_in_at`).
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path), ("list_id" = Uuid, Path)), responses((status = 204, description = "Deleted")))]
#[delete("/orgs/{org_id}/events/{event_id}/checkin-lists/{list_id}")]
pub async fn delete_checkin_list(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageEvents)?;
    let (_, event_id, id) = path.into_inner();
    checkin::delete(&state, scope, event_id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One list with its counts: `expected` (valid tickets of its types) and `checked_in` (inside
/// now), in total and by ticket type.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("list_id" = Uuid, Path)), responses((status = 200, body = CheckinList)))]
#[get("/orgs/{org_id}/checkin-lists/{list_id}")]
pub async fn get_checkin_list(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<CheckinList>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(checkin::get(&state, scope, path.1).await?))
}

/// Scan a ticket (QR payload or typed code). Always 200 with the `outcome` when the request is
/// valid: a refused ticket is an answer, not an error. A retry with the same `nonce` returns the
/// first answer (header `Idempotent-Replayed: true`) and counts once.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("list_id" = Uuid, Path)), request_body = CreateScan, responses((status = 200, body = ScanResult)))]
#[post("/orgs/{org_id}/checkin-lists/{list_id}/scans")]
pub async fn create_scan(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateScan>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::CheckIn)?;
    let (result, replayed) =
        checkin::scans::scan(&state, scope, tenant.user_id, path.1, body.into_inner()).await?;
    let mut res = HttpResponse::Ok();
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(result))
}

/// The list's scans, newest first (the door's log); `conflicts=true` keeps the conflicts of
/// offline sync (tickets admitted offline although already admitted).
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("list_id" = Uuid, Path), ListScansQuery), responses((status = 200, body = Page<Scan>)))]
#[get("/orgs/{org_id}/checkin-lists/{list_id}/scans")]
pub async fn list_scans(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<ListScansQuery>,
) -> AppResult<web::Json<Page<Scan>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(
        checkin::scans::list(&state, scope, path.1, q.into_inner()).await?,
    ))
}

/// The Ed25519 public key that verifies the event's ticket QR payloads offline.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = CheckinKey)))]
#[get("/orgs/{org_id}/events/{event_id}/checkin-key")]
pub async fn get_checkin_key(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<CheckinKey>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(checkin::key(&state, scope, path.1).await?))
}

/// Scans made offline, up to 500, applied in the order they happened. Each gets the server's
/// answer; a ticket the device admitted although it had already been admitted is a `conflict`
/// (the first admission stands). Re-sending a batch is harmless: known nonces replay.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("list_id" = Uuid, Path)), request_body = SyncScans, responses((status = 200, body = SyncReport)))]
#[post("/orgs/{org_id}/checkin-lists/{list_id}/scans/sync")]
pub async fn sync_scans(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<SyncScans>,
) -> AppResult<web::Json<SyncReport>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(
        checkin::scans::sync(&state, scope, tenant.user_id, path.1, body.into_inner()).await?,
    ))
}

/// The event's tickets as the door sees them (admission, presence on this list). With `q`: a
/// search by attendee name, buyer email, order reference or ticket code. Without: every ticket
/// in id order, for the offline copy (`limit` up to 1000; follow `next_cursor`).
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("list_id" = Uuid, Path), CheckinTicketsQuery), responses((status = 200, body = Page<CheckinTicket>)))]
#[get("/orgs/{org_id}/checkin-lists/{list_id}/tickets")]
pub async fn list_checkin_tickets(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    q: web::Query<CheckinTicketsQuery>,
) -> AppResult<web::Json<Page<CheckinTicket>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(
        checkin::tickets::page(&state, scope, path.1, q.into_inner()).await?,
    ))
}

/// Registers the phone or tablet making this request for scanning; send its id with every scan
/// and sync.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path)), request_body = RegisterDevice, responses((status = 201, body = CheckinDevice)))]
#[post("/orgs/{org_id}/checkin-devices")]
pub async fn register_checkin_device(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<RegisterDevice>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(HttpResponse::Created()
        .json(checkin::devices::register(&state, scope, tenant.user_id, body.into_inner()).await?))
}

/// The organization's scanning devices, newest first, revoked ones included.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path)), responses((status = 200, body = Vec<CheckinDevice>)))]
#[get("/orgs/{org_id}/checkin-devices")]
pub async fn list_checkin_devices(
    state: web::Data<AppState>,
    tenant: Tenant,
) -> AppResult<web::Json<Vec<CheckinDevice>>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(checkin::devices::list(&state, scope).await?))
}

/// Revokes a device (lost, stolen, or handed back): its scans, hand-outs and syncs are refused
/// from now on with `device_revoked`. Revoking twice keeps the first time.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("device_id" = Uuid, Path)), responses((status = 200, body = CheckinDevice)))]
#[post("/orgs/{org_id}/checkin-devices/{device_id}/revoke")]
pub async fn revoke_checkin_device(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<CheckinDevice>> {
    let scope = tenant.require(Permission::ManageEvents)?;
    Ok(web::Json(
        checkin::devices::revoke(&state, scope, path.1).await?,
    ))
}
