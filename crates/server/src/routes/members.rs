//! `/orgs/{org_id}/members`: who belongs to an organization, with which role.

use actix_web::{HttpResponse, delete, get, patch, web};
use common::orgs::{Member, UpdateMember};
use common::page::PageQuery;
use common::{Page, Permission};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::members;
use crate::state::AppState;

#[utoipa::path(tag = "members", params(("org_id" = Uuid, Path), PageQuery), responses((status = 200, body = Page<Member>)))]
#[get("/orgs/{org_id}/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    tenant: Tenant,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<Member>>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(
        members::list(&state, scope, page.into_inner()).await?,
    ))
}

/// Change a member's role. Only owners make or unmake owners; the last owner stays.
#[utoipa::path(
    tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    request_body = UpdateMember,
    responses((status = 200, body = Member), (status = 409, description = "Would leave no owner (`last_owner`)", body = common::Problem, content_type = "application/problem+json"))
)]
#[patch("/orgs/{org_id}/members/{user_id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<UpdateMember>,
) -> AppResult<web::Json<Member>> {
    let scope = tenant.require(Permission::ManageMembers)?;
    let (_, user_id) = path.into_inner();
    Ok(web::Json(
        members::update_role(&state, &tenant, scope, user_id, body.into_inner()).await?,
    ))
}

/// Remove a member, or leave when `user_id` is yourself. The last owner cannot leave.
#[utoipa::path(
    tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 409, description = "Would leave no owner (`last_owner`)", body = common::Problem, content_type = "application/problem+json"))
)]
#[delete("/orgs/{org_id}/members/{user_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    tenant: Tenant,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    // The permission depends on whom is removed (yourself or another); the service checks it.
    let (_, user_id) = path.into_inner();
    members::remove(&state, &tenant, user_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
