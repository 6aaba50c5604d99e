//! `invoices`: invoices, credit notes and platform-fee invoices, frozen when issued.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub kind: String,
    pub series: String,
    pub number: i64,
    pub display_number: String,
    pub source_key: String,
    pub order_id: Option<Uuid>,
    pub refund_id: Option<Uuid>,
    pub period: Option<String>,
    pub currency: String,
    pub lines: Json,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    pub total_minor: i64,
    pub issuer_name: String,
    pub buyer_name: String,
    pub buyer_email: Option<String>,
    pub reference: Option<String>,
    pub language: String,
    pub issued_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
