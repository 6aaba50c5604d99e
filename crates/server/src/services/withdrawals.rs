//! Withdrawals: an organizer asks for (part of) the available balance to be paid to a
//! mobile-money number or a bank account; a platform admin approves or rejects; mobile money is
//! paid out through a gateway (a job), a bank transfer is made by hand and marked completed.
//!
//! The amount leaves the balance when requested (a `payout` ledger entry written with the
//! request, after locking the ledger account and re-reading what is available), so concurrent
//! requests can never take more than is there; a rejected or failed withdrawal posts a
//! `payout_reversal` that gives it back.

use chrono::{DateTime, Utc};
use common::finance::{
    CompleteWithdrawal, CreateWithdrawal, DestinationKind, LedgerEntryKind, ListWithdrawalsQuery,
    ReviewDecision, Withdrawal, WithdrawalStatus,
};
use common::page::PageQuery;
use common::{Currency, ErrorCode, FieldError, Money, Page};
use db::withdrawals::{Change, NewWithdrawal, WithdrawalRow};
use db::{ConnectionTrait, OrgScope};
use integrations::payments::{Country, Operator, msisdn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::refunds::id_for_key;
use crate::state::AppState;

mod payout;

pub use payout::{EXECUTE_PAYOUT, ExecutePayout, apply_report, execute};

/// Where the money goes, as stored (numbers normalized).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Destination {
    pub phone: Option<String>,
    pub operator: Option<String>,
    pub account_name: Option<String>,
    pub bank_name: Option<String>,
    pub account_number: Option<String>,
}

fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap_or(Currency::XAF)
}

fn destination_of(row: &WithdrawalRow) -> Destination {
    serde_json::from_value(row.destination.clone()).unwrap_or_default()
}

pub fn dto(row: &WithdrawalRow, org_name: &str, requested_by_name: Option<String>) -> Withdrawal {
    let d = destination_of(row);
    let kind =
        DestinationKind::parse(&row.destination_kind).unwrap_or(DestinationKind::MobileMoney);
    let label = match kind {
        DestinationKind::MobileMoney => {
            // Stored as E.164 digits (what the gateways take); shown with its `+`.
            let number =
                domain::refunds::mask_tail(&format!("+{}", d.phone.as_deref().unwrap_or("")));
            match d.operator.as_deref() {
                Some(op) => format!("{} · {number}", op.to_uppercase()),
                None => number,
            }
        }
        DestinationKind::BankAccount => format!(
            "{} · {}",
            d.bank_name.as_deref().unwrap_or(""),
            domain::refunds::mask_tail(d.account_number.as_deref().unwrap_or(""))
        ),
    };
    Withdrawal {
        id: row.id,
        org_id: row.org_id,
        org_name: org_name.to_owned(),
        status: WithdrawalStatus::parse(&row.status).unwrap_or(WithdrawalStatus::Requested),
        amount: Money::from_minor(row.amount_minor, currency(&row.currency)),
        destination_kind: kind,
        destination_label: label,
        requested_by_name,
        decision_note: row.decision_note.clone(),
        failure_reason: row.failure_reason.clone(),
        payout_reference: row.provider_ref.clone(),
        created_at: row.created_at,
        decided_at: row.decided_at,
        completed_at: row.completed_at,
    }
}

async fn load_dto<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> AppResult<Withdrawal> {
    let row = db::withdrawals::get(conn, scope, id).await?;
    dto_of(conn, scope, &row).await
}

