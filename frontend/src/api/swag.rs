//! Swag for organizers: an event's items (`/orgs/{org_id}/events/{event_id}/swag-items`), stock
//! adjustments and the hand-out report of one item (`/orgs/{org_id}/swag-items/{item_id}/...`),
//! and the event's report as CSV.

use common::Page;
use common::page::PageQuery;
use common::swag::{
    AdjustSwagStock, CreateSwagItem, SwagAdjustment, SwagHandout, SwagItem, UpdateSwagItem,
};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, query, send};

fn items_path(org_id: Uuid, event_id: Uuid) -> String {
    format!("/orgs/{org_id}/events/{event_id}/swag-items")
}

/// `GET .../swag-items`: with stock, handed out and remaining.
pub async fn list_swag_items(org_id: Uuid, event_id: Uuid) -> Result<Vec<SwagItem>, ApiError> {
    fetch_json(Method::Get, &items_path(org_id, event_id), Body::None).await
}

/// `POST .../swag-items`: 201.
pub async fn create_swag_item(
    org_id: Uuid,
    event_id: Uuid,
    body: &CreateSwagItem,
) -> Result<SwagItem, ApiError> {
    fetch_json(
        Method::Post,
        &items_path(org_id, event_id),
        Body::json(body)?,
    )
    .await
}

/// `PATCH .../swag-items/{item_id}`: name, allowance, eligible types (stock moves only through
/// adjustments).
pub async fn update_swag_item(
    org_id: Uuid,
    event_id: Uuid,
    item_id: Uuid,
    body: &UpdateSwagItem,
) -> Result<SwagItem, ApiError> {
    let path = format!("{}/{item_id}", items_path(org_id, event_id));
    fetch_json(Method::Patch, &path, Body::json(body)?).await
}

/// `DELETE .../swag-items/{item_id}`: 204.
pub async fn delete_swag_item(org_id: Uuid, event_id: Uuid, item_id: Uuid) -> Result<(), ApiError> {
    let path = format!("{}/{item_id}", items_path(org_id, event_id));
    fetch_empty(Method::Delete, &path, Body::None).await
}

/// `POST /orgs/{org_id}/swag-items/{item_id}/adjustments`: 201, the adjustment; stock cannot go
/// below what was handed out.
pub async fn adjust_swag_stock(
    org_id: Uuid,
    item_id: Uuid,
    body: &AdjustSwagStock,
) -> Result<SwagAdjustment, ApiError> {
    let path = format!("/orgs/{org_id}/swag-items/{item_id}/adjustments");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `GET /orgs/{org_id}/swag-items/{item_id}/adjustments`: the item's stock history.
pub async fn list_swag_adjustments(
    org_id: Uuid,
    item_id: Uuid,
) -> Result<Vec<SwagAdjustment>, ApiError> {
    let path = format!("/orgs/{org_id}/swag-items/{item_id}/adjustments");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/swag-items/{item_id}/handouts?cursor=&limit=`: successful hand-outs.
pub async fn list_swag_handouts(
    org_id: Uuid,
    item_id: Uuid,
    q: &PageQuery,
) -> Result<Page<SwagHandout>, ApiError> {
    let limit = q.limit.map(|l| l.to_string());
    let qs = query(&[("cursor", q.cursor.as_deref()), ("limit", limit.as_deref())]);
    let path = format!("/orgs/{org_id}/swag-items/{item_id}/handouts{qs}");
    fetch_json(Method::Get, &path, Body::None).await
}

/// `GET /orgs/{org_id}/events/{event_id}/swag-report.csv`: the file's bytes (fetched with the
/// session's token, then saved, as a plain link could not send it).
pub async fn export_swag_report_csv(org_id: Uuid, event_id: Uuid) -> Result<Vec<u8>, ApiError> {
    let path = format!("/orgs/{org_id}/events/{event_id}/swag-report.csv");
    let resp = send(Method::Get, &path, Body::None).await?;
    resp.binary()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}
