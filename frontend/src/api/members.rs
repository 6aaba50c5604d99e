//! Members of an organization and invitations (`/orgs/{org_id}/members`, `/invitations`).

use common::Page;
use common::orgs::{
    AcceptInvitation, CreateInvitation, Invitation, InvitationPreview, Member, Organization,
    UpdateMember,
};
use uuid::Uuid;

use super::{ApiError, Body, Method, fetch_empty, fetch_json, query};

const MAX_PAGES: usize = 20;

/// `GET /orgs/{org_id}/members`.
pub async fn list_members(org_id: Uuid, cursor: Option<&str>) -> Result<Page<Member>, ApiError> {
    let q = query(&[("limit", Some("100")), ("cursor", cursor)]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/members{q}"),
        Body::None,
    )
    .await
}

/// Every page of [`list_members`].
pub async fn list_all_members(org_id: Uuid) -> Result<Vec<Member>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = list_members(org_id, cursor.as_deref()).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    Ok(all)
}

/// `PATCH /orgs/{org_id}/members/{user_id}`: 409 `last_owner`.
pub async fn update_member(
    org_id: Uuid,
    user_id: Uuid,
    body: &UpdateMember,
) -> Result<Member, ApiError> {
    fetch_json(
        Method::Patch,
        &format!("/orgs/{org_id}/members/{user_id}"),
        Body::json(body)?,
    )
    .await
}

/// `DELETE /orgs/{org_id}/members/{user_id}`: removing yourself is leaving; 409 `last_owner`.
pub async fn remove_member(org_id: Uuid, user_id: Uuid) -> Result<(), ApiError> {
    fetch_empty(
        Method::Delete,
        &format!("/orgs/{org_id}/members/{user_id}"),
        Body::None,
    )
    .await
}

/// `GET /orgs/{org_id}/invitations`: the pending ones.
pub async fn list_invitations(org_id: Uuid) -> Result<Page<Invitation>, ApiError> {
    let q = query(&[("limit", Some("100"))]);
    fetch_json(
        Method::Get,
        &format!("/orgs/{org_id}/invitations{q}"),
        Body::None,
    )
    .await
}

/// `POST /orgs/{org_id}/invitations`: 201.
pub async fn create_invitation(
    org_id: Uuid,
    body: &CreateInvitation,
) -> Result<Invitation, ApiError> {
    fetch_json(
        Method::Post,
        &format!("/orgs/{org_id}/invitations"),
        Body::json(body)?,
    )
    .await
}

/// `DELETE /orgs/{org_id}/invitations/{invitation_id}`: 204.
pub async fn revoke_invitation(org_id: Uuid, invitation_id: Uuid) -> Result<(), ApiError> {
    fetch_empty(
        Method::Delete,
        &format!("/orgs/{org_id}/invitations/{invitation_id}"),
        Body::None,
    )
    .await
}

/// `GET /invitations/{token}` (public): what the invitation link shows.
pub async fn get_invitation(token: &str) -> Result<InvitationPreview, ApiError> {
    fetch_json(
        Method::Get,
        &format!("/invitations/{}", crate::util::encode(token)),
        Body::None,
    )
    .await
}

/// `POST /invitations/accept` (signed in): 403 `invitation_email_mismatch`, 410 `invitation_invalid`.
pub async fn accept_invitation(body: &AcceptInvitation) -> Result<Organization, ApiError> {
    fetch_json(Method::Post, "/invitations/accept", Body::json(body)?).await
}