async fn dto_of<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    row: &WithdrawalRow,
) -> AppResult<Withdrawal> {
    let org = db::orgs::get(conn, scope).await?;
    let who = match row.requested_by {
        Some(user) => db::users::names(conn, [user])
            .await?
            .into_iter()
            .next()
            .map(|(_, name)| name),
        None => None,
    };
    Ok(dto(row, &org.name, who))
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Checks the request; every bad field at once.
fn validate(
    state: &AppState,
    input: &CreateWithdrawal,
) -> AppResult<(i64, DestinationKind, Destination)> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut err = |field: &str, code: &str, message: String| {
        errors.push(FieldError {
            field: field.into(),
            code: code.into(),
            message,
        })
    };
    let c = input.amount.currency;
    let minor = match input.amount.to_minor() {
        Ok(m) if m <= 0 => {
            err("amount", "not_positive", "must be more than zero".into());
            0
        }
        Ok(m) => {
            let min = state.settings.money.withdrawal_minimum(c);
            if m < min {
                err(
                    "amount",
                    "below_minimum",
                    format!(
                        "the smallest withdrawal is {}",
                        Money::from_minor(min, c).amount
                    ),
                );
            }
            if let Some(max) = state.settings.money.withdrawal_maximum(c)
                && m > max
            {
                err(
                    "amount",
                    "above_maximum",
                    format!(
                        "the largest withdrawal is {}",
                        Money::from_minor(max, c).amount
                    ),
                );
            }
            m
        }
        Err(_) => {
            err(
                "amount",
                "invalid_amount",
                format!("{} has {} decimals at most", c.code(), c.minor_units()),
            );
            0
        }
    };
    let d = &input.destination;
    let mut dest = Destination::default();
    let kind = match d.kind {
        None => {
            err(
                "destination.kind",
                "required",
                "choose mobile money or a bank account".into(),
            );
            DestinationKind::MobileMoney
        }
        Some(DestinationKind::MobileMoney) => {
            let home = Country::for_currency(c.code()).unwrap_or(Country::CAMEROON);
            match clean(&d.phone) {
                None => err("destination.phone", "required", "the number to pay".into()),
                Some(p) => match msisdn::normalize(&p, home) {
                    Ok(n) => dest.phone = Some(n),
                    Err(e) => err("destination.phone", "invalid_phone", e.to_string()),
                },
            }
            if let Some(op) = clean(&d.operator) {
                match Operator::parse(&op) {
                    Some(_) => dest.operator = Some(op.to_lowercase()),
                    None => err(
                        "destination.operator",
                        "unknown_operator",
                        "unknown mobile-money operator".into(),
                    ),
                }
            }
            DestinationKind::MobileMoney
        }
        Some(DestinationKind::BankAccount) => {
            for (field, value, slot) in [
                (
                    "destination.account_name",
                    &d.account_name,
                    &mut dest.account_name,
                ),
                ("destination.bank_name", &d.bank_name, &mut dest.bank_name),
                (
                    "destination.account_number",
                    &d.account_number,
                    &mut dest.account_number,
                ),
            ] {
                match clean(value) {
                    Some(v) if v.chars().count() <= 200 => *slot = Some(v),
                    Some(_) => err(field, "too_long", "at most 200 characters".into()),
                    None => err(field, "required", "required for a bank transfer".into()),
                }
            }
            DestinationKind::BankAccount
        }
    };
    if !errors.is_empty() {
        return Err(AppError::fields(errors));
    }
    Ok((minor, kind, dest))
}

