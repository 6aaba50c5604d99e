//! Refunds: asked for by the buyer (inside the event's refund window) or the organizer, approved
//! by a platform admin (or at once under `REFUND_AUTO_APPROVE`), then executed through the
//! gateway that was paid.
//!
//! `requested` -> `approved` | `rejected`; `approved` -> `processing` -> `refunded` | `failed`
//! (a failed refund can be retried). Approving voids the tickets (the door refuses them), gives
//! their places back to the sale, and posts the refund to the ledger, all in one transaction.
//! A ticket is claimed by one live refund at a time (a conditional UPDATE), so an order never
//! gives back more than was paid for its tickets, and every status move is a conditional
//! UPDATE from the expected status, so nothing runs twice.

use chrono::{DateTime, Utc};
use common::finance::{
    CreateRefund, LedgerEntryKind, ListRefundsQuery, Refund, RefundRequester, RefundStatus,
    ReviewDecision,
};
use common::orders::ActorKind;
use common::page::PageQuery;
use common::{Currency, ErrorCode, Money, Page};
use db::refunds::{Change, NewRefund, RefundRow};
use db::{ConnectionTrait, OrgScope, WriteTx};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::buyer_orders::{self, BuyerAccess};
use crate::services::checkout::after_inventory_change;
use crate::settings::RefundAutoApprove;
use crate::state::AppState;

mod execute;
mod notify;

pub use execute::{EXECUTE_REFUND, ExecuteRefund, apply_report, execute};
pub use notify::{REFUND_NEWS, RefundNewsJob, send_news};

const REASON_MAX: usize = 1000;

/// A deterministic id from the request's `Idempotency-Key`: a retried request finds the refund
/// the first one made instead of making another.
pub fn id_for_key(kind: &str, org_id: Uuid, key: Option<&str>) -> Uuid {
    use sha2::Digest;
    match key {
        Some(key) => {
            let digest = sha2::Sha256::digest(format!("{kind}:{org_id}:{key}"));
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(&digest[..16]);
            uuid::Builder::from_custom_bytes(bytes).into_uuid()
        }
        None => Uuid::now_v7(),
    }
}

pub fn dto(row: &RefundRow, order_reference: &str) -> Refund {
    let currency = Currency::from_code(&row.currency).unwrap_or(Currency::XAF);
    Refund {
        id: row.id,
        org_id: row.org_id,
        order_id: row.order_id,
        order_reference: order_reference.to_owned(),
        status: RefundStatus::parse(&row.status).unwrap_or(RefundStatus::Requested),
        requested_by: RefundRequester::parse(&row.requested_by)
            .unwrap_or(RefundRequester::Organizer),
        amount: Money::from_minor(row.amount_minor, currency),
        ticket_ids: db::refunds::ticket_ids(row),
        reason: row.reason.clone(),
        decision_note: row.decision_note.clone(),
        failure_reason: row.failure_reason.clone(),
        created_at: row.created_at,
        decided_at: row.decided_at,
        completed_at: row.completed_at,
    }
}

/// Until when the buyer of an order for `event` may ask for a refund, if at all.
pub fn refundable_until(event: &db::events::EventRow) -> Option<DateTime<Utc>> {
    let hours = u32::try_from(event.refund_deadline_hours?).ok()?;
    DateTime::from_timestamp(
        domain::refunds::buyer_deadline_s(hours, event.starts_at.timestamp()),
        0,
    )
}

/// `POST /orders/{order_id}/refunds`: the buyer asks, inside the event's refund window.
pub async fn request_by_buyer(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
    input: CreateRefund,
    key: Option<&str>,
) -> AppResult<Refund> {
    let (scope, order) = buyer_orders::load_fresh(state, order_id, access).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    let id = id_for_key("refund", scope.org_id(), key);
    if let Some(done) = replay(state, scope, id, order.id).await? {
        return Ok(done);
    }
    let now = state.now();
    if !domain::refunds::buyer_window_open(
        event
            .refund_deadline_hours
            .and_then(|h| u32::try_from(h).ok()),
        event.starts_at.timestamp(),
        now.timestamp(),
    ) {
        return Err(AppError::code(ErrorCode::RefundWindowClosed));
    }
    let auto = state.settings.money.refund_auto_approve == RefundAutoApprove::All;
    create(
        state,
        scope,
        &order,
        id,
        Requester {
            kind: RefundRequester::Buyer,
            user_id: access.user_id,
            auto_approve: auto,
        },
        input,
    )
    .await
}

