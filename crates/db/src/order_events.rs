//! An order's history: every transition and action with its time and actor.

use chrono::{DateTime, Utc};
use common::orders::ActorKind;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entities::order_events::{ActiveModel, Column, Entity};
use crate::error::DbResult;
use crate::scope::OrgScope;

pub use crate::entities::order_events::Model as OrderEventRow;

#[derive(Debug, Clone, Default)]
pub struct NewOrderEvent<'a> {
    pub kind: &'a str,
    pub from_status: Option<&'a str>,
    pub to_status: Option<&'a str>,
    pub actor: ActorKind,
    pub actor_user_id: Option<Uuid>,
    pub note: Option<String>,
}

pub async fn record<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
    e: NewOrderEvent<'_>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        order_id: Set(order_id),
        kind: Set(e.kind.to_owned()),
        from_status: Set(e.from_status.map(str::to_owned)),
        to_status: Set(e.to_status.map(str::to_owned)),
        actor: Set(e.actor.as_str().to_owned()),
        actor_user_id: Set(e.actor_user_id),
        note: Set(e.note),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Vec<OrderEventRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::OrderId.eq(order_id))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(conn)
        .await?)
}
