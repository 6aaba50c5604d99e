//! Money after the sale, organizer side: `/orgs/{org_id}/balances`, `/ledger`, `/withdrawals`,
//! `/refunds` and `/orders/{order_id}/refunds`.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use common::Page;
use common::Permission;
use common::finance::{
    Balance, CreateRefund, CreateWithdrawal, LedgerEntry, ListLedgerQuery, ListRefundsQuery,
    ListWithdrawalsQuery, Refund, Withdrawal,
};
use uuid::Uuid;

use crate::auth::tenant::Tenant;
use crate::error::AppResult;
use crate::services::{ledger, refunds, withdrawals};
use crate::state::AppState;

/// The request's `Idempotency-Key`, if any.
pub fn idempotency_key(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(str::to_owned)
}

/// Pending (settling), available and paid-out money per currency, with the withdrawal limits.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path)), responses((status = 200, body = Vec<Balance>)))]
#[get("/orgs/{org_id}/balances")]
pub async fn list_balances(
    state: web::Data<AppState>,
    tenant: Tenant,
) -> AppResult<web::Json<Vec<Balance>>> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    Ok(web::Json(ledger::balances(&state, scope).await?))
}

/// The ledger, newest first: sales, platform fees, refunds, payouts and their reversals.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ListLedgerQuery), responses((status = 200, body = Page<LedgerEntry>)))]
#[get("/orgs/{org_id}/ledger")]
pub async fn list_ledger_entries(
    state: web::Data<AppState>,
    tenant: Tenant,
    q: web::Query<ListLedgerQuery>,
) -> AppResult<web::Json<Page<LedgerEntry>>> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    Ok(web::Json(
        ledger::entries(&state, scope, q.into_inner()).await?,
    ))
}

#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ListWithdrawalsQuery), responses((status = 200, body = Page<Withdrawal>)))]
#[get("/orgs/{org_id}/withdrawals")]
pub async fn list_withdrawals(
    state: web::Data<AppState>,
    tenant: Tenant,
    q: web::Query<ListWithdrawalsQuery>,
) -> AppResult<web::Json<Page<Withdrawal>>> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    Ok(web::Json(
        withdrawals::list_for_org(&state, scope, q.into_inner()).await?,
    ))
}

/// Ask for (part of) the available balance to be paid out; a platform admin approves it.
/// Accepts an `Idempotency-Key`: a retry returns the same withdrawal.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path)), request_body = CreateWithdrawal, responses(
    (status = 201, body = Withdrawal),
    (status = 409, description = "`insufficient_balance`", body = common::Problem, content_type = "application/problem+json"),
    (status = 422, description = "`validation_failed`: amount (limits, decimals) or destination", body = common::Problem, content_type = "application/problem+json"),
))]
#[post("/orgs/{org_id}/withdrawals")]
pub async fn create_withdrawal(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    body: web::Json<CreateWithdrawal>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManagePayouts)?;
    let key = idempotency_key(&req);
    let w = withdrawals::create(
        &state,
        scope,
        tenant.user_id,
        body.into_inner(),
        key.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Created().json(w))
}

#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ListRefundsQuery), responses((status = 200, body = Page<Refund>)))]
#[get("/orgs/{org_id}/refunds")]
pub async fn list_refunds(
    state: web::Data<AppState>,
    tenant: Tenant,
    q: web::Query<ListRefundsQuery>,
) -> AppResult<web::Json<Page<Refund>>> {
    let scope = tenant.require(Permission::ManageSales)?;
    Ok(web::Json(
        refunds::list_for_org(&state, scope, q.into_inner()).await?,
    ))
}

/// Refund some (or all remaining) tickets of a paid booking. Under the default rule it runs at
/// once; otherwise a platform admin approves it. Accepts an `Idempotency-Key`.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path), ("order_id" = Uuid, Path)), request_body = CreateRefund, responses(
    (status = 201, body = Refund),
    (status = 409, description = "`nothing_to_refund` or `conflict` (not a paid booking)", body = common::Problem, content_type = "application/problem+json"),
))]
#[post("/orgs/{org_id}/orders/{order_id}/refunds")]
pub async fn create_order_refund(
    state: web::Data<AppState>,
    tenant: Tenant,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CreateRefund>,
) -> AppResult<HttpResponse> {
    let scope = tenant.require(Permission::ManageSales)?;
    let key = idempotency_key(&req);
    let r = refunds::create_by_organizer(
        &state,
        scope,
        tenant.user_id,
        path.1,
        body.into_inner(),
        key.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Created().json(r))
}

/// Payments still pending long after they started (`PAYMENT_STUCK_AFTER_MINUTES`): a person
/// should look. Oldest first, at most 100.
#[utoipa::path(tag = "finance", params(("org_id" = Uuid, Path)), responses((status = 200, body = Vec<common::finance::StuckPayment>)))]
#[get("/orgs/{org_id}/payments/stuck")]
pub async fn list_stuck_payments(
    state: web::Data<AppState>,
    tenant: Tenant,
) -> AppResult<web::Json<Vec<common::finance::StuckPayment>>> {
    let scope = tenant.require(Permission::ManageSales)?;
    Ok(web::Json(
        crate::services::stuck_payments::list(&state, scope).await?,
    ))
}