/// `POST /orgs/{org_id}/orders/{order_id}/refunds`: the organizer gives money back.
pub async fn create_by_organizer(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    order_id: Uuid,
    input: CreateRefund,
    key: Option<&str>,
) -> AppResult<Refund> {
    let order = db::orders::get(&state.db, scope, order_id).await?;
    let id = id_for_key("refund", scope.org_id(), key);
    if let Some(done) = replay(state, scope, id, order.id).await? {
        return Ok(done);
    }
    let auto = state.settings.money.refund_auto_approve != RefundAutoApprove::None;
    create(
        state,
        scope,
        &order,
        id,
        Requester {
            kind: RefundRequester::Organizer,
            user_id: Some(user_id),
            auto_approve: auto,
        },
        input,
    )
    .await
}

/// The refund an earlier request with the same key made, if any.
async fn replay(
    state: &AppState,
    scope: OrgScope,
    id: Uuid,
    order_id: Uuid,
) -> AppResult<Option<Refund>> {
    match db::refunds::get(&state.db, scope, id).await {
        Ok(row) if row.order_id == order_id => {
            let order = db::orders::get(&state.db, scope, order_id).await?;
            Ok(Some(dto(&row, &order.reference)))
        }
        Ok(_) => Err(AppError::code(ErrorCode::IdempotencyKeyReused)),
        Err(db::DbError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

struct Requester {
    kind: RefundRequester,
    user_id: Option<Uuid>,
    auto_approve: bool,
}

async fn create(
    state: &AppState,
    scope: OrgScope,
    order: &db::orders::OrderRow,
    id: Uuid,
    by: Requester,
    input: CreateRefund,
) -> AppResult<Refund> {
    if order.status != "confirmed" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only a paid booking can be refunded",
        ));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > REASON_MAX)
    {
        return Err(AppError::field(
            "reason",
            "too_long",
            "at most 1000 characters",
        ));
    }
    let payment = db::payments::for_order(&state.db, scope, order.id)
        .await?
        .into_iter()
        .find(|p| p.status == "succeeded");
    let Some(payment) = payment else {
        return Err(AppError::with_detail(
            ErrorCode::NothingToRefund,
            "nothing was paid for this order (cancel the booking instead)",
        ));
    };
    let tickets = db::tickets::for_order(&state.db, scope, order.id).await?;
    let items = db::orders::items(&state.db, scope, order.id).await?;
    let chosen: Vec<&db::tickets::TicketRow> = if input.ticket_ids.is_empty() {
        tickets
            .iter()
            .filter(|t| t.status == "valid" && t.refund_id.is_none())
            .collect()
    } else {
        let mut chosen = Vec::new();
        for (i, id) in input.ticket_ids.iter().enumerate() {
            let Some(t) = tickets.iter().find(|t| t.id == *id) else {
                return Err(AppError::field(
                    &format!("ticket_ids[{i}]"),
                    "unknown_ticket",
                    "not a ticket of this order",
                ));
            };
            if !chosen
                .iter()
                .any(|c: &&db::tickets::TicketRow| c.id == t.id)
            {
                chosen.push(t);
            }
        }
        chosen
    };
    if chosen.is_empty() {
        return Err(AppError::code(ErrorCode::NothingToRefund));
    }
    let amount_minor = ticket_values(&items, &tickets, &chosen);
    let ticket_ids: Vec<Uuid> = chosen.iter().map(|t| t.id).collect();
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let row = db::refunds::insert(
        &tx,
        scope,
        id,
        NewRefund {
            order_id: order.id,
            payment_id: Some(payment.id),
            requested_by: by.kind.as_str(),
            requested_by_user_id: by.user_id,
            amount_minor,
            currency: order.currency.clone(),
            ticket_ids: ticket_ids.clone(),
            reason: reason.clone(),
            method: Some(payment.method.clone()),
        },
        now,
    )
    .await;
    let row = match row {
        Ok(row) => row,
        // The same key, at the same time: the other request is making this refund.
        Err(_) if db::refunds::get(&state.db, scope, id).await.is_ok() => {
            return Err(AppError::code(ErrorCode::IdempotencyConflict));
        }
        Err(e) => return Err(e.into()),
    };
    let claimed =
        db::refunds::claim_tickets(&tx, scope, order.id, &ticket_ids, row.id, now).await?;
    if claimed != ticket_ids.len() as u64 {
        // Dropping the transaction undoes the insert: nothing half-written.
        return Err(AppError::code(ErrorCode::NothingToRefund));
    }
    history(
        &tx,
        scope,
        order.id,
        "refund_requested",
        by.kind,
        by.user_id,
        reason,
        now,
    )
    .await?;
    let approved = by.auto_approve
        && approve_in(&tx, scope, &row, None, None, now)
            .await?
            .is_some();
    tx.commit().await?;
    if approved {
        after_approval(state, scope, order.event_id).await;
    }
    let row = db::refunds::get(&state.db, scope, row.id).await?;
    Ok(dto(&row, &order.reference))
}

