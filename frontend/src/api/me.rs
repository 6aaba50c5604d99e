//! The signed-in person's profile (`/me`).

use common::users::{Me, UpdateMe};

use super::{ApiError, Body, Method, fetch_json};

/// `GET /me`.
pub async fn get_me() -> Result<Me, ApiError> {
    fetch_json(Method::Get, "/me", Body::None).await
}

/// `PATCH /me`: fields left `None` stay as they are.
pub async fn update_me(body: &UpdateMe) -> Result<Me, ApiError> {
    fetch_json(Method::Patch, "/me", Body::json(body)?).await
}
