//! `/admin/*`: the platform administrators' area.

use actix_web::{get, patch, web};
use common::Page;
use common::admin::{
    AdminListQuery, AdminOrganization, AdminUser, TierSettings, UpdateAdminOrganization,
    UpdateTierSettings,
};
use common::orgs::Tier;
use uuid::Uuid;

use crate::auth::principal::PlatformAdmin;
use crate::error::AppResult;
use crate::services::admin;
use crate::state::AppState;

#[utoipa::path(tag = "admin", params(AdminListQuery), responses((status = 200, body = Page<AdminOrganization>)))]
#[get("/admin/orgs")]
pub async fn list_admin_orgs(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    q: web::Query<AdminListQuery>,
) -> AppResult<web::Json<Page<AdminOrganization>>> {
    Ok(web::Json(admin::list_orgs(&state, q.into_inner()).await?))
}

/// Suspend or reinstate an organization, or change its tier.
#[utoipa::path(tag = "admin", params(("org_id" = Uuid, Path)), request_body = UpdateAdminOrganization, responses((status = 200, body = AdminOrganization)))]
#[patch("/admin/orgs/{org_id}")]
pub async fn update_admin_org(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    org_id: web::Path<Uuid>,
    body: web::Json<UpdateAdminOrganization>,
) -> AppResult<web::Json<AdminOrganization>> {
    Ok(web::Json(
        admin::update_org(&state, org_id.into_inner(), body.into_inner()).await?,
    ))
}

#[utoipa::path(tag = "admin", params(AdminListQuery), responses((status = 200, body = Page<AdminUser>)))]
#[get("/admin/users")]
pub async fn list_admin_users(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    q: web::Query<AdminListQuery>,
) -> AppResult<web::Json<Page<AdminUser>>> {
    Ok(web::Json(admin::list_users(&state, q.into_inner()).await?))
}

/// The platform fee rule of each tier.
#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<TierSettings>)))]
#[get("/admin/tiers")]
pub async fn list_tiers(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
) -> AppResult<web::Json<Vec<TierSettings>>> {
    Ok(web::Json(admin::list_tiers(&state).await?))
}

#[utoipa::path(tag = "admin", params(("tier" = Tier, Path)), request_body = UpdateTierSettings, responses((status = 200, body = TierSettings)))]
#[patch("/admin/tiers/{tier}")]
pub async fn update_tier(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    tier: web::Path<Tier>,
    body: web::Json<UpdateTierSettings>,
) -> AppResult<web::Json<TierSettings>> {
    Ok(web::Json(
        admin::update_tier(&state, tier.into_inner(), body.into_inner()).await?,
    ))
}

/// Feature an event (featured events lead discovery) or stop featuring it.
#[utoipa::path(tag = "admin", params(("event_id" = Uuid, Path)), request_body = common::admin::UpdateAdminEvent, responses((status = 204, description = "Updated")))]
#[patch("/admin/events/{event_id}")]
pub async fn update_admin_event(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    event_id: web::Path<Uuid>,
    body: web::Json<common::admin::UpdateAdminEvent>,
) -> AppResult<actix_web::HttpResponse> {
    admin::update_event(&state, event_id.into_inner(), body.into_inner()).await?;
    Ok(actix_web::HttpResponse::NoContent().finish())
}
