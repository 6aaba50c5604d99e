//! Order state transitions and their inventory effects. Each function runs inside the caller's
//! write transaction and starts with a conditional status UPDATE, so of two racing transitions
//! (a payment confirming, the sweep expiring) exactly one takes effect; the loser changes nothing.

use chrono::{DateTime, Utc};
use common::Lang;
use common::orders::ActorKind;
use db::orders::{OrderItemRow, OrderRow};
use db::{ConnectionTrait, OrgScope, WriteTx};
use uuid::Uuid;

use crate::error::AppResult;
use crate::services::order_delivery;
use crate::state::AppState;

/// How many lapsed holds one new order sweeps on its event before holding (the background sweep
/// handles the rest).
const LAZY_SWEEP: u64 = 20;

/// Who made a transition, for the order's history.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub kind: ActorKind,
    pub user_id: Option<Uuid>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor {
        kind: ActorKind::System,
        user_id: None,
    };
    pub const GATEWAY: Actor = Actor {
        kind: ActorKind::Gateway,
        user_id: None,
    };

    pub fn buyer(user_id: Option<Uuid>) -> Actor {
        Actor {
            kind: ActorKind::Buyer,
            user_id,
        }
    }

    pub fn organizer(user_id: Uuid) -> Actor {
        Actor {
            kind: ActorKind::Organizer,
            user_id: Some(user_id),
        }
    }
}

/// Issues tickets, moves held to sold, records history and queues the confirmation email.
/// `false` when the order was no longer pending.
pub async fn confirm(
    tx: &WriteTx,
    state: &AppState,
    scope: OrgScope,
    order: &OrderRow,
    items: &[OrderItemRow],
    by: Actor,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if !db::orders::transition(tx, scope, order.id, "pending", "confirmed", now).await? {
        return Ok(false);
    }
    db::inventory::sell_held(tx, scope, &db::orders::claims(items)).await?;
    record_confirmation(tx, state, scope, order, items, by, now).await?;
    Ok(true)
}

/// What confirming writes besides the status and inventory: tickets, history, the email job,
/// the sale in the ledger and the invoice.
/// Free orders call it before taking inventory, so the hot ticket-type row is locked last.
pub async fn record_confirmation(
    tx: &WriteTx,
    state: &AppState,
    scope: OrgScope,
    order: &OrderRow,
    items: &[OrderItemRow],
    by: Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<db::tickets::TicketRow>> {
    let tickets = issue_tickets(tx, scope, order, items, now).await?;
    db::order_events::record(
        tx,
        scope,
        order.id,
        db::order_events::NewOrderEvent {
            kind: "confirmed",
            from_status: Some("pending"),
            to_status: Some("confirmed"),
            actor: by.kind,
            actor_user_id: by.user_id,
            note: None,
        },
        now,
    )
    .await?;
    order_delivery::enqueue_confirmation(tx, state, scope, order.id, now).await?;
    crate::services::ledger::post_sale(tx, state, scope, order, now).await?;
    // Last: numbering locks the organization's invoice counter until this transaction ends.
    crate::services::invoices::issue_for_order(tx, scope, order, items, now).await?;
    Ok(tickets)
}

async fn issue_tickets(
    tx: &WriteTx,
    scope: OrgScope,
    order: &OrderRow,
    items: &[OrderItemRow],
    now: DateTime<Utc>,
) -> AppResult<Vec<db::tickets::TicketRow>> {
    let mut tickets = Vec::new();
    let mut position = 0;
    for item in items {
        let names: Vec<Option<String>> =
            serde_json::from_value(item.attendees.clone()).unwrap_or_default();
        for i in 0..usize::try_from(item.quantity).unwrap_or(0) {
            tickets.push(db::tickets::NewTicket {
                event_id: order.event_id,
                order_id: order.id,
                order_item_id: item.id,
                ticket_type_id: item.ticket_type_id,
                // 80 random bits: unguessable, and typable at the door.
                code: domain::codes::ticket_code(rand::random()),
                attendee_name: names
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| order.buyer_name.clone()),
                position,
            });
            position += 1;
        }
    }
    Ok(db::tickets::insert_many(tx, scope, tickets, now).await?)
}

