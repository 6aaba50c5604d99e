//! Check-in for organizers: an event's lists (`/orgs/{org_id}/events/{event_id}/checkin-lists`),
//! a list with its counts and its scan log (`/orgs/{org_id}/checkin-lists/{list_id}[/scans]`),
//! the organization's scanning devices (`/orgs/{org_id}/checkin-devices`) and the event's live
//! figures (`.../checkin-stats`; the stream of them is in [`super::stream`]).

use common::Page;
use common::checkin::{
    CheckinDevice, CheckinList, CreateCheckinList, ListScansQuery, Scan, UpdateCheckinList,
};
use common::checkin_stats::CheckinStats;
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, query};

fn lists_path(org_id: Uuid, event_id: Uuid) -> String {
    format!("/orgs/{org_id}/events/{event_id}/checkin-lists")
}

/// `GET .../checkin-lists`: oldest first, each with its counts.
pub async fn list_checkin_lists(
    org_id: Uuid,
    event_id: Uuid,
) -> Result<Vec<CheckinList>, ApiError> {
    fetch_json(Method::Get, &lists_path(org_id, event_id), Body::None).await
}

/// `POST .../checkin-lists`: 201; every invalid field is reported at once (422).
pub async fn create_checkin_list(
    org_id: Uuid,
    event_id: Uuid,
    body: &CreateCheckinList,
) -> Result<CheckinList, ApiError> {
    fetch_json(
        Method::Post,
        &lists_path(org_id, event_id),
        Body::json(body)?,
    )
    .await
}

/// `PATCH .../checkin-lists/{list_id}`: omitted fields stay, `null` clears a window bound.
pub async fn update_checkin_list(
    org_id: Uuid,
    event_id: Uuid,
    list_id: Uuid,
    body: &UpdateCheckinList,
) -> Result<CheckinList, ApiError> {
    let path = format!("{}/{list_id}", lists_path(org_id, event_id));
    fetch_json(Method::Patch, &path, Body::json(body)?).await
}

/// `DELETE .../checkin-lists/{list_id}`: 204; its check-ins and scan log go with it.
pub async fn delete_checkin_list(
    org_id: Uuid,
    event_id: Uuid,
    list_id: Uuid,
) -> Result<(), ApiError> {
    let path = format!("{}/{list_id}", lists_path(org_id, event_id));
    fetch_empty(Method::Delete, &path, Body::None).await
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}`: the list with fresh counts.
pub async fn get_checkin_list(org_id: Uuid, list_id: Uuid) -> Result<CheckinList, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}/scans?conflicts=&cursor=&limit=`: newest first.
pub async fn list_scans(
    org_id: Uuid,
    list_id: Uuid,
    q: &ListScansQuery,
) -> Result<Page<Scan>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[
        ("conflicts", q.conflicts.then_some("true")),
        ("cursor", q.cursor.as_deref()),
        ("limit", limit.as_deref()),
    ]);
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}/scans{qs}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/checkin-devices`: every device registered in the organization, revoked
/// ones included.
pub async fn list_devices(org_id: Uuid) -> Result<Vec<CheckinDevice>, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-devices");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orgs/{org_id}/checkin-devices/{device_id}/revoke`: its scans are refused from now on.
pub async fn revoke_device(org_id: Uuid, device_id: Uuid) -> Result<CheckinDevice, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-devices/{device_id}/revoke");
    fetch_json(Method::Post, &path, Body::None).await
}

/// `GET /orgs/{org_id}/events/{event_id}/checkin-stats`: one snapshot of the live figures.
pub async fn get_checkin_stats(org_id: Uuid, event_id: Uuid) -> Result<CheckinStats, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/checkin-stats");
    fetch_json(Method::Get, &path, Body::None).await
}
