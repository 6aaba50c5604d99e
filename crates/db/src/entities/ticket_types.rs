//! `ticket_types`: what an event sells, with its own quantity and counters.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub name_en: Option<String>,
    pub name_fr: Option<String>,
    pub description_en: Option<String>,
    pub description_fr: Option<String>,
    pub price_minor: i64,
    pub quantity: i32,
    pub sold: i32,
    pub held: i32,
    pub sale_starts_at: Option<DateTimeUtc>,
    pub sale_ends_at: Option<DateTimeUtc>,
    pub min_per_order: i32,
    pub max_per_order: i32,
    pub access_code: Option<String>,
    pub sort_order: i32,
    pub active: bool,
    pub capacity_group_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
