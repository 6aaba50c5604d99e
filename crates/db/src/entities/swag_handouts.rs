//! `swag_handouts`: every hand-out attempt with its answer; unique per (item, staff member, nonce).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "swag_handouts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub item_id: Uuid,
    pub event_id: Uuid,
    pub ticket_id: Option<Uuid>,
    pub quantity: i32,
    pub outcome: String,
    pub handed_by: Uuid,
    pub device: Option<String>,
    pub nonce: String,
    pub result: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
