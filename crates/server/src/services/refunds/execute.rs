//! Running an approved refund through the gateway that was paid (a job, so it survives restarts
//! and retries a gateway that is down), and settling it from the gateway's later reports
//! (verified webhooks and reconciliation polls).

use chrono::{DateTime, Utc};
use common::finance::RefundStatus;
use db::refunds::Change;
use db::{ConnectionTrait, OrgScope};
use integrations::emails::RefundNews;
use integrations::payments::{PaymentError, PaymentStatus, RefundRequest, TxReport};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::notify;
use crate::error::{AppError, AppResult};
use crate::services::webhooks::Applied;
use crate::state::AppState;

pub const EXECUTE_REFUND: &str = "execute_refund";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecuteRefund {
    pub refund_id: Uuid,
    pub org_id: Uuid,
}

pub(super) async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    refund_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let payload = serde_json::to_value(ExecuteRefund {
        refund_id,
        org_id: scope.org_id(),
    })
    .map_err(AppError::internal)?;
    db::jobs::enqueue(conn, EXECUTE_REFUND, payload, now, now).await?;
    Ok(())
}

/// The job: `approved` -> `processing`, then asks the gateway. A gateway that cannot be reached
/// fails the job, which the queue retries with backoff (the refund id is the gateway's
/// idempotency key where it has one).
pub async fn execute(state: &AppState, job: &ExecuteRefund) -> anyhow::Result<()> {
    // The job acts for the platform: the refund was approved already.
    let scope = OrgScope::for_platform_operation(job.org_id);
    let now = state.now();
    let row = db::refunds::get(&state.db, scope, job.refund_id).await?;
    let moved = db::refunds::transition(
        &state.db,
        scope,
        row.id,
        RefundStatus::Approved.as_str(),
        RefundStatus::Processing.as_str(),
        Change::default(),
        now,
    )
    .await?;
    // A retried job whose first run already reached the gateway finds it processing.
    if !moved && row.status != RefundStatus::Processing.as_str() {
        return Ok(());
    }
    if row.provider_ref.is_some() {
        // Sent already; the gateway's report (webhook or reconciliation) settles it.
        return Ok(());
    }
    let order = db::orders::get(&state.db, scope, row.order_id).await?;
    let payment = match row.payment_id {
        Some(id) => Some(db::payments::get(&state.db, scope, id).await?),
        None => None,
    };
    let (Some(payment), Some(gateway)) = (
        payment.as_ref(),
        row.method.as_deref().and_then(|m| state.gateways.get(m)),
    ) else {
        fail(state, scope, row.id, "the payment's gateway is not enabled").await?;
        return Ok(());
    };
    let request = RefundRequest {
        refund_id: row.id,
        payment_ref: payment
            .provider_ref
            .clone()
            .unwrap_or_else(|| payment.id.to_string()),
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
        payer_phone: order.buyer_phone.clone(),
        reason: row.reason.clone(),
    };
    match gateway.refund(&request).await {
        Ok(transfer) => match transfer.status {
            PaymentStatus::Succeeded => {
                complete(state, scope, row.id, Some(transfer.provider_ref)).await?;
            }
            PaymentStatus::Pending => {
                db::refunds::set_provider_ref(
                    &state.db,
                    scope,
                    row.id,
                    &transfer.provider_ref,
                    now,
                )
                .await?;
            }
            PaymentStatus::Failed(reason) => {
                fail(state, scope, row.id, &reason).await?;
            }
        },
        Err(PaymentError::Unavailable(reason)) => {
            anyhow::bail!("gateway unavailable: {reason}")
        }
        Err(e) => {
            fail(state, scope, row.id, &e.to_string()).await?;
        }
    }
    Ok(())
}

async fn complete(
    state: &AppState,
    scope: OrgScope,
    id: Uuid,
    provider_ref: Option<String>,
) -> AppResult<bool> {
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let done = db::refunds::transition(
        &tx,
        scope,
        id,
        RefundStatus::Processing.as_str(),
        RefundStatus::Refunded.as_str(),
        Change {
            provider_ref,
            completed: true,
            ..Change::default()
        },
        now,
    )
    .await?;
    if done {
        let row = db::refunds::get(&tx, scope, id).await?;
        // A late payment's buyer was told already when it was opened; it sold nothing, so it
        // had no invoice to credit.
        if row.requested_by != common::finance::RefundRequester::System.as_str() {
            notify::enqueue(&tx, scope, id, RefundNews::Refunded, now).await?;
            crate::services::invoices::issue_for_refund(&tx, scope, &row, now).await?;
        }
    }
    tx.commit().await?;
    state.jobs_ready.notify_one();
    Ok(done)
}

async fn fail(state: &AppState, scope: OrgScope, id: Uuid, reason: &str) -> AppResult<bool> {
    tracing::warn!(refund.id = %id, error = %reason, "refund failed at the gateway");
    Ok(db::refunds::transition(
        &state.db,
        scope,
        id,
        RefundStatus::Processing.as_str(),
        RefundStatus::Failed.as_str(),
        Change {
            failure_reason: Some(reason.chars().take(500).collect()),
            ..Change::default()
        },
        state.now(),
    )
    .await?)
}

/// A gateway's authenticated report about one of our refunds.
pub async fn apply_report(state: &AppState, method: &str, report: &TxReport) -> AppResult<Applied> {
    let found = match report.reference_id {
        Some(id) => match db::refunds::owner_org(&state.db, id).await {
            Ok(org) => Some((org, id)),
            Err(db::DbError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => db::refunds::find_by_provider_ref(&state.db, method, &report.provider_ref).await?,
    };
    let Some((org_id, id)) = found else {
        return Ok(Applied::Ignored);
    };
    let scope = OrgScope::for_platform_operation(org_id);
    let row = db::refunds::get(&state.db, scope, id).await?;
    if row.method.as_deref() != Some(method) {
        return Ok(Applied::Ignored);
    }
    if row.status != RefundStatus::Processing.as_str() {
        return Ok(Applied::AlreadySettled);
    }
    let settled = match &report.status {
        PaymentStatus::Pending => return Ok(Applied::StillPending),
        PaymentStatus::Succeeded => {
            complete(state, scope, id, Some(report.provider_ref.clone())).await?
        }
        PaymentStatus::Failed(reason) => fail(state, scope, id, reason).await?,
    };
    Ok(if settled {
        Applied::Settled
    } else {
        Applied::AlreadySettled
    })
}
