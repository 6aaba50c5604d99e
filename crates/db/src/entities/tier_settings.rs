//! `tier_settings`: the platform fee for each subscription tier (`free`, `starter`, `pro`,
//! `enterprise`, seeded by the migrations).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tier_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text", unique)]
    pub tier: String,
    /// Basis points: 250 = 2.5 %.
    pub fee_percent_bp: i32,
    /// JSON object, currency code -> fixed fee in integer minor units, e.g. `{"XAF": 100}`.
    #[sea_orm(column_type = "JsonBinary")]
    pub fee_fixed: Json,
    /// `buyer` or `organizer`.
    #[sea_orm(column_type = "Text")]
    pub fee_payer: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
