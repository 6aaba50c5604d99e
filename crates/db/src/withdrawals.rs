//! Withdrawals: organizers' payout requests. Status moves are conditional UPDATEs
//! (`WHERE status = <from>`), so a withdrawal is approved, paid or reversed once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::withdrawals::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::withdrawals::Model as WithdrawalRow;

#[derive(Debug, Clone)]
pub struct NewWithdrawal {
    pub currency: String,
    pub amount_minor: i64,
    pub destination_kind: &'static str,
    pub destination: serde_json::Value,
    pub requested_by: Option<Uuid>,
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    new: NewWithdrawal,
    now: DateTime<Utc>,
) -> DbResult<WithdrawalRow> {
    Ok(ActiveModel {
        id: Set(id),
        org_id: Set(scope.org_id()),
        currency: Set(new.currency),
        amount_minor: Set(new.amount_minor),
        status: Set("requested".into()),
        destination_kind: Set(new.destination_kind.to_owned()),
        destination: Set(new.destination),
        requested_by: Set(new.requested_by),
        decision_note: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        method: Set(None),
        provider_ref: Set(None),
        failure_reason: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<WithdrawalRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// The organization owning a withdrawal: for platform admins and gateway reports.
pub async fn owner_org<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<Uuid> {
    Entity::find_by_id(id)
        .select_only()
        .column(Column::OrgId)
        .into_tuple::<Uuid>()
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// Newest first; one organization's (`Some(scope)`) or, for platform admins, everyone's.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: Option<OrgScope>,
    status: Option<&str>,
    cursor_before: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<WithdrawalRow>, Option<String>)> {
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

pub use crate::refunds::Change;

/// `from` -> `to`; `false` when the withdrawal was not in `from`.
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
    if let Some(m) = change.method {
        update = update.col_expr(Column::Method, Expr::value(Some(m)));
    }
    if let Some(r) = change.provider_ref {
        update = update.col_expr(Column::ProviderRef, Expr::value(Some(r)));
    }
    if change.failure_reason.is_some() {
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

/// `(org_id, withdrawal_id)` of the withdrawal a gateway names by its own reference.
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

/// Withdrawals processing at a gateway, oldest first, across organizations: for the
/// reconciliation job only.
pub async fn processing_for_reconciliation<C: ConnectionTrait>(
    conn: &C,
    before: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<WithdrawalRow>> {
    Ok(Entity::find()
        .filter(Column::Status.eq("processing"))
        .filter(Column::DestinationKind.eq("mobile_money"))
        .filter(Column::ProviderRef.is_not_null())
        .filter(Column::UpdatedAt.lte(before))
        .order_by_asc(Column::UpdatedAt)
        .limit(limit)
        .all(conn)
        .await?)
}
