//! The buyer's side of an order: read it (expiring a lapsed hold on the way), cancel it while
//! pending, download tickets, list "my tickets". Access is the order's signed token or being the
//! signed-in buyer; anything else is a 404 (an order's existence is not disclosed).

use common::orders::Order;
use common::page::PageQuery;
use common::{ErrorCode, Page};
use db::OrgScope;
use db::orders::OrderRow;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::checkout::after_inventory_change;
use crate::services::order_lifecycle::Actor;
use crate::services::{order_access, order_delivery, order_lifecycle, order_view};
use crate::state::AppState;

#[derive(Debug, Clone, Default)]
pub struct BuyerAccess {
    pub user_id: Option<Uuid>,
    pub token: Option<String>,
}

async fn verified_email(state: &AppState, user_id: Uuid) -> AppResult<Option<String>> {
    Ok(db::users::find(&state.db, user_id)
        .await?
        .filter(|u| u.email_verified_at.is_some())
        .map(|u| u.email))
}

/// The order if the caller may see it.
pub async fn load(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<(OrgScope, OrderRow)> {
    let token_ok = access
        .token
        .as_deref()
        .is_some_and(|t| order_access::verify(state, order_id, t));
    let org_id = db::orders::owner_org(&state.db, order_id)
        .await
        .map_err(|_| AppError::not_found())?;
    let scope = OrgScope::for_buyer_of(org_id);
    let order = db::orders::get(&state.db, scope, order_id).await?;
    if !token_ok {
        let Some(user_id) = access.user_id else {
            return Err(AppError::not_found());
        };
        let email = verified_email(state, user_id).await?;
        if !db::orders::belongs_to(&order, user_id, email.as_deref()) {
            return Err(AppError::not_found());
        }
    }
    Ok((scope, order))
}

/// [`load`], expiring the hold first if it has lapsed (the lazy half of expiry).
pub async fn load_fresh(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<(OrgScope, OrderRow)> {
    let (scope, order) = load(state, order_id, access).await?;
    let now = state.now();
    if order.status == "pending" && order.expires_at.is_some_and(|e| e <= now) {
        let tx = db::begin_write(&state.db).await?;
        let expired =
            order_lifecycle::release(&tx, scope, order.id, "expired", Actor::SYSTEM, None, now)
                .await?;
        let event = db::events::get(&tx, scope, order.event_id).await?;
        tx.commit().await?;
        if expired {
            after_inventory_change(state, &event, false).await;
        }
        let order = db::orders::get(&state.db, scope, order_id).await?;
        return Ok((scope, order));
    }
    Ok((scope, order))
}

pub async fn get(state: &AppState, order_id: Uuid, access: &BuyerAccess) -> AppResult<Order> {
    let (scope, order) = load_fresh(state, order_id, access).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    order_view::order(&state.db, state, scope, &order, &event).await
}

/// The buyer gives up a pending order: tickets go back on sale at once.
pub async fn cancel(state: &AppState, order_id: Uuid, access: &BuyerAccess) -> AppResult<Order> {
    let (scope, order) = load_fresh(state, order_id, access).await?;
    if order.status != "pending" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only an order waiting for payment can be cancelled here",
        ));
    }
    let now = state.now();
    let tx = db::begin_write(&state.db).await?;
    let done = order_lifecycle::release(
        &tx,
        scope,
        order.id,
        "cancelled",
        Actor::buyer(access.user_id),
        None,
        now,
    )
    .await?;
    let event = db::events::get(&tx, scope, order.event_id).await?;
    tx.commit().await?;
    if !done {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this order changed meanwhile",
        ));
    }
    after_inventory_change(state, &event, false).await;
    get(state, order_id, access).await
}

pub async fn pdf(
    state: &AppState,
    order_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<(String, Vec<u8>)> {
    let (scope, order) = load(state, order_id, access).await?;
    if order.status != "confirmed" {
        return Err(AppError::not_found());
    }
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    let bytes = order_delivery::tickets_pdf(&state.db, state, scope, &order, &event).await?;
    Ok((format!("tickets-{}.pdf", order.reference), bytes))
}

/// The signed QR payload of one valid ticket of a confirmed order.
pub async fn qr_payload(
    state: &AppState,
    order_id: Uuid,
    ticket_id: Uuid,
    access: &BuyerAccess,
) -> AppResult<String> {
    let (scope, order) = load(state, order_id, access).await?;
    if order.status != "confirmed" {
        return Err(AppError::not_found());
    }
    let ticket = db::tickets::get(&state.db, scope, order.id, ticket_id).await?;
    order_delivery::qr_payload(state, &ticket)
}

/// "My tickets": orders placed while signed in or with the user's verified email.
pub async fn mine(state: &AppState, user_id: Uuid, q: PageQuery) -> AppResult<Page<Order>> {
    let email = verified_email(state, user_id).await?;
    let (rows, next_cursor) = db::orders::list_for_buyer(
        &state.db,
        user_id,
        email.as_deref(),
        q.limit(),
        q.cursor.as_deref(),
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for order in rows {
        let scope = OrgScope::for_buyer_of(order.org_id);
        let event = db::events::get(&state.db, scope, order.event_id).await?;
        items.push(order_view::order(&state.db, state, scope, &order, &event).await?);
    }
    Ok(Page { items, next_cursor })
}
