//! Inventory counters: holding, releasing and selling tickets with one conditional UPDATE per
//! limited row (`... SET held = held + n WHERE id = ? AND sold + held + n <= quantity`), checked
//! by rows affected. Correct under any concurrency on both databases without reading first:
//! the database evaluates the condition against the row it is about to change (PostgreSQL
//! re-checks it after waiting for a concurrent writer's row lock; SQLite has one writer at a
//! time).
//!
//! Rows are always touched in one global order (ticket types by id, then capacity groups by id)
//! so two orders on overlapping types cannot deadlock on PostgreSQL.
//!
//! Call these inside a write transaction; when `hold` reports a sold-out type the caller must roll
//! back (earlier rows of the same call were already bumped).

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::{capacity_groups, ticket_types};
use crate::error::DbResult;
use crate::scope::OrgScope;

/// `quantity` tickets of one type, drawing also on its capacity group when it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub ticket_type_id: Uuid,
    pub capacity_group_id: Option<Uuid>,
    pub quantity: i32,
}

/// Which limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoldOut {
    TicketType(Uuid),
    CapacityGroup(Uuid),
}

/// Claims summed per row, in lock order.
fn per_row(claims: &[Claim]) -> (BTreeMap<Uuid, i32>, BTreeMap<Uuid, i32>) {
    let mut types = BTreeMap::new();
    let mut groups = BTreeMap::new();
    for c in claims {
        *types.entry(c.ticket_type_id).or_insert(0) += c.quantity;
        if let Some(g) = c.capacity_group_id {
            *groups.entry(g).or_insert(0) += c.quantity;
        }
    }
    (types, groups)
}

/// Holds the claimed tickets, or says which limit is exhausted.
pub async fn hold<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
) -> DbResult<Result<(), SoldOut>> {
    take(conn, scope, claims, Take::Hold).await
}

/// Sells the claimed tickets outright (free orders confirm without a hold), or says which limit
/// is exhausted.
pub async fn sell<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
) -> DbResult<Result<(), SoldOut>> {
    take(conn, scope, claims, Take::Sell).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Take {
    Hold,
    Sell,
}

async fn take<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
    into: Take,
) -> DbResult<Result<(), SoldOut>> {
    let (types, groups) = per_row(claims);
    let type_col = match into {
        Take::Hold => ticket_types::Column::Held,
        Take::Sell => ticket_types::Column::Sold,
    };
    for (id, n) in types {
        let res = ticket_types::Entity::update_many()
            .col_expr(type_col, Expr::col(type_col).add(n))
            .filter(ticket_types::Column::Id.eq(id))
            .filter(ticket_types::Column::OrgId.eq(scope.org_id()))
            .filter(
                Expr::col(ticket_types::Column::Sold)
                    .add(Expr::col(ticket_types::Column::Held))
                    .add(n)
                    .lte(Expr::col(ticket_types::Column::Quantity)),
            )
            .exec(conn)
            .await?;
        if res.rows_affected != 1 {
            return Ok(Err(SoldOut::TicketType(id)));
        }
    }
    let group_col = match into {
        Take::Hold => capacity_groups::Column::Held,
        Take::Sell => capacity_groups::Column::Sold,
    };
    for (id, n) in groups {
        let res = capacity_groups::Entity::update_many()
            .col_expr(group_col, Expr::col(group_col).add(n))
            .filter(capacity_groups::Column::Id.eq(id))
            .filter(capacity_groups::Column::OrgId.eq(scope.org_id()))
            .filter(
                Expr::col(capacity_groups::Column::Sold)
                    .add(Expr::col(capacity_groups::Column::Held))
                    .add(n)
                    .lte(Expr::col(capacity_groups::Column::Capacity)),
            )
            .exec(conn)
            .await?;
        if res.rows_affected != 1 {
            return Ok(Err(SoldOut::CapacityGroup(id)));
        }
    }
    Ok(Ok(()))
}

/// How a settled claim moves the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    /// Held -> back on sale (expired, cancelled while pending).
    ReleaseHeld,
    /// Held -> sold (confirmed).
    SellHeld,
    /// Sold -> back on sale (a confirmed booking cancelled).
    ReleaseSold,
}

async fn apply<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
    mv: Move,
) -> DbResult<()> {
    let (types, groups) = per_row(claims);
    for (id, n) in types {
        let update = ticket_types::Entity::update_many();
        let update = match mv {
            Move::ReleaseHeld => update.col_expr(
                ticket_types::Column::Held,
                Expr::col(ticket_types::Column::Held).sub(n),
            ),
            Move::SellHeld => update
                .col_expr(
                    ticket_types::Column::Held,
                    Expr::col(ticket_types::Column::Held).sub(n),
                )
                .col_expr(
                    ticket_types::Column::Sold,
                    Expr::col(ticket_types::Column::Sold).add(n),
                ),
            Move::ReleaseSold => update.col_expr(
                ticket_types::Column::Sold,
                Expr::col(ticket_types::Column::Sold).sub(n),
            ),
        };
        update
            .filter(ticket_types::Column::Id.eq(id))
            .filter(ticket_types::Column::OrgId.eq(scope.org_id()))
            .exec(conn)
            .await?;
    }
    for (id, n) in groups {
        let update = capacity_groups::Entity::update_many();
        let update = match mv {
            Move::ReleaseHeld => update.col_expr(
                capacity_groups::Column::Held,
                Expr::col(capacity_groups::Column::Held).sub(n),
            ),
            Move::SellHeld => update
                .col_expr(
                    capacity_groups::Column::Held,
                    Expr::col(capacity_groups::Column::Held).sub(n),
                )
                .col_expr(
                    capacity_groups::Column::Sold,
                    Expr::col(capacity_groups::Column::Sold).add(n),
                ),
            Move::ReleaseSold => update.col_expr(
                capacity_groups::Column::Sold,
                Expr::col(capacity_groups::Column::Sold).sub(n),
            ),
        };
        // A deleted group matches no row: nothing to give back.
        update
            .filter(capacity_groups::Column::Id.eq(id))
            .filter(capacity_groups::Column::OrgId.eq(scope.org_id()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// A pending order's hold ends without a sale.
pub async fn release_held<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
) -> DbResult<()> {
    apply(conn, scope, claims, Move::ReleaseHeld).await
}

/// A pending order is confirmed: its held tickets become sold.
pub async fn sell_held<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
) -> DbResult<()> {
    apply(conn, scope, claims, Move::SellHeld).await
}

/// A confirmed booking is cancelled: its tickets go back on sale.
pub async fn release_sold<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    claims: &[Claim],
) -> DbResult<()> {
    apply(conn, scope, claims, Move::ReleaseSold).await
}
