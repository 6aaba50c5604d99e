//! Reconciliation: payments still pending some time after they started are asked about at
//! their gateway and settled exactly as a webhook would settle them (same checks, same
//! conditional update), so a lost webhook never loses a sale. The worker runs it on its tick.

use std::time::Duration;

use integrations::payments::{PaymentError, PaymentStatus, TxKind, TxReport};

use crate::services::webhooks::{self, Applied};
use crate::state::AppState;

/// Payments older than this are left alone (their holds lapsed long ago; a person looks).
const WINDOW: chrono::Duration = chrono::Duration::hours(48);
/// Gateway calls per run, oldest payments first; the next tick takes the rest.
const BATCH: u64 = 100;

/// How often the worker reconciles: as often as a payment may become due, at least twice a
/// minute, at most every five seconds.
pub fn interval(state: &AppState) -> Duration {
    (state.settings.payment_reconcile_after / 2)
        .clamp(Duration::from_secs(5), Duration::from_secs(30))
}

/// Polls every pending payment started more than `PAYMENT_RECONCILE_AFTER_SECONDS` ago;
/// returns how many it settled.
pub async fn run(state: &AppState) -> anyhow::Result<usize> {
    let now = state.now();
    let after = chrono::Duration::from_std(state.settings.payment_reconcile_after)?;
    let due = db::payments::pending_for_reconciliation(&state.db, now - WINDOW, now - after, BATCH)
        .await?;
    let mut settled = 0;
    for payment in due {
        let Some(gateway) = state.gateways.get(&payment.method) else {
            continue;
        };
        // pawaPay and Flutterwave name a payment by our id; CamPay's reference is stored when
        // its answer arrived, and without it there is nothing to ask.
        let reference = match &payment.provider_ref {
            Some(reference) => reference.clone(),
            None if payment.method != "campay" => payment.id.to_string(),
            None => continue,
        };
        // `query`, not `status`: the report carries the amount, checked like a webhook's.
        let report = match gateway.query(TxKind::Payment, &reference).await {
            Ok(report) => report,
            // The gateway never heard of it (its start failed on the way): not paid.
            Err(PaymentError::NotFound(_)) => TxReport {
                kind: TxKind::Payment,
                provider_ref: reference,
                reference_id: Some(payment.id),
                status: PaymentStatus::Failed("unknown to the gateway".into()),
                amount_minor: payment.amount_minor,
                currency: payment.currency.clone(),
            },
            Err(e) => {
                tracing::warn!(payment.id = %payment.id, error = %e, "reconciliation: gateway not answering");
                continue;
            }
        };
        match webhooks::apply(state, &payment.method, &report).await {
            Ok(Applied::Settled) => settled += 1,
            Ok(_) => {}
            Err(e) => {
                tracing::error!(payment.id = %payment.id, error = %e, "reconciliation: could not settle")
            }
        }
    }
    settled += transfers(state, now - after).await;
    Ok(settled)
}

/// Refunds and payouts the gateway accepted but has not reported on: asked about the same way.
async fn transfers(state: &AppState, before: chrono::DateTime<chrono::Utc>) -> usize {
    let mut asks: Vec<(TxKind, String, String)> = Vec::new();
    match db::refunds::processing_for_reconciliation(&state.db, before, BATCH).await {
        Ok(rows) => asks.extend(
            rows.into_iter()
                .filter_map(|r| Some((TxKind::Refund, r.method?, r.provider_ref?))),
        ),
        Err(e) => tracing::error!(error = %e, "reconciliation: could not list refunds"),
    }
    match db::withdrawals::processing_for_reconciliation(&state.db, before, BATCH).await {
        Ok(rows) => asks.extend(
            rows.into_iter()
                .filter_map(|w| Some((TxKind::Payout, w.method?, w.provider_ref?))),
        ),
        Err(e) => tracing::error!(error = %e, "reconciliation: could not list payouts"),
    }
    let mut settled = 0;
    for (kind, method, reference) in asks {
        let Some(gateway) = state.gateways.get(&method) else {
            continue;
        };
        let report = match gateway.query(kind, &reference).await {
            Ok(report) => report,
            Err(e) => {
                tracing::warn!(error = %e, "reconciliation: gateway not answering about a transfer");
                continue;
            }
        };
        if let Ok(Applied::Settled) = webhooks::apply(state, &method, &report).await {
            settled += 1;
        }
    }
    settled
}
