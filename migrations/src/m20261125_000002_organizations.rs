//! Tenants and who belongs to them: `tier_settings` (platform fee per tier, seeded here),
//! `organizations`, `memberships` (one role per user per organization) and `invitations`.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    timestamp_null, unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "tier_settings_tier_key",
        table: "tier_settings",
        columns: &["tier"],
    },
    UniqueKey {
        name: "organizations_slug_key",
        table: "organizations",
        columns: &["slug"],
    },
    UniqueKey {
        name: "memberships_org_user_key",
        table: "memberships",
        columns: &["org_id", "user_id"],
    },
    UniqueKey {
        name: "invitations_token_hash_key",
        table: "invitations",
        columns: &["token_hash"],
    },
];

/// (tier, percentage fee in basis points). Fixed fees start empty; platform admins set them.
const TIERS: &[(&str, i32)] = &[
    ("free", 500),
    ("starter", 350),
    ("pro", 250),
    ("enterprise", 150),
];

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
                "tier_settings",
                vec![
                    // 'free' | 'starter' | 'pro' | 'enterprise'
                    text("tier"),
                    // 250 = 2.5 %
                    ColumnDef::new("fee_percent_bp")
                        .integer()
                        .not_null()
                        .to_owned(),
                    // {"XAF": 100}: currency code -> integer minor units. jsonb on PostgreSQL,
                    // JSON text on SQLite.
                    ColumnDef::new("fee_fixed")
                        .json_binary()
                        .not_null()
                        .to_owned(),
                    // 'buyer' | 'organizer'
                    text("fee_payer"),
                ],
                vec![],
            ))
            .await?;
        seed_tiers(manager).await?;

        manager
            .create_table(create_table(
                "organizations",
                vec![
                    text("name"),
                    text("slug"),
                    // ISO 3166-1 alpha-2 and ISO 4217; SQLite does not enforce the length.
                    ColumnDef::new("country")
                        .string_len(2)
                        .not_null()
                        .to_owned(),
                    ColumnDef::new("currency")
                        .string_len(3)
                        .not_null()
                        .to_owned(),
                    text_null("logo_key"),
                    text("tier").default("free").to_owned(),
                    timestamp_null("suspended_at"),
                ],
                vec![],
            ))
            .await?;

        manager
            .create_table(create_table(
                "memberships",
                vec![
                    uuid("org_id"),
                    uuid("user_id"),
                    // 'owner' | 'admin' | 'manager' | 'checkin_staff' | 'viewer'
                    text("role"),
                ],
                vec![
                    foreign_key(
                        "memberships",
                        "org_id",
                        "organizations",
                        ForeignKeyAction::Cascade,
                    ),
                    foreign_key("memberships", "user_id", "users", ForeignKeyAction::Cascade),
                ],
            ))
            .await?;
        // (org_id, user_id) is covered by the unique index; "my organizations" needs user_id alone.
        manager
            .create_index(index(
                "memberships_user_id_idx",
                "memberships",
                &["user_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "invitations",
                vec![
                    uuid("org_id"),
                    // Lowercased by the application.
                    text("email"),
                    text("role"),
                    text("token_hash"),
                    ColumnDef::new("invited_by").uuid().null().to_owned(),
                    timestamp("expires_at"),
                    timestamp_null("accepted_at"),
                    timestamp_null("revoked_at"),
                ],
                vec![
                    foreign_key(
                        "invitations",
                        "org_id",
                        "organizations",
                        ForeignKeyAction::Cascade,
                    ),
                    // Deleting the inviter must not delete the invitation.
                    foreign_key(
                        "invitations",
                        "invited_by",
                        "users",
                        ForeignKeyAction::SetNull,
                    ),
                ],
            ))
            .await?;
        manager
            .create_index(index("invitations_org_id_idx", "invitations", &["org_id"]))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "invitations",
            "memberships",
            "organizations",
            "tier_settings",
        ] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}

async fn seed_tiers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    let mut insert = Query::insert();
    insert.into_table("tier_settings").columns([
        "id",
        "created_at",
        "updated_at",
        "tier",
        "fee_percent_bp",
        "fee_fixed",
        "fee_payer",
    ]);
    for (tier, basis_points) in TIERS {
        insert
            .values([
                uuid::Uuid::new_v4().into(),
                now.into(),
                now.into(),
                (*tier).into(),
                (*basis_points).into(),
                serde_json::json!({}).into(),
                "buyer".into(),
            ])
            .map_err(|e| DbErr::Migration(format!("seeding tier_settings: {e}")))?;
    }
    manager.exec_stmt(insert).await
}
