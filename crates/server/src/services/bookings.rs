//! The organizer's bookings: list and search an event's orders, see one with its history,
//! resend its tickets, cancel it, export to CSV.

use std::collections::HashMap;

use common::orders::{
    ActorKind, CancelOrder, ListOrdersQuery, OrderDetail, OrderHistoryEntry, OrderStatus,
    OrderSummary,
};
use common::{ErrorCode, Money, Page};
use db::OrgScope;
use db::orders::{OrderFilter, OrderRow};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::checkout::after_inventory_change;
use crate::services::event_fields::join;
use crate::services::order_lifecycle::Actor;
use crate::services::{order_delivery, order_lifecycle, order_view};
use crate::state::AppState;

/// Rows in one CSV export.
const EXPORT_CAP: u64 = 50_000;

fn filter_of(q: &ListOrdersQuery) -> OrderFilter {
    let text =
        q.q.as_deref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
    OrderFilter {
        status: q.status.map(|s| s.as_str().to_owned()),
        ticket_type_id: q.ticket_type_id,
        from: q.from,
        to: q.to,
        ticket_code: text
            .as_deref()
            .and_then(domain::codes::normalize_ticket_code),
        q: text,
    }
}

fn summary(o: &OrderRow) -> OrderSummary {
    OrderSummary {
        id: o.id,
        reference: o.reference.clone(),
        event_id: o.event_id,
        status: order_view::status_of(o),
        buyer: order_view::buyer_of(o),
        tickets: u32::try_from(o.tickets_count).unwrap_or(0),
        total: Money::from_minor(o.total_minor, order_view::currency_of(o)),
        coupon_code: o.coupon_code.clone(),
        created_at: o.created_at,
        confirmed_at: o.confirmed_at,
    }
}

pub async fn list(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    q: ListOrdersQuery,
) -> AppResult<Page<OrderSummary>> {
    db::events::get(&state.db, scope, event_id).await?;
    let limit = common::page::PageQuery {
        limit: q.limit,
        cursor: None,
    }
    .limit();
    let (rows, next_cursor) = db::orders::list_for_event(
        &state.db,
        scope,
        event_id,
        &filter_of(&q),
        limit,
        q.cursor.as_deref(),
    )
    .await?;
    Ok(Page {
        items: rows.iter().map(summary).collect(),
        next_cursor,
    })
}

pub async fn detail(state: &AppState, scope: OrgScope, order_id: Uuid) -> AppResult<OrderDetail> {
    let order = db::orders::get(&state.db, scope, order_id).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    let dto = order_view::order(&state.db, state, scope, &order, &event).await?;
    let events = db::order_events::list(&state.db, scope, order_id).await?;
    let mut names: HashMap<Uuid, String> = HashMap::new();
    for id in events.iter().filter_map(|e| e.actor_user_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id)
            && let Some(user) = db::users::find(&state.db, id).await?
        {
            slot.insert(user.name);
        }
    }
    let history = events
        .iter()
        .map(|e| OrderHistoryEntry {
            at: e.created_at,
            kind: e.kind.clone(),
            from_status: e.from_status.as_deref().and_then(OrderStatus::parse),
            to_status: e.to_status.as_deref().and_then(OrderStatus::parse),
            actor: ActorKind::parse(&e.actor).unwrap_or(ActorKind::System),
            // Buyers are named by the order itself; only organizer members are looked up.
            actor_name: (e.actor == "organizer")
                .then(|| e.actor_user_id.and_then(|id| names.get(&id).cloned()))
                .flatten(),
            note: e.note.clone(),
        })
        .collect();
    Ok(OrderDetail {
        order: dto,
        history,
    })
}

