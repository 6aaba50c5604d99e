//! `/orgs` and `/orgs/{org_id}`: organizations and their settings.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use common::orgs::{CreateOrganization, Organization, UpdateOrganization};
use common::page::PageQuery;
use common::{Page, Permission};

use crate::auth::principal::AuthUser;
use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::orgs;
use crate::state::AppState;

/// The organizations I belong to, with my role in each.
#[utoipa::path(tag = "orgs", params(PageQuery), responses((status = 200, body = Page<Organization>)))]
#[get("/orgs")]
pub async fn list_orgs(
    state: web::Data<AppState>,
    user: AuthUser,
    page: web::Query<PageQuery>,
) -> AppResult<web::Json<Page<Organization>>> {
    Ok(web::Json(
        orgs::list_mine(&state, user.user_id, page.into_inner()).await?,
    ))
}

/// Create an organization; I become its owner. The slug is derived from the name when left out.
#[utoipa::path(tag = "orgs", request_body = CreateOrganization, responses((status = 201, body = Organization), (status = 409, description = "Slug taken (`slug_taken`)", body = common::Problem, content_type = "application/problem+json")))]
#[post("/orgs")]
pub async fn create_org(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateOrganization>,
) -> AppResult<HttpResponse> {
    let org = orgs::create(&state, user.user_id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(org))
}

#[utoipa::path(tag = "orgs", params(("org_id" = Uuid, Path)), responses((status = 200, body = Organization)))]
#[get("/orgs/{org_id}")]
pub async fn get_org(
    state: web::Data<AppState>,
    tenant: Tenant,
) -> AppResult<web::Json<Organization>> {
    let scope = tenant.require(Permission::ViewOrg)?;
    Ok(web::Json(orgs::get(&state, scope, tenant.role).await?))
}

/// Edit name, country or default currency. The slug never changes, so shared links keep working.
#[utoipa::path(tag = "orgs", params(("org_id" = Uuid, Path)), request_body = UpdateOrganization, responses((status = 200, body = Organization)))]
#[patch("/orgs/{org_id}")]
pub async fn update_org(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<UpdateOrganization>,
) -> AppResult<web::Json<Organization>> {
    let scope = tenant.require(Permission::ManageSettings)?;
    Ok(web::Json(
        orgs::update(&state, scope, tenant.role, body.into_inner()).await?,
    ))
}

/// Upload the logo as the raw request body: PNG, JPEG or WebP (checked by content), at most 1 MiB.
#[utoipa::path(
    tag = "orgs",
    params(("org_id" = Uuid, Path)),
    request_body(content = Vec<u8>, content_type = "image/png"),
    responses((status = 200, body = Organization), (status = 413, body = common::Problem, content_type = "application/problem+json"), (status = 415, body = common::Problem, content_type = "application/problem+json"))
)]
#[put("/orgs/{org_id}/logo")]
pub async fn upload_org_logo(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Bytes,
) -> AppResult<web::Json<Organization>> {
    let scope = tenant.require(Permission::ManageSettings)?;
    Ok(web::Json(
        orgs::set_logo(&state, scope, tenant.role, &body).await?,
    ))
}

#[utoipa::path(tag = "orgs", params(("org_id" = Uuid, Path)), responses((status = 200, body = Organization)))]
#[delete("/orgs/{org_id}/logo")]
pub async fn delete_org_logo(
    state: web::Data<AppState>,
    tenant: Tenant,
) -> AppResult<web::Json<Organization>> {
    let scope = tenant.require(Permission::ManageSettings)?;
    Ok(web::Json(
        orgs::remove_logo(&state, scope, tenant.role).await?,
    ))
}