/// Ends a pending order without a sale (`expired` by time, `cancelled` by the buyer or after
/// failed payments): its tickets and coupon use go back. `false` when it was not pending.
pub async fn release<C: ConnectionTrait>(
    tx: &C,
    scope: OrgScope,
    order_id: Uuid,
    to: &str,
    by: Actor,
    note: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if !db::orders::transition(tx, scope, order_id, "pending", to, now).await? {
        return Ok(false);
    }
    let order = db::orders::get(tx, scope, order_id).await?;
    let items = db::orders::items(tx, scope, order_id).await?;
    db::inventory::release_held(tx, scope, &db::orders::claims(&items)).await?;
    if let Some(coupon_id) = order.coupon_id {
        db::coupons::release_use(tx, scope, coupon_id, &order.holder_key, now).await?;
    }
    db::order_events::record(
        tx,
        scope,
        order_id,
        db::order_events::NewOrderEvent {
            kind: to,
            from_status: Some("pending"),
            to_status: Some(to),
            actor: by.kind,
            actor_user_id: by.user_id,
            note,
        },
        now,
    )
    .await?;
    Ok(true)
}

/// Cancels a confirmed booking (organizer): tickets void, inventory and coupon use given back,
/// the buyer told by email.
pub async fn cancel_confirmed(
    tx: &WriteTx,
    scope: OrgScope,
    order: &OrderRow,
    actor_user_id: Uuid,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if !db::orders::transition(tx, scope, order.id, "confirmed", "cancelled", now).await? {
        return Ok(false);
    }
    let items = db::orders::items(tx, scope, order.id).await?;
    db::inventory::release_sold(tx, scope, &db::orders::claims(&items)).await?;
    db::tickets::cancel_for_order(tx, scope, order.id, now).await?;
    if let Some(coupon_id) = order.coupon_id {
        db::coupons::release_use(tx, scope, coupon_id, &order.holder_key, now).await?;
    }
    db::order_events::record(
        tx,
        scope,
        order.id,
        db::order_events::NewOrderEvent {
            kind: "cancelled",
            from_status: Some("confirmed"),
            to_status: Some("cancelled"),
            actor: ActorKind::Organizer,
            actor_user_id: Some(actor_user_id),
            note: reason.clone(),
        },
        now,
    )
    .await?;
    order_delivery::enqueue_cancellation(tx, scope, order, reason, now).await?;
    Ok(true)
}

/// Expires this event's lapsed holds inside the caller's transaction; how many it expired.
pub async fn sweep_event(
    tx: &WriteTx,
    scope: OrgScope,
    event_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut expired = 0;
    for id in db::orders::due_for_expiry_in_event(tx, scope, event_id, now, LAZY_SWEEP).await? {
        if release(tx, scope, id, "expired", Actor::SYSTEM, None, now).await? {
            expired += 1;
        }
    }
    Ok(expired)
}

/// The background sweep: expires lapsed holds platform-wide, one short transaction each.
/// Returns how many it expired.
pub async fn sweep_all(state: &AppState) -> AppResult<usize> {
    let now = state.now();
    let due = db::orders::due_for_expiry(&state.db, now, 200).await?;
    let mut expired = 0;
    let mut events = Vec::new();
    for (id, org_id) in due {
        // Acts for the platform: no member or buyer is behind the sweep.
        let scope = OrgScope::for_platform_operation(org_id);
        let tx = db::begin_write(&state.db).await?;
        if release(&tx, scope, id, "expired", Actor::SYSTEM, None, now).await? {
            expired += 1;
            let order = db::orders::get(&tx, scope, id).await?;
            if let Ok(event) = db::events::get(&tx, scope, order.event_id).await {
                events.push(event);
            }
        }
        tx.commit().await?;
    }
    events.dedup_by_key(|e| e.id);
    for event in &events {
        crate::services::checkout::after_inventory_change(state, event, false).await;
    }
    Ok(expired)
}

/// The language an order's emails and PDF use.
pub fn lang_of(order: &OrderRow) -> Lang {
    Lang::from_tag(&order.language).unwrap_or_default()
}
