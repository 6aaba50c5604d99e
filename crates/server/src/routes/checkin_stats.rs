//! The live check-in dashboard: `/orgs/{org_id}/events/{event_id}/checkin-stats` (a snapshot) and
//! `.../checkin-stats/stream` (server-sent events), for those who check people in.

use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{HttpResponse, get, web};
use common::Permission;
use common::checkin_stats::CheckinStats;
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::checkin_stats;
use crate::state::AppState;

/// Checked in vs expected (valid tickets of paid orders), by ticket type and by gate, arrivals per
/// five minutes over the last 24 hours, and swag handed out.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, body = CheckinStats)))]
#[get("/orgs/{org_id}/events/{event_id}/checkin-stats")]
pub async fn get_checkin_stats(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<web::Json<CheckinStats>> {
    let scope = tenant.require(Permission::CheckIn)?;
    Ok(web::Json(checkin_stats::get(&state, scope, path.1).await?))
}

/// The same snapshot, live, as server-sent events: `event: stats` with the `CheckinStats` JSON as
/// `data` at once, then again after each change (at most one per second), and a `: keep-alive`
/// comment every 15 seconds. Authenticate with the usual `Authorization: Bearer` header (read it
/// with `fetch` and a `ReadableStream`; `EventSource` cannot send that header). Reconnect when the
/// stream ends.
#[utoipa::path(tag = "checkin", params(("org_id" = Uuid, Path), ("event_id" = Uuid, Path)), responses((status = 200, description = "`event: stats` frames whose `data` is a `CheckinStats` document", content_type = "text/event-stream", body = String)))]
#[get("/orgs/{org_id}/events/{event_id}/checkin-stats/stream")]
pub async fn stream_checkin_stats(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::CheckIn)?;
    let body = checkin_stats::watch(state.get_ref().clone(), scope, path.1).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(CacheControl(vec![CacheDirective::NoCache]))
        // nginx would otherwise hold the frames back in its buffer.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}
