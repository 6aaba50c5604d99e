//! `/api/v1` handlers: extract, check one permission, call one service. Each is registered here
//! so utoipa collects it into the OpenAPI document.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod admin;
pub mod auth;
pub mod invitations;
pub mod me;
pub mod members;
pub mod orgs;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::signup)
        .service(auth::verify_email)
        .service(auth::resend_verification)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::request_password_reset)
        .service(auth::confirm_password_reset)
        .service(me::get_me)
        .service(me::update_me)
        .service(orgs::list_orgs)
        .service(orgs::create_org)
        .service(orgs::get_org)
        .service(orgs::update_org)
        .service(orgs::upload_org_logo)
        .service(orgs::delete_org_logo)
        .service(members::list_members)
        .service(members::update_member)
        .service(members::remove_member)
        .service(invitations::list_invitations)
        .service(invitations::create_invitation)
        .service(invitations::revoke_invitation)
        .service(invitations::preview_invitation)
        .service(invitations::accept_invitation)
        .service(admin::list_admin_orgs)
        .service(admin::update_admin_org)
        .service(admin::list_admin_users)
        .service(admin::list_tiers)
        .service(admin::update_tier);
}
