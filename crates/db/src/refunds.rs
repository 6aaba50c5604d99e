//! Refunds: rows moved between statuses by conditional UPDATEs (`WHERE status = <from>`), so of
//! two racing moves (an admin's double click, a webhook and the reconciliation job) one wins.
//! The tickets a live refund covers are marked in `tickets.refund_id`, claimed with
//! `WHERE refund_id IS NULL AND status = 'valid'`: a ticket is never in two live refunds.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::refunds::{ActiveModel, Column, Entity};
use crate::entities::tickets;
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::refunds::Model as RefundRow;

#[derive(Debug, Clone)]
pub struct NewRefund {
    pub order_id: Uuid,
    pub payment_id: Option<Uuid>,
    pub requested_by: &'static str,
    pub requested_by_user_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub ticket_ids: Vec<Uuid>,
    pub reason: Option<String>,
    pub method: Option<String>,
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    new: NewRefund,
    now: DateTime<Utc>,
) -> DbResult<RefundRow> {
    Ok(ActiveModel {
        id: Set(id),
        org_id: Set(scope.org_id()),
        order_id: Set(new.order_id),
        payment_id: Set(new.payment_id),
        status: Set("requested".into()),
        requested_by: Set(new.requested_by.to_owned()),
        requested_by_user_id: Set(new.requested_by_user_id),
        amount_minor: Set(new.amount_minor),
        currency: Set(new.currency),
        ticket_ids: Set(serde_json::json!(new.ticket_ids)),
        reason: Set(new.reason),
        decision_note: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        method: Set(new.method),
        provider_ref: Set(None),
        failure_reason: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub fn ticket_ids(row: &RefundRow) -> Vec<Uuid> {
    serde_json::from_value(row.ticket_ids.clone()).unwrap_or_default()
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<RefundRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// The organization owning a refund: for platform admins and gateway reports, which prove
/// themselves otherwise.
pub async fn owner_org<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<Uuid> {
    Entity::find_by_id(id)
        .select_only()
        .column(Column::OrgId)
        .into_tuple::<Uuid>()
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<RefundRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_desc(Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Newest first; one organization's (`Some(scope)`) or, for platform admins, everyone's.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: Option<OrgScope>,
    status: Option<&str>,
    cursor_before: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<RefundRow>, Option<String>)> {
    let mut q = Entity::find().filter(cursor::before(Column::CreatedAt, Column::Id, cursor_before));
    if let Some(scope) = scope {
        q = q.filter(Column::OrgId.eq(scope.org_id()));
    }
    if let Some(s) = status {
        q = q.filter(Column::Status.eq(s));
    }
    let rows = q
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

/// What a status move also records.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub decided_by: Option<Uuid>,
    pub decision_note: Option<String>,
    pub provider_ref: Option<String>,
    pub failure_reason: Option<String>,
    /// Stamp `decided_at` (approve, reject).
    pub decided: bool,
    /// Stamp `completed_at` (refunded).
    pub completed: bool,
    /// The gateway (or `bank`) a withdrawal is paid through; refunds keep the payment's.
    pub method: Option<String>,
}

/// `from` -> `to`; `false` when the refund was not in `from` (someone else moved it).
pub async fn transition<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    from: &str,
    to: &str,
    change: Change,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let mut update = Entity::update_many()
        .col_expr(Column::Status, Expr::value(to))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    if change.decided {
        update = update
            .col_expr(Column::DecidedAt, Expr::value(Some(now)))
            .col_expr(Column::DecidedBy, Expr::value(change.decided_by))
            .col_expr(Column::DecisionNote, Expr::value(change.decision_note));
    }
    if let Some(r) = change.provider_ref {
        update = update.col_expr(Column::ProviderRef, Expr::value(Some(r)));
    }
    if change.failure_reason.is_some() || to == "processing" {
        update = update.col_expr(Column::FailureReason, Expr::value(change.failure_reason));
    }
    if change.completed {
        update = update.col_expr(Column::CompletedAt, Expr::value(Some(now)));
    }
    let res = update
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Status.eq(from))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records the gateway's reference while the refund is processing.
pub async fn set_provider_ref<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    provider_ref: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(
            Column::ProviderRef,
            Expr::value(Some(provider_ref.to_owned())),
        )
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .exec(conn)
        .await?;
    Ok(())
}

/// `(org_id, refund_id)` of the refund a gateway names by its own reference.
pub async fn find_by_provider_ref<C: ConnectionTrait>(
    conn: &C,
    method: &str,
    provider_ref: &str,
) -> DbResult<Option<(Uuid, Uuid)>> {
    Ok(Entity::find()
        .select_only()
        .column(Column::OrgId)
        .column(Column::Id)
        .filter(Column::Method.eq(method))
        .filter(Column::ProviderRef.eq(provider_ref))
        .into_tuple::<(Uuid, Uuid)>()
        .one(conn)
        .await?)
}

/// Refunds still processing at their gateway, oldest first, across organizations: for the
/// reconciliation job only.
pub async fn processing_for_reconciliation<C: ConnectionTrait>(
    conn: &C,
    before: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<RefundRow>> {
    Ok(Entity::find()
        .filter(Column::Status.eq("processing"))
        .filter(Column::ProviderRef.is_not_null())
        .filter(Column::UpdatedAt.lte(before))
        .order_by_asc(Column::UpdatedAt)
        .limit(limit)
        .all(conn)
        .await?)
}

// ---- the tickets a refund covers ----

/// Marks `ticket_ids` of the order as covered by `refund_id`; returns how many were claimed
/// (fewer than asked: some are not valid or already in a live refund, and the caller rolls back).
pub async fn claim_tickets<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
    ticket_ids: &[Uuid],
    refund_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let res = tickets::Entity::update_many()
        .col_expr(tickets::Column::RefundId, Expr::value(Some(refund_id)))
        .col_expr(tickets::Column::UpdatedAt, Expr::value(now))
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::OrderId.eq(order_id))
        .filter(tickets::Column::Id.is_in(ticket_ids.iter().copied()))
        .filter(tickets::Column::RefundId.is_null())
        .filter(tickets::Column::Status.eq("valid"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// A rejected refund lets its tickets be refunded later.
pub async fn release_tickets<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    refund_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    tickets::Entity::update_many()
        .col_expr(tickets::Column::RefundId, Expr::value(Option::<Uuid>::None))
        .col_expr(tickets::Column::UpdatedAt, Expr::value(now))
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::RefundId.eq(refund_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// An approved refund voids its tickets: they no longer admit anyone.
pub async fn void_tickets<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    refund_id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let res = tickets::Entity::update_many()
        .col_expr(tickets::Column::Status, Expr::value("refunded"))
        .col_expr(tickets::Column::UpdatedAt, Expr::value(now))
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::RefundId.eq(refund_id))
        .filter(tickets::Column::Status.eq("valid"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}
