//! The worker: drains the durable job queue. `reckot serve` runs it in-process; `reckot worker`
//! runs it alone. Jobs are idempotent enough to run twice (an email sent twice is the worst case).
//! Each tick also does periodic chores: expire lapsed holds, refresh popularity, purge idempotency
//! keys, reconcile payments still pending at their gateway (`services::reconcile`), and issue
//! last month's platform-fee invoices once a month (`services::invoices::fees`).

use std::time::Duration;

use chrono::Duration as ChronoDuration;

use crate::services::mail::{EmailJob, JOB_KIND as SEND_EMAIL};
use crate::services::{invoices, order_delivery, reconcile, refunds, withdrawals};
use crate::state::AppState;

const LEASE: ChronoDuration = ChronoDuration::seconds(120);
const IDLE_POLL: Duration = Duration::from_secs(5);

/// Runs until `shutdown` resolves.
pub async fn run(state: AppState, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    tracing::info!("worker started");
    let mut last_reconcile: Option<std::time::Instant> = None;
    // The month whose fee invoices this worker has issued.
    let mut fees_issued_for: Option<String> = None;
    loop {
        match drain(&state).await {
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "worker: could not claim jobs"),
        }
        // Lapsed holds go back on sale even when nobody looks at their orders.
        match crate::services::order_lifecycle::sweep_all(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(orders.expired = n, "expired lapsed holds"),
            Err(e) => tracing::error!(error = %e, "worker: could not sweep holds"),
        }
        // Discovery's "popular" order follows sales within one poll.
        if let Err(e) = refresh_popularity(&state).await {
            tracing::error!(error = %e, "worker: could not refresh popularity");
        }
        // Payments whose webhook never came are asked about at their gateway (network calls:
        // not on every wake-up, only every `reconcile::interval`).
        if last_reconcile.is_none_or(|at| at.elapsed() >= reconcile::interval(&state)) {
            last_reconcile = Some(std::time::Instant::now());
            match reconcile::run(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(payments.settled = n, "reconciled payments"),
                Err(e) => tracing::error!(error = %e, "worker: could not reconcile payments"),
            }
        }
        // Another instance's admin may have changed the gateways.
        if let Err(e) = crate::services::gateway_configs::apply(&state, true).await {
            tracing::error!(error = %e, "worker: could not reload gateway configuration");
        }
        // Last month's platform-fee invoices, once per month (idempotent if run again).
        let (period, _, _) = invoices::fees::previous_period(state.now());
        if fees_issued_for.as_deref() != Some(period.as_str()) {
            match invoices::issue_monthly_fee_invoices(&state).await {
                Ok(n) => {
                    if n > 0 {
                        tracing::info!(invoices.issued = n, invoice.period = %period, "issued platform-fee invoices");
                    }
                    fees_issued_for = Some(period);
                }
                Err(e) => tracing::error!(error = %e, "worker: could not issue fee invoices"),
            }
        }
        // Replays are promised for a day.
        let day_ago = state.now() - ChronoDuration::days(1);
        if let Err(e) = purge_keys(&state, day_ago).await {
            tracing::error!(error = %e, "worker: could not purge idempotency keys");
        }
        tokio::select! {
            () = &mut shutdown => break,
            () = state.jobs_ready.notified() => {}
            () = tokio::time::sleep(IDLE_POLL) => {}
        }
    }
    tracing::info!("worker stopped");
}

async fn purge_keys(
    state: &AppState,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<(), db::DbError> {
    let tx = db::begin_write(&state.db).await?;
    db::idempotency::purge(&tx, before).await?;
    tx.commit().await?;
    Ok(())
}

/// Also called by tests.
pub async fn refresh_popularity(state: &AppState) -> Result<(), db::DbError> {
    let tx = db::begin_write(&state.db).await?;
    db::events::refresh_popularity(&tx, state.now()).await?;
    tx.commit().await?;
    Ok(())
}

// Job bookkeeping goes through `begin_write` so that on SQLite it queues with the app's other
// writers instead of polling on the busy timeout. Recording one job's result and claiming the
// next share a transaction: during an on-sale drop every order queues an email, and each write
// transaction the worker saves is one more turn for a buyer.

/// How a job ended, to be recorded with the next claim.
struct Outcome {
    job_id: uuid::Uuid,
    /// `None`: done. `Some((error, retry_at))`: failed, retried at `retry_at` unless `None`.
    error: Option<(String, Option<chrono::DateTime<chrono::Utc>>)>,
}

async fn record_and_claim(
    state: &AppState,
    previous: Option<Outcome>,
) -> Result<Option<db::jobs::Job>, db::DbError> {
    let tx = db::begin_write(&state.db).await?;
    let now = state.now();
    if let Some(done) = previous {
        match done.error {
            None => db::jobs::complete(&tx, done.job_id, now).await?,
            Some((message, retry_at)) => {
                db::jobs::fail(&tx, done.job_id, &message, retry_at, now).await?;
            }
        }
    }
    let job = db::jobs::claim_next(&tx, now, LEASE).await?;
    tx.commit().await?;
    Ok(job)
}

/// Runs every due job; returns how many ran.
pub async fn drain(state: &AppState) -> Result<usize, db::DbError> {
    let mut ran = 0;
    let mut previous = None;
    while let Some(job) = record_and_claim(state, previous.take()).await? {
        ran += 1;
        let outcome = execute(state, &job).await;
        let now = state.now();
        let error = match outcome {
            Ok(()) => None,
            Err(e) if job.attempts < job.max_attempts => {
                // Exponential backoff: 30 s, 1 min, 2 min, ... capped at an hour.
                let delay =
                    ChronoDuration::seconds((30_i64 << (job.attempts - 1).clamp(0, 7)).min(3600));
                tracing::warn!(job.id = %job.id, job.kind = %job.kind, attempt = job.attempts, error = %e, "job failed; will retry");
                Some((e.to_string(), Some(now + delay)))
            }
            Err(e) => {
                tracing::error!(job.id = %job.id, job.kind = %job.kind, error = %e, "job failed for good");
                Some((e.to_string(), None))
            }
        };
        previous = Some(Outcome {
            job_id: job.id,
            error,
        });
    }
    Ok(ran)
}

async fn execute(state: &AppState, job: &db::jobs::Job) -> anyhow::Result<()> {
    match job.kind.as_str() {
        SEND_EMAIL => {
            let email: EmailJob = serde_json::from_value(job.payload.clone())?;
            state.mailer.send(&email.render()).await?;
            Ok(())
        }
        order_delivery::DELIVER_ORDER => {
            let job: order_delivery::DeliverOrder = serde_json::from_value(job.payload.clone())?;
            order_delivery::deliver(state, &job).await
        }
        order_delivery::ORDER_CANCELLED => {
            let job: order_delivery::OrderCancelled = serde_json::from_value(job.payload.clone())?;
            order_delivery::notify_cancelled(state, &job).await
        }
        refunds::EXECUTE_REFUND => {
            let job: refunds::ExecuteRefund = serde_json::from_value(job.payload.clone())?;
            refunds::execute(state, &job).await
        }
        refunds::REFUND_NEWS => {
            let job: refunds::RefundNewsJob = serde_json::from_value(job.payload.clone())?;
            refunds::send_news(state, &job).await
        }
        withdrawals::EXECUTE_PAYOUT => {
            let job: withdrawals::ExecutePayout = serde_json::from_value(job.payload.clone())?;
            withdrawals::execute(state, &job).await
        }
        other => anyhow::bail!("unknown job kind {other}"),
    }
}
