//! `/admin/refunds`, `/admin/withdrawals`, `/admin/jobs`: the platform admins review refunds and
//! withdrawals and look after the job queue.

use actix_web::{get, post, put, web};
use common::Page;
use common::finance::{
    AdminJob, CompleteWithdrawal, ListJobsQuery, ListRefundsQuery, ListWithdrawalsQuery, Refund,
    ReviewDecision, Withdrawal,
};
use uuid::Uuid;

use crate::auth::principal::PlatformAdmin;
use crate::error::AppResult;
use crate::services::{admin_jobs, refunds, withdrawals};
use crate::state::AppState;

#[utoipa::path(tag = "admin", params(ListRefundsQuery), responses((status = 200, body = Page<Refund>)))]
#[get("/admin/refunds")]
pub async fn list_admin_refunds(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    q: web::Query<ListRefundsQuery>,
) -> AppResult<web::Json<Page<Refund>>> {
    Ok(web::Json(refunds::list_all(&state, q.into_inner()).await?))
}

/// Approve a requested refund: its tickets are voided and it is sent through the gateway.
#[utoipa::path(tag = "admin", params(("refund_id" = Uuid, Path)), request_body = ReviewDecision, responses((status = 200, body = Refund), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/refunds/{refund_id}/approve")]
pub async fn approve_refund(
    state: web::Data<AppState>,
    admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<ReviewDecision>,
) -> AppResult<web::Json<Refund>> {
    Ok(web::Json(
        refunds::approve(&state, admin.user_id, *id, body.into_inner()).await?,
    ))
}

/// Decline a requested refund (`note` required): the tickets stay valid.
#[utoipa::path(tag = "admin", params(("refund_id" = Uuid, Path)), request_body = ReviewDecision, responses((status = 200, body = Refund), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/refunds/{refund_id}/reject")]
pub async fn reject_refund(
    state: web::Data<AppState>,
    admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<ReviewDecision>,
) -> AppResult<web::Json<Refund>> {
    Ok(web::Json(
        refunds::reject(&state, admin.user_id, *id, body.into_inner()).await?,
    ))
}

/// Send a failed refund through its gateway again.
#[utoipa::path(tag = "admin", params(("refund_id" = Uuid, Path)), responses((status = 200, body = Refund), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/refunds/{refund_id}/retry")]
pub async fn retry_refund(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<Refund>> {
    Ok(web::Json(refunds::retry(&state, *id).await?))
}

#[utoipa::path(tag = "admin", params(ListWithdrawalsQuery), responses((status = 200, body = Page<Withdrawal>)))]
#[get("/admin/withdrawals")]
pub async fn list_admin_withdrawals(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    q: web::Query<ListWithdrawalsQuery>,
) -> AppResult<web::Json<Page<Withdrawal>>> {
    Ok(web::Json(
        withdrawals::list_all(&state, q.into_inner()).await?,
    ))
}

/// Approve a withdrawal: mobile money is paid out through a gateway; a bank transfer waits to
/// be marked completed.
#[utoipa::path(tag = "admin", params(("withdrawal_id" = Uuid, Path)), request_body = ReviewDecision, responses((status = 200, body = Withdrawal), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/withdrawals/{withdrawal_id}/approve")]
pub async fn approve_withdrawal(
    state: web::Data<AppState>,
    admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<ReviewDecision>,
) -> AppResult<web::Json<Withdrawal>> {
    Ok(web::Json(
        withdrawals::approve(&state, admin.user_id, *id, body.into_inner()).await?,
    ))
}

/// Decline a withdrawal (`note` required): the amount returns to the balance.
#[utoipa::path(tag = "admin", params(("withdrawal_id" = Uuid, Path)), request_body = ReviewDecision, responses((status = 200, body = Withdrawal), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/withdrawals/{withdrawal_id}/reject")]
pub async fn reject_withdrawal(
    state: web::Data<AppState>,
    admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<ReviewDecision>,
) -> AppResult<web::Json<Withdrawal>> {
    Ok(web::Json(
        withdrawals::reject(&state, admin.user_id, *id, body.into_inner()).await?,
    ))
}

/// Mark a bank-account withdrawal paid, with the bank's reference.
#[utoipa::path(tag = "admin", params(("withdrawal_id" = Uuid, Path)), request_body = CompleteWithdrawal, responses((status = 200, body = Withdrawal), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/withdrawals/{withdrawal_id}/complete")]
pub async fn complete_withdrawal(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    id: web::Path<Uuid>,
    body: web::Json<CompleteWithdrawal>,
) -> AppResult<web::Json<Withdrawal>> {
    Ok(web::Json(
        withdrawals::complete(&state, *id, body.into_inner()).await?,
    ))
}

/// The job queue, newest first (default: every status).
#[utoipa::path(tag = "admin", params(ListJobsQuery), responses((status = 200, body = Page<AdminJob>)))]
#[get("/admin/jobs")]
pub async fn list_admin_jobs(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    q: web::Query<ListJobsQuery>,
) -> AppResult<web::Json<Page<AdminJob>>> {
    Ok(web::Json(admin_jobs::list(&state, q.into_inner()).await?))
}

/// Run a job that failed for good again, with a fresh set of attempts.
#[utoipa::path(tag = "admin", params(("job_id" = Uuid, Path)), responses((status = 200, body = AdminJob), (status = 409, body = common::Problem, content_type = "application/problem+json")))]
#[post("/admin/jobs/{job_id}/retry")]
pub async fn retry_job(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
    id: web::Path<Uuid>,
) -> AppResult<web::Json<AdminJob>> {
    Ok(web::Json(admin_jobs::retry(&state, *id).await?))
}

/// Every payment gateway: whether it is active, where its configuration comes from, the
/// currencies it serves and which credentials are set (never their values).
#[utoipa::path(tag = "admin", responses((status = 200, body = Vec<common::gateways::GatewayConfig>)))]
#[get("/admin/gateways")]
pub async fn list_gateway_configs(
    state: web::Data<AppState>,
    _admin: PlatformAdmin,
) -> AppResult<web::Json<Vec<common::gateways::GatewayConfig>>> {
    Ok(web::Json(
        crate::services::gateway_configs::list(&state).await?,
    ))
}

/// Configure a gateway: on or off, the currencies it serves, its credentials (write-only,
/// sealed at rest). Replaces the environment's configuration of this gateway.
#[utoipa::path(tag = "admin", params(("method" = common::orders::PaymentMethod, Path)), request_body = common::gateways::UpdateGatewayConfig, responses(
    (status = 200, body = common::gateways::GatewayConfig),
    (status = 422, description = "`validation_failed`: unknown field, unsupported currency, incomplete credentials", body = common::Problem, content_type = "application/problem+json"),
))]
#[put("/admin/gateways/{method}")]
pub async fn update_gateway_config(
    state: web::Data<AppState>,
    admin: PlatformAdmin,
    method: web::Path<common::orders::PaymentMethod>,
    body: web::Json<common::gateways::UpdateGatewayConfig>,
) -> AppResult<web::Json<common::gateways::GatewayConfig>> {
    Ok(web::Json(
        crate::services::gateway_configs::update(
            &state,
            admin.user_id,
            method.into_inner(),
            body.into_inner(),
        )
        .await?,
    ))
}
