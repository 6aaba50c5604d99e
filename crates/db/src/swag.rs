//! Swag items, their per-ticket allowances, the hand-out log and stock adjustments.
//!
//! Limits hold under any concurrency on both databases without reading first: a hand-out bumps
//! the ticket's allowance row (`received + n <= allowance`) and then the item's counter
//! (`handed_out + n <= stock`), each one conditional UPDATE checked by rows affected; a stock
//! adjustment is one conditional UPDATE (`stock + delta >= handed_out`). Rows are locked in one
//! order (allowance, then item) so two hand-outs cannot deadlock on PostgreSQL.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TryInsertResult,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::swag_items::{ActiveModel, Column, Entity};
use crate::entities::{swag_adjustments, swag_allowances, swag_handouts};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::swag_adjustments::Model as AdjustmentRow;
pub use crate::entities::swag_handouts::Model as HandoutRow;
pub use crate::entities::swag_items::Model as SwagItemRow;

/// The outcome stored for a hand-out that gave something.
pub const OK: &str = "ok";

/// What an organizer sets on an item, validated by the service (stock moves by adjustments).
#[derive(Debug, Clone)]
pub struct ItemFields {
    pub name: String,
    pub allowance_per_attendee: i32,
    pub ticket_type_ids: Vec<Uuid>,
}

impl ItemFields {
    pub fn of(r: &SwagItemRow) -> ItemFields {
        ItemFields {
            name: r.name.clone(),
            allowance_per_attendee: r.allowance_per_attendee,
            ticket_type_ids: ticket_type_ids(r),
        }
    }

    fn apply(self, m: &mut ActiveModel) {
        m.name = Set(self.name);
        m.allowance_per_attendee = Set(self.allowance_per_attendee);
        m.ticket_type_ids = Set(serde_json::json!(self.ticket_type_ids));
    }
}

/// Eligible ticket types; empty = all of the event's.
pub fn ticket_type_ids(r: &SwagItemRow) -> Vec<Uuid> {
    serde_json::from_value(r.ticket_type_ids.clone()).unwrap_or_default()
}

pub async fn items_for_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<SwagItemRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(conn)
        .await?)
}

pub async fn get_item<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<SwagItemRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn insert_item<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    stock: i32,
    f: ItemFields,
    now: DateTime<Utc>,
) -> DbResult<SwagItemRow> {
    let mut model = ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        event_id: Set(event_id),
        stock: Set(stock),
        handed_out: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    f.apply(&mut model);
    Ok(model.insert(conn).await?)
}

/// Writes only the fields an organizer sets, so concurrent hand-outs' counters are untouched.
pub async fn update_item<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    f: ItemFields,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let res = Entity::update_many()
        .col_expr(Column::Name, Expr::value(f.name))
        .col_expr(
            Column::AllowancePerAttendee,
            Expr::value(f.allowance_per_attendee),
        )
        .col_expr(
            Column::TicketTypeIds,
            Expr::value(serde_json::json!(f.ticket_type_ids)),
        )
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Deletes an item nothing was handed out of yet (with its log of refused attempts);
/// `false` when something was.
pub async fn delete_unused_item<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<bool> {
    let res = Entity::delete_many()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::HandedOut.eq(0))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Gives the ticket `n` more units of its allowance; `false` when that would exceed the item's
/// current allowance per attendee (read in the same statement, so an edit cannot slip between).
pub async fn take_allowance<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    ticket_id: Uuid,
    n: i32,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    swag_allowances::Entity::insert(swag_allowances::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        item_id: Set(item_id),
        ticket_id: Set(ticket_id),
        received: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        swag_allowances::Column::ItemId,
        swag_allowances::Column::TicketId,
    ])
    .exec_without_returning(conn)
    .await?;
    let allowance = Query::select()
        .column(Column::AllowancePerAttendee)
        .from(Entity)
        .and_where(Expr::col(Column::Id).eq(item_id))
        .to_owned();
    let res = swag_allowances::Entity::update_many()
        .col_expr(
            swag_allowances::Column::Received,
            Expr::col(swag_allowances::Column::Received).add(n),
        )
        .col_expr(swag_allowances::Column::UpdatedAt, Expr::value(now))
        .filter(swag_allowances::Column::OrgId.eq(scope.org_id()))
        .filter(swag_allowances::Column::ItemId.eq(item_id))
        .filter(swag_allowances::Column::TicketId.eq(ticket_id))
        .filter(
            Expr::col(swag_allowances::Column::Received)
                .add(n)
                .lte(Expr::SubQuery(
                    None,
                    Box::new(allowance.into_sub_query_statement()),
                )),
        )
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Takes `n` units off the item's stock; `false` when fewer remain.
pub async fn take_stock<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    n: i32,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::HandedOut, Expr::col(Column::HandedOut).add(n))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(item_id))
        .filter(
            Expr::col(Column::HandedOut)
                .add(n)
                .lte(Expr::col(Column::Stock)),
        )
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Units the ticket has received of the item.
pub async fn received<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    ticket_id: Uuid,
) -> DbResult<i32> {
    Ok(swag_allowances::Entity::find()
        .select_only()
        .column(swag_allowances::Column::Received)
        .filter(swag_allowances::Column::OrgId.eq(scope.org_id()))
        .filter(swag_allowances::Column::ItemId.eq(item_id))
        .filter(swag_allowances::Column::TicketId.eq(ticket_id))
        .into_tuple::<i32>()
        .one(conn)
        .await?
        .unwrap_or(0))
}

