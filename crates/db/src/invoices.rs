//! Invoices, credit notes and platform-fee invoices, and the counters that number them.
//!
//! [`take_number`] allocates the next number of an (organization, series) with one
//! `UPDATE invoice_counters SET next = next + 1` and reads it back in the caller's transaction.
//! The UPDATE locks the counter row until commit on PostgreSQL (SQLite has one writer), so two
//! issuers never read the same number, and a transaction that rolls back undoes its increment:
//! numbers have no gap and no duplicate. It must therefore run inside the transaction that
//! writes the invoice and its cause, as late as possible (the row stays locked until commit).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::invoices::{ActiveModel, Column, Entity};
use crate::entities::{invoice_counters, ledger_entries};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::invoices::Model as InvoiceRow;

/// The next number of `series` for the organization, starting at 1. Call it inside the
/// transaction that inserts the invoice.
pub async fn take_number<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    series: &str,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    invoice_counters::Entity::insert(invoice_counters::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        series: Set(series.to_owned()),
        next: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        invoice_counters::Column::OrgId,
        invoice_counters::Column::Series,
    ])
    .exec_without_returning(conn)
    .await?;
    let res = invoice_counters::Entity::update_many()
        .col_expr(
            invoice_counters::Column::Next,
            Expr::col(invoice_counters::Column::Next).add(1),
        )
        .col_expr(invoice_counters::Column::UpdatedAt, Expr::value(now))
        .filter(invoice_counters::Column::OrgId.eq(scope.org_id()))
        .filter(invoice_counters::Column::Series.eq(series))
        .exec(conn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DbError::NotFound);
    }
    let next: i64 = invoice_counters::Entity::find()
        .select_only()
        .column(invoice_counters::Column::Next)
        .filter(invoice_counters::Column::OrgId.eq(scope.org_id()))
        .filter(invoice_counters::Column::Series.eq(series))
        .into_tuple()
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(next - 1)
}

#[derive(Debug, Clone)]
pub struct NewInvoice {
    /// `common::invoices::InvoiceKind` wire name.
    pub kind: &'static str,
    pub series: String,
    pub number: i64,
    pub display_number: String,
    /// What caused it, unique: `invoice:<order>`, `credit_note:<refund>`,
    /// `fee_invoice:<period>:<currency>` (prefixed with the organization for fee invoices).
    pub source_key: String,
    pub order_id: Option<Uuid>,
    pub refund_id: Option<Uuid>,
    pub period: Option<String>,
    pub currency: String,
    pub lines: serde_json::Value,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
    pub issuer_name: String,
    pub buyer_name: String,
    pub buyer_email: Option<String>,
    pub reference: Option<String>,
    pub language: String,
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    new: NewInvoice,
    now: DateTime<Utc>,
) -> DbResult<InvoiceRow> {
    Ok(ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        kind: Set(new.kind.to_owned()),
        series: Set(new.series),
        number: Set(new.number),
        display_number: Set(new.display_number),
        source_key: Set(new.source_key),
        order_id: Set(new.order_id),
        refund_id: Set(new.refund_id),
        period: Set(new.period),
        currency: Set(new.currency),
        lines: Set(new.lines),
        subtotal_minor: Set(new.subtotal_minor),
        discount_minor: Set(new.discount_minor),
        fee_minor: Set(new.fee_minor),
        total_minor: Set(new.total_minor),
        issuer_name: Set(new.issuer_name),
        buyer_name: Set(new.buyer_name),
        buyer_email: Set(new.buyer_email),
        reference: Set(new.reference),
        language: Set(new.language),
        issued_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// The document a cause issued, if any.
pub async fn find_by_source<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    source_key: &str,
) -> DbResult<Option<InvoiceRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::SourceKey.eq(source_key))
        .one(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<InvoiceRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// Newest first, optionally of one kind.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    kind: Option<&str>,
    cursor_before: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<InvoiceRow>, Option<String>)> {
    let mut q = Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(cursor::before(Column::CreatedAt, Column::Id, cursor_before));
    if let Some(k) = kind {
        q = q.filter(Column::Kind.eq(k));
    }
    let rows = q
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// An order's invoice and credit notes, oldest first.
pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<InvoiceRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(conn)
        .await?)
}

/// One organization's platform fees in one currency over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeTotal {
    pub org_id: Uuid,
    pub currency: String,
    /// Positive: what the platform charged (the ledger holds it negative).
    pub fee_minor: i64,
    /// How many fee entries (one per paid order).
    pub entries: i64,
}

/// The `platform_fee` ledger entries posted in `[from, to)`, summed per organization and
/// currency, across organizations: for the monthly fee-invoice job only.
pub async fn platform_fees_between<C: ConnectionTrait>(
    conn: &C,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> DbResult<Vec<FeeTotal>> {
    use ledger_entries::Column as L;
    let rows: Vec<(Uuid, String, Option<i64>, i64)> = ledger_entries::Entity::find()
        .select_only()
        .column(L::OrgId)
        .column(L::Currency)
        .column_as(crate::ledger::sum_bigint(L::AmountMinor), "total")
        .column_as(Expr::col(L::Id).count(), "entries")
        .filter(L::Kind.eq("platform_fee"))
        .filter(L::CreatedAt.gte(from))
        .filter(L::CreatedAt.lt(to))
        .group_by(L::OrgId)
        .group_by(L::Currency)
        .order_by_asc(L::OrgId)
        .order_by_asc(L::Currency)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(org_id, currency, total, entries)| FeeTotal {
            org_id,
            currency,
            fee_minor: -total.unwrap_or(0),
            entries,
        })
        .collect())
}
