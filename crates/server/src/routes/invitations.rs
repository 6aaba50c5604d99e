//! Invitations: managed under `/orgs/{org_id}/invitations`, previewed and accepted by the invitee
//! under `/invitations`.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use common::orgs::{
    AcceptInvitation, CreateInvitation, Invitation, InvitationPreview, Organization,
};
use common::page::PageQuery;
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::principal::AuthUser;
use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::http::problem::request_lang;
use crate::services::invitations;
use crate::state::AppState;

/// Pending invitations.
#[utoipa::path(tag = "members", params(("org_id" = Uuid, Path), PageQuery), responses((status = 200, body = Page<Invitation>)))]
#[get("/orgs/{org_id}/invitations")]
pub async fn list_invitations(
    state: web::Data<AppState>,
    tenant: Tenant,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<Invitation>>> {
    let scope = tenant.require(Permission::ManageMembers)?;
    Ok(web::Json(
        invitations::list(&state, scope, page.into_inner()).await?,
    ))
}

/// Invite someone by email (in the caller's language); the link works once, for 7 days, and only
/// for an account with that address. A newer invitation to the same address replaces the older.
#[utoipa::path(tag = "members", params(("org_id" = Uuid, Path)), request_body = CreateInvitation, responses((status = 201, body = Invitation), (status = 409, description = "Already a member (`already_member`)", body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs/{org_id}/invitations")]
pub async fn create_invitation(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    body: web::Json<CreateInvitation>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageMembers)?;
    let inv = invitations::create(
        &state,
        &tenant,
        scope,
        body.into_inner(),
        request_lang(&req),
    )
    .await?;
    Ok(HttpResponse::Created().json(inv))
}

#[utoipa::path(tag = "members", params(("org_id" = Uuid, Path), ("invitation_id" = Uuid, Path)), responses((status = 204, description = "Revoked")))]
#[delete("/orgs/{org_id}/invitations/{invitation_id}")]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageMembers)?;
    invitations::revoke(&state, scope, path.into_inner().1).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an invitation link offers, before signing in.
#[utoipa::path(tag = "members", params(("token" = String, Path)), responses((status = 200, body = InvitationPreview), (status = 410, description = "Invalid, used or expired (`invitation_invalid`)", body = common::Problem, content_type = "application/problem+json")))]
#[get("/invitations/{token}")]
pub async fn preview_invitation(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<web::Json<InvitationPreview>> {
    Ok(web::Json(invitations::preview(&state, &token).await?))
}

/// Join the organization. The signed-in account's verified email must be the invited one.
#[utoipa::path(tag = "members", request_body = AcceptInvitation, responses((status = 200, body = Organization), (status = 410, description = "Invalid, used or expired (`invitation_invalid`)", body = common::Problem, content_type = "application/problem+json")))]
#[post("/invitations/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<AcceptInvitation>,
) -> AppResult<web::Json<Organization>> {
    Ok(web::Json(
        invitations::accept(&state, user.user_id, body.into_inner()).await?,
    ))
}
