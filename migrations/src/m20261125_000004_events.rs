//! Events and what they sell: `categories` (platform-managed), `events`, `capacity_groups`
//! (limits shared by several ticket types) and `ticket_types`.
//!
//! Inventory counters (`sold`, `held`) live on the rows they limit, so a sale is one conditional
//! UPDATE per row (see the checkout issue). Events are never cascaded away with their organization:
//! they will carry orders and money.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    timestamp_null, unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "categories_slug_key",
        table: "categories",
        columns: &["slug"],
    },
    UniqueKey {
        name: "events_slug_key",
        table: "events",
        columns: &["slug"],
    },
];

fn int(name: &'static str, default: i32) -> ColumnDef {
    ColumnDef::new(name)
        .integer()
        .not_null()
        .default(default)
        .to_owned()
}

fn big_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().to_owned()
}

fn flag(name: &'static str, default: bool) -> ColumnDef {
    ColumnDef::new(name)
        .boolean()
        .not_null()
        .default(default)
        .to_owned()
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(create_table(
                "categories",
                vec![
                    text("slug"),
                    text("name_en"),
                    text_null("name_fr"),
                    text("icon"),
                    int("sort_order", 0),
                ],
                vec![],
            ))
            .await?;

        manager
            .create_table(create_table(
                "events",
                vec![
                    uuid("org_id"),
                    text("slug"),
                    text_null("title_en"),
                    text_null("title_fr"),
                    text_null("summary_en"),
                    text_null("summary_fr"),
                    // Markdown as written, and the sanitized HTML rendered when it was saved.
                    text_null("description_en"),
                    text_null("description_fr"),
                    text_null("description_html_en"),
                    text_null("description_html_fr"),
                    ColumnDef::new("category_id").uuid().null().to_owned(),
                    timestamp("starts_at"),
                    timestamp("ends_at"),
                    text("timezone"),
                    text_null("venue_name"),
                    text_null("address"),
                    text_null("city"),
                    text_null("country"),
                    // Micro-degrees: exact, and no REAL columns on SQLite.
                    big_null("latitude_e6"),
                    big_null("longitude_e6"),
                    text_null("online_url"),
                    text_null("cover_key"),
                    // 'draft' | 'published' | 'cancelled' ('ended' follows from the clock)
                    text("status"),
                    // 'public' | 'unlisted'
                    text("visibility"),
                    ColumnDef::new("currency")
                        .string_len(3)
                        .not_null()
                        .to_owned(),
                    text_null("theme_primary"),
                    text_null("theme_accent"),
                    text_null("custom_css"),
                    text_null("custom_css_scoped"),
                    flag("featured", false),
                    // Tickets sold, for "sort by popularity".
                    ColumnDef::new("popularity")
                        .big_integer()
                        .not_null()
                        .default(0)
                        .to_owned(),
                    timestamp_null("published_at"),
                ],
                vec![
                    foreign_key(
                        "events",
                        "org_id",
                        "organizations",
                        ForeignKeyAction::Restrict,
                    ),
                    foreign_key(
                        "events",
                        "category_id",
                        "categories",
                        ForeignKeyAction::SetNull,
                    ),
                ],
            ))
            .await?;
        manager
            .create_index(index("events_org_id_idx", "events", &["org_id"]))
            .await?;
        manager
            .create_index(index(
                "events_discovery_idx",
                "events",
                &["status", "visibility", "ends_at"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "capacity_groups",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    text("name"),
                    int("capacity", 0),
                    int("sold", 0),
                    int("held", 0),
                ],
                vec![foreign_key(
                    "capacity_groups",
                    "event_id",
                    "events",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "capacity_groups_event_id_idx",
                "capacity_groups",
                &["event_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "ticket_types",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    text_null("name_en"),
                    text_null("name_fr"),
                    text_null("description_en"),
                    text_null("description_fr"),
                    // Integer minor units of the event's currency.
                    ColumnDef::new("price_minor")
                        .big_integer()
                        .not_null()
                        .to_owned(),
                    int("quantity", 0),
                    int("sold", 0),
                    int("held", 0),
                    timestamp_null("sale_starts_at"),
                    timestamp_null("sale_ends_at"),
                    int("min_per_order", 1),
                    int("max_per_order", 10),
                    text_null("access_code"),
                    int("sort_order", 0),
                    flag("active", true),
                    ColumnDef::new("capacity_group_id").uuid().null().to_owned(),
                ],
                vec![
                    foreign_key(
                        "ticket_types",
                        "event_id",
                        "events",
                        ForeignKeyAction::Cascade,
                    ),
                    foreign_key(
                        "ticket_types",
                        "capacity_group_id",
                        "capacity_groups",
                        ForeignKeyAction::SetNull,
                    ),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "ticket_types_event_id_idx",
                "ticket_types",
                &["event_id"],
            ))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        seed_categories(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ticket_types", "capacity_groups", "events", "categories"] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}

/// A starting set; platform admins edit them.
const CATEGORIES: &[(&str, &str, &str, &str)] = &[
    ("music", "Music", "Musique", "music"),
    ("business", "Business", "Affaires", "briefcase"),
    ("tech", "Technology", "Technologie", "cpu"),
    ("arts", "Arts & culture", "Arts et culture", "palette"),
    ("sports", "Sports", "Sports", "trophy"),
    ("food", "Food & drink", "Gastronomie", "utensils"),
    ("education", "Education", "Éducation", "graduation-cap"),
    ("community", "Community", "Communauté", "users"),
];

async fn seed_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    let mut insert = Query::insert();
    insert.into_table("categories").columns([
        "id",
        "created_at",
        "updated_at",
        "slug",
        "name_en",
        "name_fr",
        "icon",
        "sort_order",
    ]);
    for (i, (slug, en, fr, icon)) in CATEGORIES.iter().enumerate() {
        insert
            .values([
                uuid::Uuid::new_v4().into(),
                now.into(),
                now.into(),
                (*slug).into(),
                (*en).into(),
                (*fr).into(),
                (*icon).into(),
                <i32 as std::convert::TryFrom<usize>>::try_from(i)
                    .unwrap_or(0)
                    .into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    manager.exec_stmt(insert).await
}
