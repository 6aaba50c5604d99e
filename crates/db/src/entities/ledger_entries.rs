//! `ledger_entries`: append-only signed money movements of an organization.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub currency: String,
    pub kind: String,
    pub amount_minor: i64,
    pub available_at: DateTimeUtc,
    pub source_key: String,
    pub order_id: Option<Uuid>,
    pub refund_id: Option<Uuid>,
    pub withdrawal_id: Option<Uuid>,
    pub memo: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
