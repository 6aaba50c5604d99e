//! `refunds`: money back to a buyer for some tickets of an order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "refunds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub order_id: Uuid,
    pub payment_id: Option<Uuid>,
    pub status: String,
    pub requested_by: String,
    pub requested_by_user_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub ticket_ids: Json,
    pub reason: Option<String>,
    pub decision_note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub method: Option<String>,
    pub provider_ref: Option<String>,
    pub failure_reason: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
