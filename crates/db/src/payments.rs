//! Payment attempts of an order. Settling is a conditional UPDATE from `pending`, so a gateway
//! callback delivered twice settles once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::payments::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::payments::Model as PaymentRow;

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
    method: &str,
    amount_minor: i64,
    currency: &str,
    now: DateTime<Utc>,
) -> DbResult<PaymentRow> {
    Ok(ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        order_id: Set(order_id),
        method: Set(method.to_owned()),
        status: Set("pending".into()),
        amount_minor: Set(amount_minor),
        currency: Set(currency.to_owned()),
        provider_ref: Set(None),
        failure_reason: Set(None),
        redirect_url: Set(None),
        dial_code: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<PaymentRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// The organization owning a payment, for gateway callbacks (authenticated by their own proof).
pub async fn owner_org<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<(Uuid, Uuid)> {
    use sea_orm::QuerySelect;
    Entity::find_by_id(id)
        .select_only()
        .column(Column::OrgId)
        .column(Column::OrderId)
        .into_tuple::<(Uuid, Uuid)>()
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn for_order<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<PaymentRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

/// `pending` -> `succeeded` or `failed`; `false` if it was already settled.
pub async fn settle<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    status: &str,
    failure_reason: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(
            Column::FailureReason,
            Expr::value(failure_reason.map(str::to_owned)),
        )
        .col_expr(Column::CompletedAt, Expr::value(Some(now)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Status.eq("pending"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What the buyer needs to finish paying, as `start` returned it (kept for a reload).
pub async fn set_instructions<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    redirect_url: Option<&str>,
    dial_code: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(
            Column::RedirectUrl,
            Expr::value(redirect_url.map(str::to_owned)),
        )
        .col_expr(Column::DialCode, Expr::value(dial_code.map(str::to_owned)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records the gateway's reference once `start` returned it (a callback may have settled the
/// payment already; the reference is still worth keeping for refunds and reconciliation).
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
        .filter(Column::ProviderRef.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// `(org_id, payment_id)` of the payment a gateway names by its own reference, for verified
/// callbacks that do not echo our id.
pub async fn find_by_provider_ref<C: ConnectionTrait>(
    conn: &C,
    method: &str,
    provider_ref: &str,
) -> DbResult<Option<(Uuid, Uuid)>> {
    use sea_orm::QuerySelect;
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

/// Pending payments through real gateways started between `since` and `before`, oldest first,
/// across all organizations: for the reconciliation job only (it asks each gateway and settles
/// through the same conditional update as a webhook).
pub async fn pending_for_reconciliation<C: ConnectionTrait>(
    conn: &C,
    since: DateTime<Utc>,
    before: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<PaymentRow>> {
    use sea_orm::QuerySelect;
    Ok(Entity::find()
        .filter(Column::Status.eq("pending"))
        .filter(Column::Method.ne("test"))
        .filter(Column::CreatedAt.gte(since))
        .filter(Column::CreatedAt.lte(before))
        .order_by_asc(Column::CreatedAt)
        .limit(limit)
        .all(conn)
        .await?)
}

/// One organization's payments still pending since before `before`, oldest first.
pub async fn stuck<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    before: DateTime<Utc>,
    limit: u64,
) -> DbResult<Vec<PaymentRow>> {
    use sea_orm::QuerySelect;
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Status.eq("pending"))
        .filter(Column::CreatedAt.lte(before))
        .order_by_asc(Column::CreatedAt)
        .limit(limit)
        .all(conn)
        .await?)
}
