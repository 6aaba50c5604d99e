//! Tickets: issued when an order is confirmed, one per admitted attendee.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::tickets::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::tickets::Model as TicketRow;

#[derive(Debug, Clone)]
pub struct NewTicket {
    pub event_id: Uuid,
    pub order_id: Uuid,
    pub order_item_id: Uuid,
    pub ticket_type_id: Uuid,
    pub code: String,
    pub attendee_name: String,
    pub position: i32,
}

pub async fn insert_many<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    tickets: Vec<NewTicket>,
    now: DateTime<Utc>,
) -> DbResult<Vec<TicketRow>> {
    if tickets.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<TicketRow> = tickets
        .into_iter()
        .map(|t| TicketRow {
            id: Uuid::now_v7(),
            org_id: scope.org_id(),
            event_id: t.event_id,
            order_id: t.order_id,
            order_item_id: t.order_item_id,
            ticket_type_id: t.ticket_type_id,
            code: t.code,
            attendee_name: t.attendee_name,
            status: "valid".into(),
            position: t.position,
            checked_in_at: None,
            refund_id: None,
            created_at: now,
            updated_at: now,
        })
        .collect();
    // One multi-row INSERT; the rows are returned as written, without reading them back.
    Entity::insert_many(rows.iter().cloned().map(ActiveModel::from))
        .exec(conn)
        .await?;
    Ok(rows)
}

pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<TicketRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_asc(Column::Position)
        .all(conn)
        .await?)
}

/// Tickets of several orders of one organization.
pub async fn for_orders<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_ids: &[Uuid],
) -> DbResult<Vec<TicketRow>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.is_in(order_ids.iter().copied()))
        .order_by_asc(Column::Position)
        .all(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
    id: Uuid,
) -> DbResult<TicketRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// Cancels every ticket of an order (the booking was cancelled).
pub async fn cancel_for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::Status, Expr::value("cancelled"))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .exec(conn)
        .await?;
    Ok(())
}
