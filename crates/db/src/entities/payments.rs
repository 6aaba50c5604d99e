//! `payments`: attempts to pay an order through a gateway.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub order_id: Uuid,
    pub method: String,
    pub status: String,
    pub amount_minor: i64,
    pub currency: String,
    pub provider_ref: Option<String>,
    pub failure_reason: Option<String>,
    pub redirect_url: Option<String>,
    pub dial_code: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
