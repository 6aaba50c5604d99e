//! Orders and their items: inserted with the hold, moved between states by conditional UPDATEs
//! (`... WHERE status = 'pending'`) so that of two racing transitions (payment vs. expiry sweep)
//! exactly one wins.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::orders::{ActiveModel, Column, Entity};
use crate::entities::{order_items, tickets};
use crate::error::{DbError, DbResult};
use crate::inventory::Claim;
use crate::scope::OrgScope;

pub use crate::entities::order_items::Model as OrderItemRow;
pub use crate::entities::orders::Model as OrderRow;

#[derive(Debug, Clone)]
pub struct NewItem {
    pub ticket_type_id: Uuid,
    pub capacity_group_id: Option<Uuid>,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub attendees: Vec<Option<String>>,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub event_id: Uuid,
    pub user_id: Option<Uuid>,
    pub reference: String,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_phone: Option<String>,
    pub language: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
    pub fee_payer: String,
    pub coupon_id: Option<Uuid>,
    pub coupon_code: Option<String>,
    pub holder_key: String,
    pub expires_at: DateTime<Utc>,
    /// Free orders are written confirmed at once (no hold, no expiry).
    pub confirmed: bool,
    pub items: Vec<NewItem>,
}

/// Inserts a pending (or, when free, confirmed) order and its items; the inventory itself is
/// taken by `inventory::hold` / `inventory::sell`.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    new: NewOrder,
    now: DateTime<Utc>,
) -> DbResult<(OrderRow, Vec<OrderItemRow>)> {
    let id = Uuid::now_v7();
    let tickets_count = new.items.iter().map(|i| i.quantity).sum();
    let order = ActiveModel {
        id: Set(id),
        org_id: Set(scope.org_id()),
        event_id: Set(new.event_id),
        user_id: Set(new.user_id),
        reference: Set(new.reference),
        status: Set(if new.confirmed {
            "confirmed"
        } else {
            "pending"
        }
        .into()),
        buyer_name: Set(new.buyer_name),
        buyer_email: Set(new.buyer_email),
        buyer_phone: Set(new.buyer_phone),
        language: Set(new.language),
        currency: Set(new.currency),
        subtotal_minor: Set(new.subtotal_minor),
        discount_minor: Set(new.discount_minor),
        fee_minor: Set(new.fee_minor),
        total_minor: Set(new.total_minor),
        fee_payer: Set(new.fee_payer),
        coupon_id: Set(new.coupon_id),
        coupon_code: Set(new.coupon_code),
        holder_key: Set(new.holder_key),
        tickets_count: Set(tickets_count),
        expires_at: Set((!new.confirmed).then_some(new.expires_at)),
        confirmed_at: Set(new.confirmed.then_some(now)),
        cancelled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    let mut items = Vec::with_capacity(new.items.len());
    for (position, item) in new.items.into_iter().enumerate() {
        let row = order_items::ActiveModel {
            id: Set(Uuid::now_v7()),
            org_id: Set(scope.org_id()),
            order_id: Set(id),
            ticket_type_id: Set(item.ticket_type_id),
            capacity_group_id: Set(item.capacity_group_id),
            quantity: Set(item.quantity),
            unit_price_minor: Set(item.unit_price_minor),
            subtotal_minor: Set(item.subtotal_minor),
            discount_minor: Set(item.discount_minor),
            fee_minor: Set(item.fee_minor),
            attendees: Set(serde_json::json!(item.attendees)),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(conn)
        .await?;
        items.push(row);
    }
    Ok((order, items))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<OrderRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// The organization owning an order, for the buyer's path (the caller has already proven access
/// with the order's signed token) and for platform jobs.
pub async fn owner_org<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<Uuid> {
    Entity::find_by_id(id)
        .select_only()
        .column(Column::OrgId)
        .into_tuple::<Uuid>()
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn items<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<OrderItemRow>> {
    Ok(order_items::Entity::find()
        .filter(order_items::Column::OrgId.eq(scope.org_id()))
        .filter(order_items::Column::OrderId.eq(order_id))
        .order_by_asc(order_items::Column::Position)
        .all(conn)
        .await?)
}

/// What an order's items hold or sold, for the inventory counters.
pub fn claims(items: &[OrderItemRow]) -> Vec<Claim> {
    items
        .iter()
        .map(|i| Claim {
            ticket_type_id: i.ticket_type_id,
            capacity_group_id: i.capacity_group_id,
            quantity: i.quantity,
        })
        .collect()
}

/// Moves an order from `from` to `to` if it is still in `from`; `false` when another transition
/// won. Sets `confirmed_at`/`cancelled_at` and clears `expires_at` as the target state requires.
pub async fn transition<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let mut update = Entity::update_many()
        .col_expr(Column::Status, Expr::value(to))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    if to != "pending" {
        update = update.col_expr(
            Column::ExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    }
    match to {
        "confirmed" => update = update.col_expr(Column::ConfirmedAt, Expr::value(Some(now))),
        "cancelled" => update = update.col_expr(Column::CancelledAt, Expr::value(Some(now))),
        _ => {}
    }
    let res = update
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Status.eq(from))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Pushes a pending order's expiry to at least `until` (a payment is in flight).
pub async fn extend_hold<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::ExpiresAt, Expr::value(Some(until)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Status.eq("pending"))
        .filter(Column::ExpiresAt.lt(until))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Pending orders whose hold has run out, oldest first: `(order id, org id)`. Platform-wide, for
/// the expiry sweep.
pub async fn due_for_expiry<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<(Uuid, Uuid)>> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .column(Column::OrgId)
        .filter(Column::Status.eq("pending"))
        .filter(Column::ExpiresAt.lte(now))
        .order_by_asc(Column::ExpiresAt)
        .limit(limit)
        .into_tuple::<(Uuid, Uuid)>()
        .all(conn)
        .await?)
}

/// Same as [`due_for_expiry`], limited to one event (swept lazily before new holds on it).
pub async fn due_for_expiry_in_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    now: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<Uuid>> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .filter(Column::Status.eq("pending"))
        .filter(Column::ExpiresAt.lte(now))
        .order_by_asc(Column::ExpiresAt)
        .limit(limit)
        .into_tuple::<Uuid>()
        .all(conn)
        .await?)
}