/// What the chosen tickets were paid: each line's net price shared among its tickets.
fn ticket_values(
    items: &[db::orders::OrderItemRow],
    all: &[db::tickets::TicketRow],
    chosen: &[&db::tickets::TicketRow],
) -> i64 {
    let mut total = 0;
    for item in items {
        let mut of_item: Vec<&db::tickets::TicketRow> =
            all.iter().filter(|t| t.order_item_id == item.id).collect();
        of_item.sort_by_key(|t| t.position);
        let shares = domain::refunds::ticket_shares(
            item.subtotal_minor - item.discount_minor,
            u32::try_from(of_item.len()).unwrap_or(0),
        );
        for (t, share) in of_item.iter().zip(shares) {
            if chosen.iter().any(|c| c.id == t.id) {
                total += share;
            }
        }
    }
    total
}

#[allow(clippy::too_many_arguments)]
async fn history(
    tx: &WriteTx,
    scope: OrgScope,
    order_id: Uuid,
    kind: &'static str,
    by: RefundRequester,
    user_id: Option<Uuid>,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let actor = match by {
        RefundRequester::Buyer => ActorKind::Buyer,
        RefundRequester::Organizer => ActorKind::Organizer,
        RefundRequester::System => ActorKind::System,
    };
    db::order_events::record(
        tx,
        scope,
        order_id,
        db::order_events::NewOrderEvent {
            kind,
            actor,
            actor_user_id: user_id,
            note,
            ..Default::default()
        },
        now,
    )
    .await?;
    Ok(())
}

