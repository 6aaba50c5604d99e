//! `coupons`: discounts of one event; `used` counts reserved and confirmed uses.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coupons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub code: String,
    pub kind: String,
    pub percent_bp: Option<i32>,
    pub amount_minor: Option<i64>,
    pub ticket_type_ids: Json,
    pub min_order_minor: Option<i64>,
    pub starts_at: Option<DateTimeUtc>,
    pub ends_at: Option<DateTimeUtc>,
    pub max_uses: Option<i32>,
    pub max_uses_per_email: Option<i32>,
    pub allowed_emails: Json,
    pub active: bool,
    pub used: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
