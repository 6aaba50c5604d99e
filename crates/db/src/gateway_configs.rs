//! Payment gateway configuration set by platform admins (platform-wide, not tenant data).
//! Credentials arrive sealed by the server; this module stores and returns them opaque.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};
use uuid::Uuid;

use crate::entities::gateway_configs::{ActiveModel, Column, Entity};
use crate::error::DbResult;

pub use crate::entities::gateway_configs::Model as GatewayConfigRow;

pub async fn all<C: ConnectionTrait>(conn: &C) -> DbResult<Vec<GatewayConfigRow>> {
    Ok(Entity::find()
        .order_by_asc(Column::Method)
        .all(conn)
        .await?)
}

/// Inserts or replaces one gateway's configuration.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    method: &str,
    enabled: bool,
    currencies: serde_json::Value,
    sealed_credentials: Option<String>,
    updated_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::insert(ActiveModel {
        id: Set(Uuid::now_v7()),
        method: Set(method.to_owned()),
        enabled: Set(enabled),
        currencies: Set(currencies),
        sealed_credentials: Set(sealed_credentials),
        updated_by: Set(updated_by),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(Column::Method)
            .update_columns([
                Column::Enabled,
                Column::Currencies,
                Column::SealedCredentials,
                Column::UpdatedBy,
                Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