/// `requested` -> `approved` inside the caller's transaction: tickets void, places back on
/// sale, ledger debited, execution queued. `None` when the refund was not `requested`.
async fn approve_in(
    tx: &WriteTx,
    scope: OrgScope,
    row: &RefundRow,
    admin: Option<Uuid>,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<Option<()>> {
    if !db::refunds::transition(
        tx,
        scope,
        row.id,
        RefundStatus::Requested.as_str(),
        RefundStatus::Approved.as_str(),
        Change {
            decided: true,
            decided_by: admin,
            decision_note: note,
            ..Change::default()
        },
        now,
    )
    .await?
    {
        return Ok(None);
    }
    if row.requested_by != RefundRequester::System.as_str() {
        let voided = db::refunds::void_tickets(tx, scope, row.id, now).await?;
        if voided > 0 {
            release_places(tx, scope, row, now).await?;
        }
        db::ledger::post(
            tx,
            scope,
            db::ledger::NewEntry {
                currency: row.currency.clone(),
                kind: LedgerEntryKind::Refund.as_str(),
                amount_minor: -row.amount_minor,
                available_at: now,
                source_key: format!("refund:{}", row.id),
                order_id: Some(row.order_id),
                refund_id: Some(row.id),
                withdrawal_id: None,
                memo: Some(db::orders::get(tx, scope, row.order_id).await?.reference),
            },
            now,
        )
        .await?;
        db::order_events::record(
            tx,
            scope,
            row.order_id,
            db::order_events::NewOrderEvent {
                kind: "refund_approved",
                actor: if admin.is_some() {
                    ActorKind::System
                } else {
                    ActorKind::Organizer
                },
                note: Some(
                    Money::from_minor(
                        row.amount_minor,
                        Currency::from_code(&row.currency).unwrap_or(Currency::XAF),
                    )
                    .amount
                    .to_string(),
                ),
                ..Default::default()
            },
            now,
        )
        .await?;
    }
    execute::enqueue(tx, scope, row.id, now).await?;
    Ok(Some(()))
}

/// The refunded tickets' places go back on sale (per ticket type and capacity group).
async fn release_places(
    tx: &WriteTx,
    scope: OrgScope,
    row: &RefundRow,
    _now: DateTime<Utc>,
) -> AppResult<()> {
    let ids = db::refunds::ticket_ids(row);
    let tickets = db::tickets::for_order(tx, scope, row.order_id).await?;
    let items = db::orders::items(tx, scope, row.order_id).await?;
    let mut claims = Vec::new();
    for item in &items {
        let n = tickets
            .iter()
            .filter(|t| t.order_item_id == item.id && ids.contains(&t.id))
            .count();
        if n > 0 {
            let mut one = item.clone();
            one.quantity = i32::try_from(n).unwrap_or(0);
            claims.extend(db::orders::claims(std::slice::from_ref(&one)));
        }
    }
    db::inventory::release_sold(tx, scope, &claims).await?;
    Ok(())
}

async fn after_approval(state: &AppState, scope: OrgScope, event_id: Uuid) {
    state.jobs_ready.notify_one();
    if let Ok(event) = db::events::get(&state.db, scope, event_id).await {
        after_inventory_change(state, &event, false).await;
    }
}

// ---- platform admins ----

async fn admin_scope(state: &AppState, id: Uuid) -> AppResult<OrgScope> {
    let org_id = db::refunds::owner_org(&state.db, id)
        .await
        .map_err(|_| AppError::not_found())?;
    Ok(OrgScope::for_platform_operation(org_id))
}

async fn load_dto(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Refund> {
    let row = db::refunds::get(&state.db, scope, id).await?;
    let order = db::orders::get(&state.db, scope, row.order_id).await?;
    Ok(dto(&row, &order.reference))
}

pub async fn approve(
    state: &AppState,
    admin: Uuid,
    id: Uuid,
    input: ReviewDecision,
) -> AppResult<Refund> {
    let scope = admin_scope(state, id).await?;
    let row = db::refunds::get(&state.db, scope, id).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let done = approve_in(&tx, scope, &row, Some(admin), input.note, now).await?;
    if done.is_none() {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this refund is not waiting for a decision",
        ));
    }
    let order = db::orders::get(&tx, scope, row.order_id).await?;
    tx.commit().await?;
    after_approval(state, scope, order.event_id).await;
    load_dto(state, scope, id).await
}