#[derive(Debug, Clone)]
pub struct NewHandout {
    pub id: Uuid,
    pub item_id: Uuid,
    pub event_id: Uuid,
    pub ticket_id: Option<Uuid>,
    pub quantity: i32,
    pub outcome: String,
    pub handed_by: Uuid,
    pub device: Option<Uuid>,
    pub nonce: String,
    pub result: serde_json::Value,
}

/// Records a hand-out attempt; `false` when this member already sent this nonce for this item
/// (the caller rolls back and replays the first answer).
pub async fn record_handout<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    h: NewHandout,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = swag_handouts::Entity::insert(swag_handouts::ActiveModel {
        id: Set(h.id),
        org_id: Set(scope.org_id()),
        item_id: Set(h.item_id),
        event_id: Set(h.event_id),
        ticket_id: Set(h.ticket_id),
        quantity: Set(h.quantity),
        outcome: Set(h.outcome),
        handed_by: Set(h.handed_by),
        device: Set(h.device.map(|d| d.to_string())),
        nonce: Set(h.nonce),
        result: Set(h.result),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        swag_handouts::Column::ItemId,
        swag_handouts::Column::HandedBy,
        swag_handouts::Column::Nonce,
    ])
    .exec_without_returning(conn)
    .await?;
    Ok(matches!(res, TryInsertResult::Inserted(1)))
}

pub async fn find_handout<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    handed_by: Uuid,
    nonce: &str,
) -> DbResult<Option<HandoutRow>> {
    Ok(swag_handouts::Entity::find()
        .filter(swag_handouts::Column::OrgId.eq(scope.org_id()))
        .filter(swag_handouts::Column::ItemId.eq(item_id))
        .filter(swag_handouts::Column::HandedBy.eq(handed_by))
        .filter(swag_handouts::Column::Nonce.eq(nonce))
        .one(conn)
        .await?)
}

/// An item's successful hand-outs, newest recorded first.
pub async fn handouts_page<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    limit: u64,
    after: Option<&str>,
) -> DbResult<(Vec<HandoutRow>, Option<String>)> {
    let rows = swag_handouts::Entity::find()
        .filter(swag_handouts::Column::OrgId.eq(scope.org_id()))
        .filter(swag_handouts::Column::ItemId.eq(item_id))
        .filter(swag_handouts::Column::Outcome.eq(OK))
        .filter(cursor::before(
            swag_handouts::Column::CreatedAt,
            swag_handouts::Column::Id,
            after,
        ))
        .order_by_desc(swag_handouts::Column::CreatedAt)
        .order_by_desc(swag_handouts::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// The event's successful hand-outs of every item, oldest first, at most `cap`.
pub async fn handouts_for_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    cap: u64,
) -> DbResult<Vec<HandoutRow>> {
    Ok(swag_handouts::Entity::find()
        .filter(swag_handouts::Column::OrgId.eq(scope.org_id()))
        .filter(swag_handouts::Column::EventId.eq(event_id))
        .filter(swag_handouts::Column::Outcome.eq(OK))
        .order_by_asc(swag_handouts::Column::CreatedAt)
        .order_by_asc(swag_handouts::Column::Id)
        .limit(cap)
        .all(conn)
        .await?)
}

/// Moves the item's stock by `delta`; `false` when it would fall below what was handed out or
/// rise above `max`.
pub async fn adjust_stock<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    delta: i32,
    max: i32,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::Stock, Expr::col(Column::Stock).add(delta))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(item_id))
        .filter(
            Expr::col(Column::Stock)
                .add(delta)
                .gte(Expr::col(Column::HandedOut)),
        )
        .filter(Expr::col(Column::Stock).add(delta).lte(max))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn insert_adjustment<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
    delta: i32,
    reason: String,
    by: Uuid,
    now: DateTime<Utc>,
) -> DbResult<AdjustmentRow> {
    Ok(swag_adjustments::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        item_id: Set(item_id),
        delta: Set(delta),
        reason: Set(reason),
        adjusted_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// An item's adjustments, newest first.
pub async fn adjustments<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    item_id: Uuid,
) -> DbResult<Vec<AdjustmentRow>> {
    Ok(swag_adjustments::Entity::find()
        .filter(swag_adjustments::Column::OrgId.eq(scope.org_id()))
        .filter(swag_adjustments::Column::ItemId.eq(item_id))
        .order_by_desc(swag_adjustments::Column::CreatedAt)
        .order_by_desc(swag_adjustments::Column::Id)
        .all(conn)
        .await?)
}
