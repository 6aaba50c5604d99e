//! What the door scanner calls: the event's check-in lists and swag items, scans (one by one
//! online, or a batch of offline ones to sync), the device registration, the ticket search and
//! offline copy of a list, the key that verifies QR payloads offline, and swag hand-outs.
//! Organizers manage lists, devices and items elsewhere (`api::checkin`, `api::swag`).

use common::Page;
use common::checkin::{
    CheckinDevice, CheckinKey, CheckinList, CheckinTicket, CreateScan, RegisterDevice, ScanResult,
    SyncReport, SyncScans,
};
use common::swag::{HandOutSwag, SwagHandoutResult, SwagItem};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_json, query};

/// The largest page of tickets the server gives for the offline copy.
pub const COPY_PAGE: u64 = 1000;
/// Matches shown for a name search.
const SEARCH_LIMIT: &str = "20";

/// `GET /orgs/{org_id}/events/{event_id}/checkin-lists`.
pub async fn list_checkin_lists(
    org_id: Uuid,
    event_id: Uuid,
) -> Result<Vec<CheckinList>, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/checkin-lists");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}`: the list with its counts.
pub async fn get_checkin_list(org_id: Uuid, list_id: Uuid) -> Result<CheckinList, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orgs/{org_id}/checkin-lists/{list_id}/scans`: always 200 with the outcome for a valid
/// request; 403 `device_revoked` for a revoked device.
pub async fn create_scan(
    org_id: Uuid,
    list_id: Uuid,
    body: &CreateScan,
) -> Result<ScanResult, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}/scans");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /orgs/{org_id}/checkin-lists/{list_id}/scans/sync`: at most 500 offline scans.
pub async fn sync_scans(
    org_id: Uuid,
    list_id: Uuid,
    body: &SyncScans,
) -> Result<SyncReport, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}/scans/sync");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /orgs/{org_id}/checkin-devices`: 201, this phone as a scanning device.
pub async fn register_device(
    org_id: Uuid,
    body: &RegisterDevice,
) -> Result<CheckinDevice, ApiError> {
    let path = format!("/orgs/{org_id}/checkin-devices");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `GET /orgs/{org_id}/checkin-lists/{list_id}/tickets?q=`: attendees matching a name, email,
/// order reference or code (at least 2 characters).
pub async fn search_tickets(
    org_id: Uuid,
    list_id: Uuid,
    q: &str,
) -> Result<Page<CheckinTicket>, ApiError> {
    let params = query(&[("q", Some(q)), ("limit", Some(SEARCH_LIMIT))]);
    let path = format!("/orgs/{org_id}/checkin-lists/{list_id}/tickets{params}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// Every ticket of the list's event, following `next_cursor`, for the offline copy.
pub async fn all_tickets(org_id: Uuid, list_id: Uuid) -> Result<Vec<CheckinTicket>, ApiError> {
    let limit = COPY_PAGE.to_string();
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let params = query(&[("limit", Some(&limit)), ("cursor", cursor.as_deref())]);
        let path = format!("/orgs/{org_id}/checkin-lists/{list_id}/tickets{params}");
        let page: Page<CheckinTicket> = fetch_json(Method::Get, &path, Body::None).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) if cursor.as_ref() != Some(&next) => cursor = Some(next),
            _ => return Ok(all),
        }
    }
}

/// `GET /orgs/{org_id}/events/{event_id}/checkin-key`: the public key of the event's QR payloads.
pub async fn get_checkin_key(org_id: Uuid, event_id: Uuid) -> Result<CheckinKey, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/checkin-key");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/events/{event_id}/swag-items`.
pub async fn list_swag_items(org_id: Uuid, event_id: Uuid) -> Result<Vec<SwagItem>, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/swag-items");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST /orgs/{org_id}/swag-items/{item_id}/handouts`: always 200 with the outcome for a valid
/// request (online only: stock and allowances are decided by the server).
pub async fn hand_out_swag(
    org_id: Uuid,
    item_id: Uuid,
    body: &HandOutSwag,
) -> Result<SwagHandoutResult, ApiError> {
    let path = format!("/orgs/{org_id}/swag-items/{item_id}/handouts");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}