pub async fn reject(
    state: &AppState,
    admin: Uuid,
    id: Uuid,
    input: ReviewDecision,
) -> AppResult<Refund> {
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| AppError::field("note", "required", "say why the refund is declined"))?;
    let scope = admin_scope(state, id).await?;
    let row = db::refunds::get(&state.db, scope, id).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    if !db::refunds::transition(
        &tx,
        scope,
        id,
        RefundStatus::Requested.as_str(),
        RefundStatus::Rejected.as_str(),
        Change {
            decided: true,
            decided_by: Some(admin),
            decision_note: Some(note.clone()),
            ..Change::default()
        },
        now,
    )
    .await?
    {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this refund is not waiting for a decision",
        ));
    }
    db::refunds::release_tickets(&tx, scope, id, now).await?;
    history(
        &tx,
        scope,
        row.order_id,
        "refund_rejected",
        RefundRequester::System,
        None,
        Some(note),
        now,
    )
    .await?;
    notify::enqueue(
        &tx,
        scope,
        id,
        integrations::emails::RefundNews::Rejected,
        now,
    )
    .await?;
    tx.commit().await?;
    state.jobs_ready.notify_one();
    load_dto(state, scope, id).await
}

/// A failed refund runs again.
pub async fn retry(state: &AppState, id: Uuid) -> AppResult<Refund> {
    let scope = admin_scope(state, id).await?;
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    if !db::refunds::transition(
        &tx,
        scope,
        id,
        RefundStatus::Failed.as_str(),
        RefundStatus::Approved.as_str(),
        Change::default(),
        now,
    )
    .await?
    {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only a failed refund can be retried",
        ));
    }
    execute::enqueue(&tx, scope, id, now).await?;
    tx.commit().await?;
    state.jobs_ready.notify_one();
    load_dto(state, scope, id).await
}

// ---- lists ----

async fn page(
    state: &AppState,
    scope: Option<OrgScope>,
    q: ListRefundsQuery,
) -> AppResult<Page<Refund>> {
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (rows, next_cursor) = db::refunds::list(
        &state.db,
        scope,
        q.status.map(RefundStatus::as_str),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let s = OrgScope::for_platform_operation(row.org_id);
        let reference = db::orders::get(&state.db, s, row.order_id).await?.reference;
        items.push(dto(&row, &reference));
    }
    Ok(Page { items, next_cursor })
}

pub async fn list_for_org(
    state: &AppState,
    scope: OrgScope,
    q: ListRefundsQuery,
) -> AppResult<Page<Refund>> {
    page(state, Some(scope), q).await
}

pub async fn list_all(state: &AppState, q: ListRefundsQuery) -> AppResult<Page<Refund>> {
    page(state, None, q).await
}

/// An order's refunds, newest first, for its page.
pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order: &db::orders::OrderRow,
) -> AppResult<Vec<Refund>> {
    Ok(db::refunds::for_order(conn, scope, order.id)
        .await?
        .iter()
        .map(|r| dto(r, &order.reference))
        .collect())
}

/// A payment that succeeded after its order's hold lapsed and its tickets were sold: the money
/// goes back at once (approved by the platform, no tickets, nothing in the ledger since nothing
/// was sold), and the buyer is told why.
pub async fn open_for_late_payment(
    tx: &WriteTx,
    scope: OrgScope,
    order: &db::orders::OrderRow,
    payment: &db::payments::PaymentRow,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let row = db::refunds::insert(
        tx,
        scope,
        Uuid::now_v7(),
        NewRefund {
            order_id: order.id,
            payment_id: Some(payment.id),
            requested_by: RefundRequester::System.as_str(),
            requested_by_user_id: None,
            amount_minor: payment.amount_minor,
            currency: payment.currency.clone(),
            ticket_ids: Vec::new(),
            reason: Some("paid after the reservation expired; tickets sold out".into()),
            method: Some(payment.method.clone()),
        },
        now,
    )
    .await?;
    db::refunds::transition(
        tx,
        scope,
        row.id,
        RefundStatus::Requested.as_str(),
        RefundStatus::Approved.as_str(),
        Change {
            decided: true,
            ..Change::default()
        },
        now,
    )
    .await?;
    execute::enqueue(tx, scope, row.id, now).await?;
    notify::enqueue(
        tx,
        scope,
        row.id,
        integrations::emails::RefundNews::PaidTooLate,
        now,
    )
    .await?;
    Ok(())
}
