//! Paying an approved mobile-money withdrawal through a gateway (a job), and settling it from
//! the gateway's later reports. A failed payout gives the amount back to the balance.

use chrono::{DateTime, Utc};
use common::finance::{LedgerEntryKind, WithdrawalStatus};
use db::withdrawals::Change;
use db::{ConnectionTrait, OrgScope};
use integrations::payments::{Operator, PaymentError, PaymentStatus, PayoutRequest, TxReport};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Destination, destination_of, post};
use crate::error::{AppError, AppResult};
use crate::services::webhooks::Applied;
use crate::state::AppState;

pub const EXECUTE_PAYOUT: &str = "execute_payout";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecutePayout {
    pub withdrawal_id: Uuid,
    pub org_id: Uuid,
}

pub(super) async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    withdrawal_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let payload = serde_json::to_value(ExecutePayout {
        withdrawal_id,
        org_id: scope.org_id(),
    })
    .map_err(AppError::internal)?;
    db::jobs::enqueue(conn, EXECUTE_PAYOUT, payload, now, now).await?;
    Ok(())
}

/// The job: `approved` -> `processing` at the currency's payout gateway, then pays. An
/// unreachable gateway fails the job for a retry (the withdrawal id is the gateway's
/// idempotency key where it has one).
pub async fn execute(state: &AppState, job: &ExecutePayout) -> anyhow::Result<()> {
    // Acts for the platform: an admin approved this withdrawal.
    let scope = OrgScope::for_platform_operation(job.org_id);
    let now = state.now();
    let row = db::withdrawals::get(&state.db, scope, job.withdrawal_id).await?;
    let Some(gateway) = state.gateways.payout_gateway(&row.currency) else {
        anyhow::bail!("no payout gateway for {}", row.currency);
    };
    let moved = db::withdrawals::transition(
        &state.db,
        scope,
        row.id,
        WithdrawalStatus::Approved.as_str(),
        WithdrawalStatus::Processing.as_str(),
        Change {
            method: Some(gateway.method().to_owned()),
            ..Change::default()
        },
        now,
    )
    .await?;
    if !moved && row.status != WithdrawalStatus::Processing.as_str() {
        return Ok(());
    }
    if row.provider_ref.is_some() {
        return Ok(());
    }
    let org = db::orgs::get(&state.db, scope).await?;
    let dest: Destination = destination_of(&row);
    let request = PayoutRequest {
        payout_id: row.id,
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
        phone: dest.phone.unwrap_or_default(),
        operator: dest.operator.as_deref().and_then(Operator::parse),
        recipient_name: Some(org.name.clone()),
        description: "Reckot payout".into(),
    };
    match gateway.payout(&request).await {
        Ok(transfer) => match transfer.status {
            PaymentStatus::Succeeded => {
                complete(state, scope, row.id, transfer.provider_ref).await?;
            }
            PaymentStatus::Pending => {
                db::withdrawals::set_provider_ref(
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
        Err(PaymentError::Unavailable(reason)) => anyhow::bail!("gateway unavailable: {reason}"),
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
    provider_ref: String,
) -> AppResult<bool> {
    Ok(db::withdrawals::transition(
        &state.db,
        scope,
        id,
        WithdrawalStatus::Processing.as_str(),
        WithdrawalStatus::Completed.as_str(),
        Change {
            provider_ref: Some(provider_ref),
            completed: true,
            ..Change::default()
        },
        state.now(),
    )
    .await?)
}

/// Failed at the gateway: the amount returns to the balance in the same transaction.
async fn fail(state: &AppState, scope: OrgScope, id: Uuid, reason: &str) -> AppResult<bool> {
    tracing::warn!(withdrawal.id = %id, error = %reason, "payout failed at the gateway");
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let moved = db::withdrawals::transition(
        &tx,
        scope,
        id,
        WithdrawalStatus::Processing.as_str(),
        WithdrawalStatus::Failed.as_str(),
        Change {
            failure_reason: Some(reason.chars().take(500).collect()),
            ..Change::default()
        },
        now,
    )
    .await?;
    if moved {
        let row = db::withdrawals::get(&tx, scope, id).await?;
        post(&tx, scope, &row, LedgerEntryKind::PayoutReversal, now).await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// A gateway's authenticated report about one of our payouts.
pub async fn apply_report(state: &AppState, method: &str, report: &TxReport) -> AppResult<Applied> {
    let found = match report.reference_id {
        Some(id) => match db::withdrawals::owner_org(&state.db, id).await {
            Ok(org) => Some((org, id)),
            Err(db::DbError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => {
            db::withdrawals::find_by_provider_ref(&state.db, method, &report.provider_ref).await?
        }
    };
    let Some((org_id, id)) = found else {
        return Ok(Applied::Ignored);
    };
    let scope = OrgScope::for_platform_operation(org_id);
    let row = db::withdrawals::get(&state.db, scope, id).await?;
    if row.method.as_deref() != Some(method) {
        return Ok(Applied::Ignored);
    }
    if row.status != WithdrawalStatus::Processing.as_str() {
        return Ok(Applied::AlreadySettled);
    }
    let settled = match &report.status {
        PaymentStatus::Pending => return Ok(Applied::StillPending),
        PaymentStatus::Succeeded => {
            if report.amount_minor != row.amount_minor || report.currency != row.currency {
                tracing::error!(withdrawal.id = %id, "gateway reported another payout amount: left processing");
                return Ok(Applied::Mismatch);
            }
            complete(state, scope, id, report.provider_ref.clone()).await?
        }
        PaymentStatus::Failed(reason) => fail(state, scope, id, reason).await?,
    };
    Ok(if settled {
        Applied::Settled
    } else {
        Applied::AlreadySettled
    })
}
