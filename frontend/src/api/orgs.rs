//! Organizations I belong to, their settings and logo (`/orgs`).

use common::Page;
use common::orgs::{CreateOrganization, Organization, UpdateOrganization};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::{ApiError, Body, Method, fetch_json, query};

/// Pages followed at most by [`list_all_orgs`] (100 items each).
const MAX_PAGES: usize = 20;

/// `GET /orgs`: mine, each with `my_role`.
pub async fn list_orgs(cursor: Option<&str>) -> Result<Page<Organization>, ApiError> {
    let q = query(&[("limit", Some("100")), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/orgs{q}"), Body::None).await
}

/// Every page of [`list_orgs`].
pub async fn list_all_orgs() -> Result<Vec<Organization>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = list_orgs(cursor.as_deref()).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    Ok(all)
}

/// `POST /orgs`: 201; 409 `slug_taken`.
pub async fn create_org(body: &CreateOrganization) -> Result<Organization, ApiError> {
    fetch_json(Method::Post, "/orgs", Body::json(body)?).await
}

/// `GET /orgs/{org_id}`.
pub async fn get_org(org_id: Uuid) -> Result<Organization, ApiError> {
    fetch_json(Method::Get, &format!("/orgs/{org_id}"), Body::None).await
}

/// `PATCH /orgs/{org_id}`.
pub async fn update_org(org_id: Uuid, body: &UpdateOrganization) -> Result<Organization, ApiError> {
    fetch_json(Method::Patch, &format!("/orgs/{org_id}"), Body::json(body)?).await
}

/// `PUT /orgs/{org_id}/logo`: the raw image (PNG, JPEG or WebP, at most 1 MiB).
pub async fn upload_org_logo(
    org_id: Uuid,
    file: JsValue,
    content_type: &str,
) -> Result<Organization, ApiError> {
    fetch_json(
        Method::Put,
        &format!("/orgs/{org_id}/logo"),
        Body::Raw(file, content_type.to_owned()),
    )
    .await
}

/// `DELETE /orgs/{org_id}/logo`.
pub async fn delete_org_logo(org_id: Uuid) -> Result<Organization, ApiError> {
    fetch_json(Method::Delete, &format!("/orgs/{org_id}/logo"), Body::None).await
}
