//! The organizations' ledger: append-only signed entries per currency, and the balances summed
//! from them. `source_key` (unique) names what caused an entry, so posting the same cause twice
//! (a replayed webhook, a retried job) adds nothing.
//!
//! Balance checks that must hold under concurrency (a withdrawal never exceeds what is
//! available) first call [`lock_account`] in their transaction: it bumps the account row, which
//! PostgreSQL locks until commit; SQLite has one writer at a time anyway.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TryInsertResult,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::ledger_entries::{ActiveModel, Column, Entity};
use crate::entities::{ledger_accounts, withdrawals};
use crate::error::DbResult;
use crate::scope::OrgScope;

pub use crate::entities::ledger_entries::Model as EntryRow;

#[derive(Debug, Clone)]
pub struct NewEntry {
    pub currency: String,
    /// `common::finance::LedgerEntryKind` wire name.
    pub kind: &'static str,
    pub amount_minor: i64,
    pub available_at: DateTime<Utc>,
    /// What caused it, unique: `sale:<order>`, `fee:<order>`, `refund:<refund>`, ...
    pub source_key: String,
    pub order_id: Option<Uuid>,
    pub refund_id: Option<Uuid>,
    pub withdrawal_id: Option<Uuid>,
    pub memo: Option<String>,
}

/// Appends an entry; `false` when an entry with the same `source_key` exists (nothing written).
pub async fn post<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    entry: NewEntry,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = Entity::insert(ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        currency: Set(entry.currency),
        kind: Set(entry.kind.to_owned()),
        amount_minor: Set(entry.amount_minor),
        available_at: Set(entry.available_at),
        source_key: Set(entry.source_key),
        order_id: Set(entry.order_id),
        refund_id: Set(entry.refund_id),
        withdrawal_id: Set(entry.withdrawal_id),
        memo: Set(entry.memo),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([Column::SourceKey])
    .exec_without_returning(conn)
    .await?;
    Ok(matches!(res, TryInsertResult::Inserted(1)))
}

/// Serializes balance-checked writes on one (organization, currency) account until the
/// transaction ends.
pub async fn lock_account<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    currency: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    ledger_accounts::Entity::insert(ledger_accounts::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        currency: Set(currency.to_owned()),
        version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        ledger_accounts::Column::OrgId,
        ledger_accounts::Column::Currency,
    ])
    .exec_without_returning(conn)
    .await?;
    ledger_accounts::Entity::update_many()
        .col_expr(
            ledger_accounts::Column::Version,
            Expr::col(ledger_accounts::Column::Version).add(1),
        )
        .col_expr(ledger_accounts::Column::UpdatedAt, Expr::value(now))
        .filter(ledger_accounts::Column::OrgId.eq(scope.org_id()))
        .filter(ledger_accounts::Column::Currency.eq(currency))
        .exec(conn)
        .await?;
    Ok(())
}

/// `CAST(SUM(col) AS BIGINT)`: PostgreSQL sums BIGINT into NUMERIC; the cast gives both
/// backends an integer.
pub(crate) fn sum_bigint(
    col: impl sea_orm::sea_query::IntoColumnRef,
) -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::Func::cast_as(
        sea_orm::sea_query::Func::sum(Expr::col(col)),
        sea_orm::sea_query::Alias::new("BIGINT"),
    )
    .into()
}

/// One currency's sums, in minor units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sums {
    pub currency: String,
    /// Entries not yet available (sales in their settlement delay).
    pub pending: i64,
    /// Entries available now (withdrawals in flight are already negative entries).
    pub available: i64,
    /// Completed withdrawals.
    pub paid_out: i64,
}

async fn sum_by_currency<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    available_by: Option<DateTime<Utc>>,
    pending_after: Option<DateTime<Utc>>,
) -> DbResult<Vec<(String, i64)>> {
    let mut q = Entity::find()
        .select_only()
        .column(Column::Currency)
        .column_as(sum_bigint(Column::AmountMinor), "total")
        .filter(Column::OrgId.eq(scope.org_id()))
        .group_by(Column::Currency);
    if let Some(at) = available_by {
        q = q.filter(Column::AvailableAt.lte(at));
    }
    if let Some(at) = pending_after {
        q = q.filter(Column::AvailableAt.gt(at));
    }
    let rows: Vec<(String, Option<i64>)> = q.into_tuple().all(conn).await?;
    Ok(rows.into_iter().map(|(c, t)| (c, t.unwrap_or(0))).collect())
}

/// Every currency the organization has money in, with its sums at `now`.
pub async fn balances<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    now: DateTime<Utc>,
) -> DbResult<Vec<Sums>> {
    let mut out: std::collections::BTreeMap<String, Sums> = Default::default();
    for (currency, total) in sum_by_currency(conn, scope, Some(now), None).await? {
        out.entry(currency.clone()).or_default().available = total;
    }
    for (currency, total) in sum_by_currency(conn, scope, None, Some(now)).await? {
        out.entry(currency.clone()).or_default().pending = total;
    }
    let paid: Vec<(String, Option<i64>)> = withdrawals::Entity::find()
        .select_only()
        .column(withdrawals::Column::Currency)
        .column_as(sum_bigint(withdrawals::Column::AmountMinor), "total")
        .filter(withdrawals::Column::OrgId.eq(scope.org_id()))
        .filter(withdrawals::Column::Status.eq("completed"))
        .group_by(withdrawals::Column::Currency)
        .into_tuple()
        .all(conn)
        .await?;
    for (currency, total) in paid {
        out.entry(currency).or_default().paid_out = total.unwrap_or(0);
    }
    Ok(out
        .into_iter()
        .map(|(currency, sums)| Sums { currency, ..sums })
        .collect())
}

/// What may be withdrawn now in one currency.
pub async fn available<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    currency: &str,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    Ok(sum_by_currency(conn, scope, Some(now), None)
        .await?
        .into_iter()
        .find(|(c, _)| c == currency)
        .map_or(0, |(_, t)| t))
}

/// Newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    currency: Option<&str>,
    cursor_after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<EntryRow>, Option<String>)> {
    let mut q = Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(cursor::before(Column::CreatedAt, Column::Id, cursor_after));
    if let Some(c) = currency {
        q = q.filter(Column::Currency.eq(c));
    }
    let rows = q
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// Entries caused by one order (sale and fee), for tests and the order's accounting.
pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<EntryRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}
