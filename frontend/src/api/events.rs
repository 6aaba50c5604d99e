//! Events of an organization, their cover and theme preview, ticket types and capacity groups
//! (`/orgs/{org_id}/events/...`).

use common::Page;
use common::events::{
    CapacityGroup, CreateCapacityGroup, CreateEvent, CreateTicketType, Event, EventStatus,
    PreviewTheme, ThemePreview, TicketType, UpdateCapacityGroup, UpdateEvent, UpdateTicketType,
};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, query};

/// The `?status=` value of a status.
pub fn status_param(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Draft => "draft",
        EventStatus::Published => "published",
        EventStatus::Cancelled => "cancelled",
        EventStatus::Ended => "ended",
    }
}

fn event_path(org_id: Uuid, event_id: Uuid) -> String {
    format!("/orgs/{org_id}/events/{event_id}")
}

/// `GET /orgs/{org_id}/events?status=&cursor=`.
pub async fn list_events(
    org_id: Uuid,
    status: Option<EventStatus>,
    cursor: Option<&str>,
) -> Result<Page<Event>, ApiError> {
    let q = query(&[
        ("status", status.map(status_param)),
        ("limit", Some("50")),
        ("cursor", cursor),
    ]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/events{q}"),
        Body::None,
    )
    .await
}

/// `POST /orgs/{org_id}/events`: 201, a draft.
pub async fn create_event(org_id: Uuid, body: &CreateEvent) -> Result<Event, ApiError> {
    fetch_json(
        Method::Post,
        &format!("/orgs/{org_id}/events"),
        Body::json(body)?,
    )
    .await
}

/// `GET /orgs/{org_id}/events/{event_id}`.
pub async fn get_event(org_id: Uuid, event_id: Uuid) -> Result<Event, ApiError> {
    fetch_json(Method::Get, &event_path(org_id, event_id), Body::None).await
}

/// `PATCH /orgs/{org_id}/events/{event_id}`.
pub async fn update_event(
    org_id: Uuid,
    event_id: Uuid,
    body: &UpdateEvent,
) -> Result<Event, ApiError> {
    fetch_json(
        Method::Patch,
        &event_path(org_id, event_id),
        Body::json(body)?,
    )
    .await
}

/// `DELETE /orgs/{org_id}/events/{event_id}`: 204 for drafts, 409 `conflict` otherwise.
pub async fn delete_event(org_id: Uuid, event_id: Uuid) -> Result<(), ApiError> {
    fetch_empty(Method::Delete, &event_path(org_id, event_id), Body::None).await
}

/// `POST .../publish`: 422 `validation_failed` lists what is missing.
pub async fn publish_event(org_id: Uuid, event_id: Uuid) -> Result<Event, ApiError> {
    let path = format!("{}/publish", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::None).await
}

/// `POST .../unpublish`: back to draft (409 once tickets are sold).
pub async fn unpublish_event(org_id: Uuid, event_id: Uuid) -> Result<Event, ApiError> {
    let path = format!("{}/unpublish", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::None).await
}

/// `POST .../cancel`.
pub async fn cancel_event(org_id: Uuid, event_id: Uuid) -> Result<Event, ApiError> {
    let path = format!("{}/cancel", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::None).await
}

/// `PUT .../cover`: the raw image (PNG, JPEG or WebP, at most 5 MiB).
pub async fn upload_event_cover(
    org_id: Uuid,
    event_id: Uuid,
    file: JsValue,
    content_type: &str,
) -> Result<Event, ApiError> {
    let path = format!("{}/cover", event_path(org_id, event_id));
    fetch_json(Method::Put, &path, Body::Raw(file, content_type.to_owned())).await
}

/// `DELETE .../cover`.
pub async fn delete_event_cover(org_id: Uuid, event_id: Uuid) -> Result<Event, ApiError> {
    let path = format!("{}/cover", event_path(org_id, event_id));
    fetch_json(Method::Delete, &path, Body::None).await
}

/// `POST .../theme/preview`: the organizer's CSS scoped as the event page would load it, or 422
/// with `theme.custom_css` errors.
pub async fn preview_event_theme(
    org_id: Uuid,
    event_id: Uuid,
    body: &PreviewTheme,
) -> Result<ThemePreview, ApiError> {
    let path = format!("{}/theme/preview", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `GET .../ticket-types`.
pub async fn list_ticket_types(org_id: Uuid, event_id: Uuid) -> Result<Vec<TicketType>, ApiError> {
    let path = format!("{}/ticket-types", event_path(org_id, event_id));
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST .../ticket-types`: 201.
pub async fn create_ticket_type(
    org_id: Uuid,
    event_id: Uuid,
    body: &CreateTicketType,
) -> Result<TicketType, ApiError> {
    let path = format!("{}/ticket-types", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `PATCH .../ticket-types/{ticket_type_id}`.
pub async fn update_ticket_type(
    org_id: Uuid,
    event_id: Uuid,
    ticket_type_id: Uuid,
    body: &UpdateTicketType,
) -> Result<TicketType, ApiError> {
    let path = format!(
        "{}/ticket-types/{ticket_type_id}",
        event_path(org_id, event_id)
    );
    fetch_json(Method::Patch, &path, Body::json(body)?).await
}

/// `DELETE .../ticket-types/{ticket_type_id}`: 204.
pub async fn delete_ticket_type(
    org_id: Uuid,
    event_id: Uuid,
    ticket_type_id: Uuid,
) -> Result<(), ApiError> {
    let path = format!(
        "{}/ticket-types/{ticket_type_id}",
        event_path(org_id, event_id)
    );
    fetch_empty(Method::Delete, &path, Body::None).await
}

/// `GET .../capacity-groups`.
pub async fn list_capacity_groups(
    org_id: Uuid,
    event_id: Uuid,
) -> Result<Vec<CapacityGroup>, ApiError> {
    let path = format!("{}/capacity-groups", event_path(org_id, event_id));
    fetch_json(Method::Get, &path, Body::None).await
}

/// `POST .../capacity-groups`: 201.
pub async fn create_capacity_group(
    org_id: Uuid,
    event_id: Uuid,
    body: &CreateCapacityGroup,
) -> Result<CapacityGroup, ApiError> {
    let path = format!("{}/capacity-groups", event_path(org_id, event_id));
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `PATCH .../capacity-groups/{group_id}`.
pub async fn update_capacity_group(
    org_id: Uuid,
    event_id: Uuid,
    group_id: Uuid,
    body: &UpdateCapacityGroup,
) -> Result<CapacityGroup, ApiError> {
    let path = format!(
        "{}/capacity-groups/{group_id}",
        event_path(org_id, event_id)
    );
    fetch_json(Method::Patch, &path, Body::json(body)?).await
}

/// `DELETE .../capacity-groups/{group_id}`: 204.
pub async fn delete_capacity_group(
    org_id: Uuid,
    event_id: Uuid,
    group_id: Uuid,
) -> Result<(), ApiError> {
    let path = format!(
        "{}/capacity-groups/{group_id}",
        event_path(org_id, event_id)
    );
    fetch_empty(Method::Delete, &path, Body::None).await
}
