//! Settling a payment from what its gateway reports, after the report was authenticated (a
//! verified webhook, or the gateway's own answer to a status query by the reconciliation job).
//!
//! The report names the payment by our id (when the gateway echoes it) or by the gateway's
//! reference. Settling goes through `payments::settle`, a conditional update from `pending`, so
//! duplicates, replays and out-of-order reports are harmless: the first final report wins and a
//! failure arriving after a success changes nothing. A success whose amount or currency differs
//! from the payment's is refused and logged, and changes nothing.

use db::OrgScope;
use integrations::payments::{PaymentStatus, TxKind, TxReport};
use serde::Serialize;
use uuid::Uuid;

use crate::error::AppResult;
use crate::services::payments;
use crate::state::AppState;

/// What a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Applied {
    /// The payment was pending and is now final.
    Settled,
    /// The payment was already final (a duplicate or a late report): nothing changed.
    AlreadySettled,
    /// Not final yet at the gateway.
    StillPending,
    /// Amount or currency differ from the payment's: refused, nothing changed.
    Mismatch,
    /// No payment of ours (a refund or payout report, or an unknown reference): nothing to do.
    Ignored,
}

/// Applies a gateway's authenticated report about one of its (`method`) transactions.
pub async fn apply(state: &AppState, method: &str, report: &TxReport) -> AppResult<Applied> {
    match report.kind {
        TxKind::Payment => {}
        TxKind::Refund => {
            return crate::services::refunds::apply_report(state, method, report).await;
        }
        TxKind::Payout => {
            return crate::services::withdrawals::apply_report(state, method, report).await;
        }
    }
    let Some((scope, payment)) = find(state, method, report).await? else {
        tracing::warn!(
            payment.method = method,
            "gateway report for no payment of ours"
        );
        return Ok(Applied::Ignored);
    };
    if payment.status != "pending" {
        return Ok(Applied::AlreadySettled);
    }
    let (succeeded, reason) = match &report.status {
        PaymentStatus::Pending => return Ok(Applied::StillPending),
        PaymentStatus::Succeeded => (true, None),
        PaymentStatus::Failed(reason) => (false, Some(reason.as_str())),
    };
    // Only a success moves money, so only a success must match what the buyer owed; a failure
    // with odd numbers still means "not paid".
    if succeeded
        && (report.amount_minor != payment.amount_minor || report.currency != payment.currency)
    {
        tracing::error!(
            payment.id = %payment.id,
            payment.method = method,
            expected.amount_minor = payment.amount_minor,
            expected.currency = %payment.currency,
            reported.amount_minor = report.amount_minor,
            reported.currency = %report.currency,
            "gateway reported a different amount: payment left pending"
        );
        return Ok(Applied::Mismatch);
    }
    Ok(
        if payments::settle(state, scope, payment.id, succeeded, reason).await? {
            Applied::Settled
        } else {
            Applied::AlreadySettled
        },
    )
}

/// The payment a report is about: by our id when echoed, else by the gateway's reference; in
/// both cases it must be a payment through this gateway whose reference (once known) matches.
async fn find(
    state: &AppState,
    method: &str,
    report: &TxReport,
) -> AppResult<Option<(OrgScope, db::payments::PaymentRow)>> {
    let ids: Option<(Uuid, Uuid)> = match report.reference_id {
        Some(id) => match db::payments::owner_org(&state.db, id).await {
            Ok((org_id, _)) => Some((org_id, id)),
            Err(db::DbError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => db::payments::find_by_provider_ref(&state.db, method, &report.provider_ref).await?,
    };
    let Some((org_id, id)) = ids else {
        return Ok(None);
    };
    // A gateway callback proves itself, not a member: the narrowest scope that reaches the row.
    let scope = OrgScope::for_buyer_of(org_id);
    let payment = db::payments::get(&state.db, scope, id).await?;
    let same_ref = payment
        .provider_ref
        .as_deref()
        .is_none_or(|r| r == report.provider_ref);
    if payment.method != method || !same_ref {
        return Ok(None);
    }
    Ok(Some((scope, payment)))
}
