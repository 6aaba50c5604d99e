//! Idempotency keys: the first request with a key claims it (`running`), the write that follows
//! saves its response in the same transaction (`done`), and retries replay that response.
//! A failed request gives its key back, so a retry runs again.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::entities::idempotency_keys::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};

/// What to do with a request carrying a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// First time (or the earlier attempt was abandoned): run it.
    Started,
    /// Already answered: send this again.
    Replay { status: u16, body: String },
    /// The same key is being processed right now.
    InProgress,
    /// The same key came with a different request.
    Mismatch,
}

/// A `running` key older than this is taken over (its request died without answering).
const ABANDONED_AFTER: Duration = Duration::seconds(60);

/// A read-only look first: what to do with an already-seen key, or `None` when the key is new
/// (or abandoned) and the request may go on to [`begin`]. Lets cheap refusals (sold out) skip
/// every write.
pub async fn lookup<C: ConnectionTrait>(
    conn: &C,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Begin>> {
    let Some(existing) = Entity::find()
        .filter(Column::Scope.eq(scope))
        .filter(Column::Key.eq(key))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if existing.request_hash != request_hash {
        return Ok(Some(Begin::Mismatch));
    }
    if existing.status == "done" {
        return Ok(Some(Begin::Replay {
            status: existing
                .response_status
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(200),
            body: existing.response_body.unwrap_or_default(),
        }));
    }
    if existing.updated_at + ABANDONED_AFTER < now {
        return Ok(None);
    }
    Ok(Some(Begin::InProgress))
}

pub async fn begin<C: ConnectionTrait>(
    conn: &C,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> DbResult<Begin> {
    let inserted = ActiveModel {
        id: Set(Uuid::now_v7()),
        scope: Set(scope.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        status: Set("running".into()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await;
    match inserted {
        Ok(_) => return Ok(Begin::Started),
        Err(e) => match DbError::from(e) {
            DbError::Conflict(_) => {}
            other => return Err(other),
        },
    }
    let Some(existing) = Entity::find()
        .filter(Column::Scope.eq(scope))
        .filter(Column::Key.eq(key))
        .one(conn)
        .await?
    else {
        // Given back between our insert and read: the caller may simply retry.
        return Ok(Begin::InProgress);
    };
    if existing.request_hash != request_hash {
        return Ok(Begin::Mismatch);
    }
    if existing.status == "done" {
        return Ok(Begin::Replay {
            status: existing
                .response_status
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(200),
            body: existing.response_body.unwrap_or_default(),
        });
    }
    if existing.updated_at + ABANDONED_AFTER < now {
        let taken = Entity::update_many()
            .col_expr(Column::UpdatedAt, Expr::value(now))
            .filter(Column::Id.eq(existing.id))
            .filter(Column::Status.eq("running"))
            .filter(Column::UpdatedAt.eq(existing.updated_at))
            .exec(conn)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(Begin::Started);
        }
    }
    Ok(Begin::InProgress)
}

/// Saves the response; call inside the transaction of the write it answers.
pub async fn complete<C: ConnectionTrait>(
    conn: &C,
    scope: &str,
    key: &str,
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::Status, Expr::value("done"))
        .col_expr(Column::ResponseStatus, Expr::value(Some(i32::from(status))))
        .col_expr(Column::ResponseBody, Expr::value(Some(body.to_owned())))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Scope.eq(scope))
        .filter(Column::Key.eq(key))
        .exec(conn)
        .await?;
    Ok(())
}

/// The request failed without effect: forget the key so that a retry runs again.
pub async fn abandon<C: ConnectionTrait>(conn: &C, scope: &str, key: &str) -> DbResult<()> {
    Entity::delete_many()
        .filter(Column::Scope.eq(scope))
        .filter(Column::Key.eq(key))
        .filter(Column::Status.eq("running"))
        .exec(conn)
        .await?;
    Ok(())
}

/// Keys older than `before` (replays are promised for a day).
pub async fn purge<C: ConnectionTrait>(conn: &C, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(Entity::delete_many()
        .filter(Column::CreatedAt.lt(before))
        .exec(conn)
        .await?
        .rows_affected)
}