pub async fn cancel(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    order_id: Uuid,
    input: CancelOrder,
) -> AppResult<OrderDetail> {
    let reason = input
        .reason
        .map(|r| r.trim().chars().take(500).collect::<String>())
        .filter(|r| !r.is_empty());
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let order = db::orders::get(&tx, scope, order_id).await?;
    let done = match order.status.as_str() {
        "pending" => {
            order_lifecycle::release(
                &tx,
                scope,
                order.id,
                "cancelled",
                Actor::organizer(user_id),
                reason,
                now,
            )
            .await?
        }
        "confirmed" => {
            order_lifecycle::cancel_confirmed(&tx, scope, &order, user_id, reason, now).await?
        }
        _ => false,
    };
    if !done {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only pending or confirmed orders can be cancelled",
        ));
    }
    let event = db::events::get(&tx, scope, order.event_id).await?;
    tx.commit().await?;
    after_inventory_change(state, &event, true).await;
    // Its tickets no longer count as expected at the door.
    state.live.publish(order.event_id);
    detail(state, scope, order_id).await
}

pub async fn resend(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    order_id: Uuid,
) -> AppResult<()> {
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let order = db::orders::get(&tx, scope, order_id).await?;
    if order.status != "confirmed" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only confirmed orders have tickets to send",
        ));
    }
    order_delivery::enqueue_confirmation(&tx, state, scope, order.id, now).await?;
    db::order_events::record(
        &tx,
        scope,
        order.id,
        db::order_events::NewOrderEvent {
            kind: "tickets_resent",
            actor: ActorKind::Organizer,
            actor_user_id: Some(user_id),
            ..Default::default()
        },
        now,
    )
    .await?;
    tx.commit().await?;
    state.jobs_ready.notify_one();
    Ok(())
}

/// One row per ticket (confirmed orders) or per order (others), spreadsheet-friendly.
pub async fn export_csv(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    q: ListOrdersQuery,
) -> AppResult<(String, Vec<u8>)> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let orders =
        db::orders::all_for_event(&state.db, scope, event_id, &filter_of(&q), EXPORT_CAP).await?;
    let ids: Vec<Uuid> = orders.iter().map(|o| o.id).collect();
    let tickets = db::tickets::for_orders(&state.db, scope, &ids).await?;
    let types = db::ticket_types::list(&state.db, scope, event_id).await?;
    let type_name = |id: Uuid| {
        types
            .iter()
            .find(|t| t.id == id)
            .map(|t| {
                join(&t.name_en, &t.name_fr)
                    .get(common::Lang::En)
                    .to_owned()
            })
            .unwrap_or_default()
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::internal(anyhow::anyhow!("csv: {e}"));
    out.write_record([
        "order_reference",
        "status",
        "created_at",
        "confirmed_at",
        "buyer_name",
        "buyer_email",
        "buyer_phone",
        "ticket_code",
        "ticket_type",
        "attendee_name",
        "ticket_status",
        "order_total",
        "currency",
        "coupon_code",
    ])
    .map_err(csv_err)?;
    for o in &orders {
        let total = Money::from_minor(o.total_minor, order_view::currency_of(o))
            .amount
            .to_string();
        let base = |code: &str, ttype: &str, attendee: &str, tstatus: &str| {
            vec![
                o.reference.clone(),
                o.status.clone(),
                o.created_at.to_rfc3339(),
                o.confirmed_at.map(|d| d.to_rfc3339()).unwrap_or_default(),
                spreadsheet_safe(&o.buyer_name),
                spreadsheet_safe(&o.buyer_email),
                o.buyer_phone.clone().unwrap_or_default(),
                code.to_owned(),
                spreadsheet_safe(ttype),
                spreadsheet_safe(attendee),
                tstatus.to_owned(),
                total.clone(),
                o.currency.clone(),
                o.coupon_code.clone().unwrap_or_default(),
            ]
        };
        let mine: Vec<_> = tickets.iter().filter(|t| t.order_id == o.id).collect();
        if mine.is_empty() {
            out.write_record(base("", "", "", "")).map_err(csv_err)?;
        }
        for t in mine {
            out.write_record(base(
                &t.code,
                &type_name(t.ticket_type_id),
                &t.attendee_name,
                &t.status,
            ))
            .map_err(csv_err)?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((format!("orders-{}.csv", event.slug), bytes))
}

/// Buyers type these fields: a leading `=`, `+`, `-` or `@` would run as a formula when the
/// organizer opens the file in a spreadsheet (CSV injection), so such values get a `'` prefix.
pub(crate) fn spreadsheet_safe(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_values_are_defused_for_spreadsheets() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Amina Njoya"), "Amina Njoya");
    }
}
