//! Phones and tablets registered for scanning. A device is an org's, never a user's: staff
//! register it once, its id goes with every scan and offline sync, and an organizer revokes a
//! lost or stolen one, after which everything it sends is refused.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::entities::checkin_devices::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::checkin_devices::Model as DeviceRow;

/// How stale `last_seen_at` may get before a scan refreshes it (one write a minute, not one a scan).
pub const SEEN_EVERY: Duration = Duration::seconds(60);

pub async fn register<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    name: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> DbResult<DeviceRow> {
    Ok(ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        name: Set(name.to_owned()),
        registered_by: Set(by),
        last_seen_at: Set(Some(now)),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<DeviceRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// The organization's devices, newest first.
pub async fn list<C: ConnectionTrait>(conn: &C, scope: OrgScope) -> DbResult<Vec<DeviceRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .all(conn)
        .await?)
}

/// Revokes once; revoking again keeps the first time.
pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<DeviceRow> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    get(conn, scope, id).await
}

/// Marks the device seen now, at most once per [`SEEN_EVERY`].
pub async fn touch<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::LastSeenAt, Expr::value(Some(now)))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(Column::LastSeenAt.is_null())
                .add(Column::LastSeenAt.lt(now - SEEN_EVERY)),
        )
        .exec(conn)
        .await?;
    Ok(())
}
