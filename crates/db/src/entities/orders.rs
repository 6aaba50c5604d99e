//! `orders`: a buyer's reservation (pending, with a hold until `expires_at`), then booking.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub user_id: Option<Uuid>,
    pub reference: String,
    pub status: String,
    pub buyer_name: String,
    pub buyer_email: String,
    pub buyer_phone: Option<String>,
    pub language: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
    pub fee_payer: String,
    pub coupon_id: Option<Uuid>,
    pub coupon_code: Option<String>,
    pub holder_key: String,
    pub tickets_count: i32,
    pub expires_at: Option<DateTimeUtc>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
