//! Aggregates for an event's live check-in dashboard: one GROUP BY query per figure, each scoped to
//! the organization and served by an index on `event_id` (`tickets_event_id_idx`,
//! `scans_event_id_scanned_at_idx`, `swag_items_event_id_idx`), so a snapshot costs a handful of
//! queries whatever the size of the event.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{orders, scans, swag_items, tickets};
use crate::error::DbResult;
use crate::scope::OrgScope;

/// Arrivals are counted in buckets of this many seconds (five minutes), aligned on the epoch.
pub const BUCKET_SECONDS: i64 = 300;

/// Valid tickets of paid orders of one ticket type, and how many of them entered (through any
/// list, at least once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeTotals {
    pub ticket_type_id: Uuid,
    pub expected: i64,
    pub checked_in: i64,
}

pub async fn tickets_by_type<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<TypeTotals>> {
    let paid_orders = Query::select()
        .column(orders::Column::Id)
        .from(orders::Entity)
        .and_where(orders::Column::OrgId.eq(scope.org_id()))
        .and_where(orders::Column::EventId.eq(event_id))
        .and_where(orders::Column::Status.eq("confirmed"))
        .to_owned();
    let rows: Vec<(Uuid, i64, i64)> = tickets::Entity::find()
        .select_only()
        .column(tickets::Column::TicketTypeId)
        .expr(Expr::col(tickets::Column::Id).count())
        // COUNT(column) skips NULLs: the tickets that entered.
        .expr(Expr::col(tickets::Column::CheckedInAt).count())
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::EventId.eq(event_id))
        .filter(tickets::Column::Status.eq("valid"))
        .filter(tickets::Column::OrderId.in_subquery(paid_orders))
        .group_by(tickets::Column::TicketTypeId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(ticket_type_id, expected, checked_in)| TypeTotals {
            ticket_type_id,
            expected,
            checked_in,
        })
        .collect())
}

/// Admitting scans (`ok` entries) per gate, busiest first; `None` for scans without a gate.
pub async fn entries_by_gate<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<(Option<String>, i64)>> {
    let mut rows: Vec<(Option<String>, i64)> = admitting_scans(scope, event_id)
        .select_only()
        .column(scans::Column::Gate)
        .expr(Expr::col(scans::Column::Id).count())
        .group_by(scans::Column::Gate)
        .into_tuple()
        .all(conn)
        .await?;
    // Ties by name, unnamed last, so that the order is stable between snapshots.
    rows.sort_by(|(ga, a), (gb, b)| {
        b.cmp(a)
            .then_with(|| ga.is_none().cmp(&gb.is_none()))
            .then_with(|| ga.cmp(gb))
    });
    Ok(rows)
}

/// Admitting scans per five minutes from `since`, oldest first, only buckets with arrivals and at
/// most `max_buckets` (the newest). The bucket is computed in SQL (the index on `(event_id,
/// scanned_at)` bounds the rows read), with each backend's own epoch function.
pub async fn arrivals<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    since: DateTime<Utc>,
    max_buckets: u64,
) -> DbResult<Vec<(DateTime<Utc>, i64)>> {
    let bucket = match conn.get_database_backend() {
        // SQLite keeps timestamps as RFC 3339 text, which `strftime` reads (offset included).
        DbBackend::Sqlite => {
            format!("CAST(strftime('%s', \"scans\".\"scanned_at\") AS INTEGER) / {BUCKET_SECONDS}")
        }
        _ => format!(
            "CAST(FLOOR(EXTRACT(EPOCH FROM \"scans\".\"scanned_at\") / {BUCKET_SECONDS}) AS BIGINT)"
        ),
    };
    let mut rows: Vec<(i64, i64)> = admitting_scans(scope, event_id)
        .select_only()
        .column_as(Expr::cust(bucket.clone()), "bucket")
        .expr(Expr::col(scans::Column::Id).count())
        .filter(scans::Column::ScannedAt.gte(since))
        .group_by(Expr::cust(bucket.clone()))
        .order_by_desc(Expr::cust(bucket))
        .limit(max_buckets)
        .into_tuple()
        .all(conn)
        .await?;
    rows.reverse();
    Ok(rows
        .into_iter()
        .filter_map(|(bucket, n)| {
            DateTime::from_timestamp(bucket.checked_mul(BUCKET_SECONDS)?, 0).map(|at| (at, n))
        })
        .collect())
}

fn admitting_scans(scope: OrgScope, event_id: Uuid) -> sea_orm::Select<scans::Entity> {
    scans::Entity::find()
        .filter(scans::Column::OrgId.eq(scope.org_id()))
        .filter(scans::Column::EventId.eq(event_id))
        .filter(scans::Column::Outcome.eq("ok"))
        .filter(scans::Column::Direction.eq("entry"))
}

/// An item's stock (received in all) and the units handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwagTotals {
    pub item_id: Uuid,
    pub name: String,
    pub stock: i32,
    pub handed_out: i32,
}

/// The event's swag items, oldest first (the counters live on the item rows).
pub async fn swag<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<SwagTotals>> {
    let rows: Vec<(Uuid, String, i32, i32)> = swag_items::Entity::find()
        .select_only()
        .column(swag_items::Column::Id)
        .column(swag_items::Column::Name)
        .column(swag_items::Column::Stock)
        .column(swag_items::Column::HandedOut)
        .filter(swag_items::Column::OrgId.eq(scope.org_id()))
        .filter(swag_items::Column::EventId.eq(event_id))
        .order_by_asc(swag_items::Column::CreatedAt)
        .order_by_asc(swag_items::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(item_id, name, stock, handed_out)| SwagTotals {
            item_id,
            name,
            stock,
            handed_out,
        })
        .collect())
}
