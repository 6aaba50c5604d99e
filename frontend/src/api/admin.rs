//! The platform administrators' area (`/admin/*`): organizations, users, tiers, categories;
//! refunds and withdrawals to review, background jobs, and the payment gateways' configuration.

use common::Page;
use common::admin::{
    AdminOrganization, AdminUser, TierSettings, UpdateAdminOrganization, UpdateTierSettings,
};
use common::events::{Category, CreateCategory, UpdateCategory};
use common::finance::{
    AdminJob, CompleteWithdrawal, JobStatus, Refund, RefundStatus, ReviewDecision, Withdrawal,
    WithdrawalStatus,
};
use common::gateways::{GatewayConfig, UpdateGatewayConfig};
use common::orders::PaymentMethod;
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

// ---- money after the sale ----

/// `GET /admin/refunds?status=&cursor=`: every organization's refunds, oldest request first.
pub async fn list_admin_refunds(
    status: Option<RefundStatus>,
    cursor: Option<&str>,
) -> Result<Page<Refund>, ApiError> {
    let qs = query(&[("status", status.map(|s| s.as_str())), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/admin/refunds{qs}"), Body::None).await
}

/// `POST /admin/refunds/{refund_id}/approve`: requested -> approved (then paid back by the worker).
pub async fn approve_refund(refund_id: Uuid, body: &ReviewDecision) -> Result<Refund, ApiError> {
    let path = format!("/admin/refunds/{refund_id}/approve");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /admin/refunds/{refund_id}/reject`: the note is required.
pub async fn reject_refund(refund_id: Uuid, body: &ReviewDecision) -> Result<Refund, ApiError> {
    let path = format!("/admin/refunds/{refund_id}/reject");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /admin/refunds/{refund_id}/retry`: failed -> processing.
pub async fn retry_refund(refund_id: Uuid) -> Result<Refund, ApiError> {
    let path = format!("/admin/refunds/{refund_id}/retry");
    fetch_json(Method::Post, &path, Body::None).await
}

/// `GET /admin/withdrawals?status=&cursor=`.
pub async fn list_admin_withdrawals(
    status: Option<WithdrawalStatus>,
    cursor: Option<&str>,
) -> Result<Page<Withdrawal>, ApiError> {
    let qs = query(&[("status", status.map(|s| s.as_str())), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/admin/withdrawals{qs}"), Body::None).await
}

/// `POST /admin/withdrawals/{withdrawal_id}/approve`: mobile money is then paid out by the
/// worker; a bank transfer waits for [`complete_withdrawal`].
pub async fn approve_withdrawal(
    withdrawal_id: Uuid,
    body: &ReviewDecision,
) -> Result<Withdrawal, ApiError> {
    let path = format!("/admin/withdrawals/{withdrawal_id}/approve");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /admin/withdrawals/{withdrawal_id}/reject`: the note is required; the amount goes back
/// to the balance.
pub async fn reject_withdrawal(
    withdrawal_id: Uuid,
    body: &ReviewDecision,
) -> Result<Withdrawal, ApiError> {
    let path = format!("/admin/withdrawals/{withdrawal_id}/reject");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `POST /admin/withdrawals/{withdrawal_id}/complete`: a bank transfer made by hand, with its
/// reference.
pub async fn complete_withdrawal(
    withdrawal_id: Uuid,
    body: &CompleteWithdrawal,
) -> Result<Withdrawal, ApiError> {
    let path = format!("/admin/withdrawals/{withdrawal_id}/complete");
    fetch_json(Method::Post, &path, Body::json(body)?).await
}

/// `GET /admin/jobs?status=&cursor=`: background jobs (emails, refunds, payouts, ...).
pub async fn list_admin_jobs(
    status: Option<JobStatus>,
    cursor: Option<&str>,
) -> Result<Page<AdminJob>, ApiError> {
    let qs = query(&[("status", status.map(|s| s.as_str())), ("cursor", cursor)]);
    fetch_json(Method::Get, &format!("/admin/jobs{qs}"), Body::None).await
}

/// `POST /admin/jobs/{job_id}/retry`: a failed job runs again.
pub async fn retry_job(job_id: Uuid) -> Result<AdminJob, ApiError> {
    fetch_json(
        Method::Post,
        &format!("/admin/jobs/{job_id}/retry"),
        Body::None,
    )
    .await
}

// ---- payment gateways ----

/// `GET /admin/gateways`: every gateway, whether it is active and where its configuration comes
/// from. Credentials are named (which are set), never returned.
pub async fn list_gateway_configs() -> Result<Vec<GatewayConfig>, ApiError> {
    fetch_json(Method::Get, "/admin/gateways", Body::None).await
}

/// `PUT /admin/gateways/{method}`: on or off, the currencies served (empty: all it can take),
/// credentials (left out: kept; empty string: removed). 422 field errors: `credentials`
/// (`incomplete`, `required`), `credentials.<name>` (`unknown_field`), `currencies[i]`
/// (`unsupported_currency`).
pub async fn update_gateway_config(
    method: PaymentMethod,
    body: &UpdateGatewayConfig,
) -> Result<GatewayConfig, ApiError> {
    fetch_json(
        Method::Put,
        &format!("/admin/gateways/{}", method.as_str()),
        Body::json(body)?,
    )
    .await
}
