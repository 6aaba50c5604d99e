//! The platform administrators' area (`/admin/*`): organizations, users, tiers, categories.

use common::Page;
use common::admin::{
    AdminOrganization, AdminUser, TierSettings, UpdateAdminOrganization, UpdateTierSettings,
};
use common::events::{Category, CreateCategory, UpdateCategory};
use common::orgs::Tier;
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, query};

/// `GET /admin/orgs?q=&cursor=`.
pub async fn list_admin_orgs(
    q: &str,
    cursor: Option<&str>,
) -> Result<Page<AdminOrganization>, ApiError> {
    let qs = query(&[("q", Some(q)), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/admin/orgs{qs}"), Body::None).await
}

/// `PATCH /admin/orgs/{org_id}`: suspend, unsuspend, change tier.
pub async fn update_admin_org(
    org_id: Uuid,
    body: &UpdateAdminOrganization,
) -> Result<AdminOrganization, ApiError> {
    fetch_json(
        Method::Patch,
        &format!("/admin/orgs/{org_id}"),
        Body::json(body)?,
    )
    .await
}

/// `GET /admin/users?q=&cursor=`.
pub async fn list_admin_users(q: &str, cursor: Option<&str>) -> Result<Page<AdminUser>, ApiError> {
    let qs = query(&[("q", Some(q)), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/admin/users{qs}"), Body::None).await
}

/// `GET /admin/tiers`.
pub async fn list_tiers() -> Result<Vec<TierSettings>, ApiError> {
    fetch_json(Method::Get, "/admin/tiers", Body::None).await
}

/// `PATCH /admin/tiers/{tier}`.
pub async fn update_tier(tier: Tier, body: &UpdateTierSettings) -> Result<TierSettings, ApiError> {
    fetch_json(
        Method::Patch,
        &format!("/admin/tiers/{}", tier.as_str()),
        Body::json(body)?,
    )
    .await
}

/// `GET /admin/categories`.
pub async fn list_admin_categories() -> Result<Vec<Category>, ApiError> {
    fetch_json(Method::Get, "/admin/categories", Body::None).await
}

/// `POST /admin/categories`: 201; 409 `slug_taken`.
pub async fn create_category(body: &CreateCategory) -> Result<Category, ApiError> {
    fetch_json(Method::Post, "/admin/categories", Body::json(body)?).await
}

/// `PATCH /admin/categories/{category_id}`.
pub async fn update_category(
    category_id: Uuid,
    body: &UpdateCategory,
) -> Result<Category, ApiError> {
    fetch_json(
        Method::Patch,
        &format!("/admin/categories/{category_id}"),
        Body::json(body)?,
    )
    .await
}

/// `DELETE /admin/categories/{category_id}`: 204.
pub async fn delete_category(category_id: Uuid) -> Result<(), ApiError> {
    fetch_empty(
        Method::Delete,
        &format!("/admin/categories/{category_id}"),
        Body::None,
    )
    .await
}
