//! `events`: what an organization publishes. Slugs are globally unique (`events_slug_key`) so
//! `/e/{slug}` names one event.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_id: Uuid,
    #[sea_orm(column_type = "Text", unique)]
    pub slug: String,
    pub title_en: Option<String>,
    pub title_fr: Option<String>,
    pub summary_en: Option<String>,
    pub summary_fr: Option<String>,
    pub description_en: Option<String>,
    pub description_fr: Option<String>,
    pub description_html_en: Option<String>,
    pub description_html_fr: Option<String>,
    pub category_id: Option<Uuid>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub timezone: String,
    pub venue_name: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub online_url: Option<String>,
    pub cover_key: Option<String>,
    pub status: String,
    pub visibility: String,
    pub currency: String,
    pub theme_primary: Option<String>,
    pub theme_accent: Option<String>,
    pub custom_css: Option<String>,
    pub custom_css_scoped: Option<String>,
    pub featured: bool,
    pub popularity: i64,
    pub hold_minutes: i32,
    pub refund_deadline_hours: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organizations::Entity",
        from = "Column::OrgId",
        to = "super::organizations::Column::Id"
    )]
    Organization,
}

impl Related<super::organizations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