/// `POST /orgs/{org_id}/withdrawals`.
pub async fn create(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    input: CreateWithdrawal,
    key: Option<&str>,
) -> AppResult<Withdrawal> {
    let id = id_for_key("withdrawal", scope.org_id(), key);
    match db::withdrawals::get(&state.db, scope, id).await {
        Ok(row) if row.amount_minor == input.amount.to_minor().unwrap_or(-1) => {
            return dto_of(&state.db, scope, &row).await;
        }
        Ok(_) => return Err(AppError::code(ErrorCode::IdempotencyKeyReused)),
        Err(db::DbError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let (minor, kind, dest) = validate(state, &input)?;
    let code = input.amount.currency.code();
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    db::ledger::lock_account(&tx, scope, code, now).await?;
    let available = db::ledger::available(&tx, scope, code, now).await?;
    if minor > available {
        return Err(AppError::with_detail(
            ErrorCode::InsufficientBalance,
            format!(
                "{} {} is available",
                Money::from_minor(available.max(0), input.amount.currency).amount,
                code
            ),
        ));
    }
    let row = db::withdrawals::insert(
        &tx,
        scope,
        id,
        NewWithdrawal {
            currency: code.to_owned(),
            amount_minor: minor,
            destination_kind: kind.as_str(),
            destination: serde_json::to_value(&dest).map_err(AppError::internal)?,
            requested_by: Some(user_id),
        },
        now,
    )
    .await?;
    post(&tx, scope, &row, LedgerEntryKind::Payout, now).await?;
    let out = dto_of(&tx, scope, &row).await?;
    tx.commit().await?;
    tracing::info!(org.id = %scope.org_id(), withdrawal.id = %row.id, amount_minor = minor, currency = code, "withdrawal requested");
    Ok(out)
}

/// The ledger side of a withdrawal: `payout` takes the amount, `payout_reversal` gives it back.
async fn post<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    row: &WithdrawalRow,
    kind: LedgerEntryKind,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (sign, key) = match kind {
        LedgerEntryKind::PayoutReversal => (1, "payout_reversal"),
        _ => (-1, "payout"),
    };
    db::ledger::post(
        conn,
        scope,
        db::ledger::NewEntry {
            currency: row.currency.clone(),
            kind: kind.as_str(),
            amount_minor: sign * row.amount_minor,
            available_at: now,
            source_key: format!("{key}:{}", row.id),
            order_id: None,
            refund_id: None,
            withdrawal_id: Some(row.id),
            memo: None,
        },
        now,
    )
    .await?;
    Ok(())
}

pub async fn list_for_org(
    state: &AppState,
    scope: OrgScope,
    q: ListWithdrawalsQuery,
) -> AppResult<Page<Withdrawal>> {
    page(state, Some(scope), q).await
}

pub async fn list_all(state: &AppState, q: ListWithdrawalsQuery) -> AppResult<Page<Withdrawal>> {
    page(state, None, q).await
}

async fn page(
    state: &AppState,
    scope: Option<OrgScope>,
    q: ListWithdrawalsQuery,
) -> AppResult<Page<Withdrawal>> {
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (rows, next_cursor) = db::withdrawals::list(
        &state.db,
        scope,
        q.status.map(WithdrawalStatus::as_str),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let s = OrgScope::for_platform_operation(row.org_id);
        items.push(dto_of(&state.db, s, &row).await?);
    }
    Ok(Page { items, next_cursor })
}

// ---- platform admins ----

async fn admin_scope(state: &AppState, id: Uuid) -> AppResult<OrgScope> {
    let org_id = db::withdrawals::owner_org(&state.db, id)
        .await
        .map_err(|_| AppError::not_found())?;
    Ok(OrgScope::for_platform_operation(org_id))
}

fn not_waiting() -> AppError {
    AppError::with_detail(
        ErrorCode::Conflict,
        "this withdrawal is not waiting for that",
    )
}

/// Mobile money is paid out by a job through a gateway; a bank transfer waits for an admin to
/// make it and mark it completed.
pub async fn approve(
    state: &AppState,
    admin: Uuid,
    id: Uuid,
    input: ReviewDecision,
) -> AppResult<Withdrawal> {
    let scope = admin_scope(state, id).await?;
    let row = db::withdrawals::get(&state.db, scope, id).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let change = Change {
        decided: true,
        decided_by: Some(admin),
        decision_note: clean(&input.note),
        ..Change::default()
    };
    let moved = if row.destination_kind == DestinationKind::BankAccount.as_str() {
        db::withdrawals::transition(
            &tx,
            scope,
            id,
            WithdrawalStatus::Requested.as_str(),
            WithdrawalStatus::Processing.as_str(),
            Change {
                method: Some("bank".into()),
                ..change
            },
            now,
        )
        .await?
    } else {
        let moved = db::withdrawals::transition(
            &tx,
            scope,
            id,
            WithdrawalStatus::Requested.as_str(),
            WithdrawalStatus::Approved.as_str(),
            change,
            now,
        )
        .await?;
        if moved {
            payout::enqueue(&tx, scope, id, now).await?;
        }
        moved
    };
    if !moved {
        return Err(not_waiting());
    }
    tx.commit().await?;
    state.jobs_ready.notify_one();
    load_dto(&state.db, scope, id).await
}

pub async fn reject(
    state: &AppState,
    admin: Uuid,
    id: Uuid,
    input: ReviewDecision,
) -> AppResult<Withdrawal> {
    let note = clean(&input.note)
        .ok_or_else(|| AppError::field("note", "required", "say why the withdrawal is declined"))?;
    let scope = admin_scope(state, id).await?;
    let row = db::withdrawals::get(&state.db, scope, id).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    if !db::withdrawals::transition(
        &tx,
        scope,
        id,
        WithdrawalStatus::Requested.as_str(),
        WithdrawalStatus::Rejected.as_str(),
        Change {
            decided: true,
            decided_by: Some(admin),
            decision_note: Some(note),
            ..Change::default()
        },
        now,
    )
    .await?
    {
        return Err(not_waiting());
    }
    post(&tx, scope, &row, LedgerEntryKind::PayoutReversal, now).await?;
    tx.commit().await?;
    load_dto(&state.db, scope, id).await
}

/// A bank transfer the admin made by hand.
pub async fn complete(
    state: &AppState,
    id: Uuid,
    input: CompleteWithdrawal,
) -> AppResult<Withdrawal> {
    let reference = clean(&Some(input.reference))
        .ok_or_else(|| AppError::field("reference", "required", "the bank's reference"))?;
    let scope = admin_scope(state, id).await?;
    let row = db::withdrawals::get(&state.db, scope, id).await?;
    if row.destination_kind != DestinationKind::BankAccount.as_str() {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "mobile-money withdrawals are completed by their gateway",
        ));
    }
    if !db::withdrawals::transition(
        &state.db,
        scope,
        id,
        WithdrawalStatus::Processing.as_str(),
        WithdrawalStatus::Completed.as_str(),
        Change {
            provider_ref: Some(reference),
            completed: true,
            ..Change::default()
        },
        state.now(),
    )
    .await?
    {
        return Err(not_waiting());
    }
    load_dto(&state.db, scope, id).await
}
