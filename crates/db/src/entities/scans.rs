//! `scans`: every scan at a door with its outcome; unique per (list, staff member, nonce).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub list_id: Uuid,
    pub event_id: Uuid,
    pub ticket_id: Option<Uuid>,
    pub direction: String,
    pub outcome: String,
    pub gate: Option<String>,
    pub scanned_by: Uuid,
    /// The scanning device's id, when a registered device scanned.
    pub device: Option<String>,
    pub nonce: String,
    pub scanned_at: DateTimeUtc,
    pub result: Json,
    pub offline_outcome: Option<String>,
    pub conflict: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
