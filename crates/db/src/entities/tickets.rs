//! `tickets`: one admission, issued when its order is confirmed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub order_id: Uuid,
    pub order_item_id: Uuid,
    pub ticket_type_id: Uuid,
    pub code: String,
    pub attendee_name: String,
    pub status: String,
    pub position: i32,
    pub checked_in_at: Option<DateTimeUtc>,
    /// The live refund covering this ticket, if any.
    pub refund_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
