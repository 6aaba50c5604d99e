//! An event's coupons (`/orgs/{org_id}/events/{event_id}/coupons`), with their usage stats.

use common::coupons::{Coupon, CreateCoupon, UpdateCoupon};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json};

fn coupons_path(org_id: Uuid, event_id: Uuid) -> String {
    format!("/orgs/{org_id}/events/{event_id}/coupons")
}

/// `GET .../coupons`.
pub async fn list_coupons(org_id: Uuid, event_id: Uuid) -> Result<Vec<Coupon>, ApiError> {
    fetch_json(Method::Get, &coupons_path(org_id, event_id), Body::None).await
}

/// `POST .../coupons`: 201; 409 when the code is taken in this event.
pub async fn create_coupon(
    org_id: Uuid,
    event_id: Uuid,
    body: &CreateCoupon,
) -> Result<Coupon, ApiError> {
    fetch_json(
        Method::Post,
        &coupons_path(org_id, event_id),
        Body::json(body)?,
    )
    .await
}

/// `PATCH .../coupons/{coupon_id}`: the code and kind are fixed.
pub async fn update_coupon(
    org_id: Uuid,
    event_id: Uuid,
    coupon_id: Uuid,
    body: &UpdateCoupon,
) -> Result<Coupon, ApiError> {
    let path = format!("{}/{coupon_id}", coupons_path(org_id, event_id));
    fetch_json(Method::Patch, &path, Body::json(body)?).await
}

/// `DELETE .../coupons/{coupon_id}`: 204.
pub async fn delete_coupon(org_id: Uuid, event_id: Uuid, coupon_id: Uuid) -> Result<(), ApiError> {
    let path = format!("{}/{coupon_id}", coupons_path(org_id, event_id));
    fetch_empty(Method::Delete, &path, Body::None).await
}
