//! The durable job queue (outbox). Jobs are written in the same transaction as the change that
//! causes them; the worker claims one at a time with a lease, so a crashed worker's job is
//! retried after the lease runs out. Claiming is an optimistic conditional UPDATE, which is
//! correct on both SQLite and PostgreSQL: of two workers eyeing the same job, one wins.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::jobs::{ActiveModel, Column, Entity};
use crate::error::DbResult;

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub payload: serde_json::Value,
    /// Including this claim.
    pub attempts: i32,
    pub max_attempts: i32,
}

pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    payload: serde_json::Value,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<Uuid> {
    let id = Uuid::now_v7();
    ActiveModel {
        id: Set(id),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        status: Set("pending".into()),
        attempts: Set(0),
        max_attempts: Set(8),
        run_at: Set(run_at),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::Status.eq("pending"))
        .add(Column::RunAt.lte(now))
        .add(
            Condition::any()
                .add(Column::LockedUntil.is_null())
                .add(Column::LockedUntil.lt(now)),
        )
}

/// Claims the oldest due job for `lease`, or `None` when nothing is due.
pub async fn claim_next<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    lease: Duration,
) -> DbResult<Option<Job>> {
    for _ in 0..5 {
        let Some(candidate) = Entity::find()
            .filter(claimable(now))
            .order_by_asc(Column::RunAt)
            .limit(1)
            .one(conn)
            .await?
        else {
            return Ok(None);
        };
        let claimed = Entity::update_many()
            .col_expr(Column::LockedUntil, Expr::value(now + lease))
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .col_expr(Column::UpdatedAt, Expr::value(now))
            .filter(Column::Id.eq(candidate.id))
            .filter(claimable(now))
            .exec(conn)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(Some(Job {
                id: candidate.id,
                kind: candidate.kind,
                payload: candidate.payload,
                attempts: candidate.attempts + 1,
                max_attempts: candidate.max_attempts,
            }));
        }
    }
    Ok(None)
}

/// Done. The payload is cleared because it may hold one-time links.
pub async fn complete<C: ConnectionTrait>(conn: &C, id: Uuid, now: DateTime<Utc>) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::Status, Expr::value("done"))
        .col_expr(Column::Payload, Expr::value(serde_json::json!({})))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A failed attempt: retried at `retry_at`, or marked failed for good when `retry_at` is `None`.
pub async fn fail<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let mut update = Entity::update_many()
        .col_expr(
            Column::LastError,
            Expr::value(error.chars().take(2000).collect::<String>()),
        )
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::UpdatedAt, Expr::value(now));
    update = match retry_at {
        Some(at) => update.col_expr(Column::RunAt, Expr::value(at)),
        None => update.col_expr(Column::Status, Expr::value("failed")),
    };
    update.filter(Column::Id.eq(id)).exec(conn).await?;
    Ok(())
}

/// Jobs not yet done, for tests and operators.
pub async fn pending_count<C: ConnectionTrait>(conn: &C) -> DbResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(Entity::find()
        .filter(Column::Status.eq("pending"))
        .count(conn)
        .await?)
}

pub use crate::entities::jobs::Model as JobRow;

/// Newest first, for the platform admins' job view.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    status: Option<&str>,
    cursor_before: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<JobRow>, Option<String>)> {
    let mut q = Entity::find().filter(crate::cursor::before(
        Column::CreatedAt,
        Column::Id,
        cursor_before,
    ));
    if let Some(s) = status {
        q = q.filter(Column::Status.eq(s));
    }
    let rows = q
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(crate::cursor::page(rows, limit, |r| (r.created_at, r.id)))
}

pub async fn get<C: ConnectionTrait>(conn: &C, id: Uuid) -> DbResult<JobRow> {
    Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(crate::error::DbError::NotFound)
}

/// A job that failed for good runs again now, with a fresh set of attempts; `false` when it
/// was not failed.
pub async fn retry<C: ConnectionTrait>(conn: &C, id: Uuid, now: DateTime<Utc>) -> DbResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::Status, Expr::value("pending"))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::RunAt, Expr::value(now))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq("failed"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}
