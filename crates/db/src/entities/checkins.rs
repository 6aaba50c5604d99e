//! `checkins`: one ticket's presence on one list (`in` or `out`), unique per (list, ticket).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    pub list_id: Uuid,
    pub ticket_id: Uuid,
    pub ticket_type_id: Uuid,
    pub state: String,
    pub first_entry_at: DateTimeUtc,
    pub last_entry_at: DateTimeUtc,
    pub last_entry_gate: Option<String>,
    pub last_entry_by: Uuid,
    pub last_exit_at: Option<DateTimeUtc>,
    pub entries: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