/// Tickets `holder_key` currently holds in pending, unexpired orders of one event.
pub async fn tickets_held_by<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    holder_key: &str,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    let rows: Vec<i32> = Entity::find()
        .select_only()
        .column(Column::TicketsCount)
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .filter(Column::HolderKey.eq(holder_key))
        .filter(Column::Status.eq("pending"))
        .filter(Column::ExpiresAt.gt(now))
        .into_tuple::<i32>()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(i64::from).sum())
}

#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub status: Option<String>,
    pub ticket_type_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Lowercased search text.
    pub q: Option<String>,
    /// Normalized ticket code, when `q` looks like one.
    pub ticket_code: Option<String>,
}

fn filtered(scope: OrgScope, event_id: Uuid, f: &OrderFilter) -> Condition {
    let mut cond = Condition::all()
        .add(Column::OrgId.eq(scope.org_id()))
        .add(Column::EventId.eq(event_id));
    if let Some(status) = &f.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(tt) = f.ticket_type_id {
        cond = cond.add(
            Column::Id.in_subquery(
                Query::select()
                    .column(order_items::Column::OrderId)
                    .from(order_items::Entity)
                    .and_where(order_items::Column::TicketTypeId.eq(tt))
                    .to_owned(),
            ),
        );
    }
    if let Some(from) = f.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        cond = cond.add(Column::CreatedAt.gte(from.and_utc()));
    }
    if let Some(to) =
        f.to.and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        cond = cond.add(Column::CreatedAt.lt(to.and_utc()));
    }
    if let Some(q) = &f.q {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        let mut any = Condition::any()
            .add(Expr::expr(Func::lower(Expr::col(Column::BuyerName))).like(pattern.clone()))
            .add(Expr::expr(Func::lower(Expr::col(Column::BuyerEmail))).like(pattern))
            .add(Expr::expr(Func::lower(Expr::col(Column::Reference))).eq(q.as_str()));
        if let Some(code) = &f.ticket_code {
            any = any.add(
                Column::Id.in_subquery(
                    Query::select()
                        .column(tickets::Column::OrderId)
                        .from(tickets::Entity)
                        .and_where(tickets::Column::Code.eq(code.as_str()))
                        .to_owned(),
                ),
            );
        }
        cond = cond.add(any);
    }
    cond
}

/// An event's orders, newest first, one page.
pub async fn list_for_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    filter: &OrderFilter,
    limit: u64,
    after: Option<&str>,
) -> DbResult<(Vec<OrderRow>, Option<String>)> {
    let rows = Entity::find()
        .filter(filtered(scope, event_id, filter))
        .filter(cursor::before(Column::CreatedAt, Column::Id, after))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// Every matching order, oldest first (CSV export), capped.
pub async fn all_for_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    filter: &OrderFilter,
    cap: u64,
) -> DbResult<Vec<OrderRow>> {
    Ok(Entity::find()
        .filter(filtered(scope, event_id, filter))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(cap)
        .all(conn)
        .await?)
}

/// A signed-in buyer's orders (placed while signed in, or as a guest with their verified email),
/// newest first. Spans organizations: the buyer owns these rows.
pub async fn list_for_buyer<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    verified_email: Option<&str>,
    limit: u64,
    after: Option<&str>,
) -> DbResult<(Vec<OrderRow>, Option<String>)> {
    let mut mine = Condition::any().add(Column::UserId.eq(user_id));
    if let Some(email) = verified_email {
        mine = mine.add(Column::BuyerEmail.eq(email));
    }
    let rows = Entity::find()
        .filter(mine)
        .filter(Column::Status.is_in(["pending", "confirmed", "cancelled"]))
        .filter(cursor::before(Column::CreatedAt, Column::Id, after))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// Whether `user_id` (or their verified email) placed this order.
pub fn belongs_to(order: &OrderRow, user_id: Uuid, verified_email: Option<&str>) -> bool {
    order.user_id == Some(user_id) || verified_email.is_some_and(|e| e == order.buyer_email)
}

/// `(coupon_id, status, orders, discount_minor, total_minor)`.
pub type CouponUsage = (Uuid, String, i64, i64, i64);

/// Order totals of an event's coupons by status, for coupon statistics.
pub async fn coupon_usage<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<CouponUsage>> {
    type Raw = (Option<Uuid>, String, i64, Option<i64>, Option<i64>);
    let rows: Vec<Raw> = Entity::find()
        .select_only()
        .column(Column::CouponId)
        .column(Column::Status)
        .expr(Expr::col(Column::Id).count())
        // PostgreSQL sums bigints to numeric: cast back so both backends decode an i64.
        .expr(Func::cast_as(
            Expr::col(Column::DiscountMinor).sum(),
            Alias::new("BIGINT"),
        ))
        .expr(Func::cast_as(
            Expr::col(Column::TotalMinor).sum(),
            Alias::new("BIGINT"),
        ))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .filter(Column::CouponId.is_not_null())
        .group_by(Column::CouponId)
        .group_by(Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, s, n, d, t)| Some((c?, s, n, d.unwrap_or(0), t.unwrap_or(0))))
        .collect())
}
