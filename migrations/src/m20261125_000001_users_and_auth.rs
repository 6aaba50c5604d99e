//! Accounts and their credentials: `users`, `refresh_tokens` (rotating, grouped in families so a
//! reused token revokes its whole family) and `email_tokens` (single-use verify/reset links).
//! Tokens are stored only as hashes.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    timestamp_null, unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "users_email_key",
        table: "users",
        columns: &["email"],
    },
    UniqueKey {
        name: "refresh_tokens_token_hash_key",
        table: "refresh_tokens",
        columns: &["token_hash"],
    },
    UniqueKey {
        name: "email_tokens_token_hash_key",
        table: "email_tokens",
        columns: &["token_hash"],
    },
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite has transactional DDL too: a failed migration leaves nothing half-created.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(create_table(
                "users",
                vec![
                    // Lowercased by the application before every write and lookup.
                    text("email"),
                    text("password_hash"),
                    text("name"),
                    text_null("phone"),
                    text("language").default("en").to_owned(),
                    timestamp_null("email_verified_at"),
                    ColumnDef::new("is_platform_admin")
                        .boolean()
                        .not_null()
                        .default(false)
                        .to_owned(),
                    timestamp_null("disabled_at"),
                ],
                vec![],
            ))
            .await?;

        manager
            .create_table(create_table(
                "refresh_tokens",
                vec![
                    uuid("user_id"),
                    uuid("family_id"),
                    text("token_hash"),
                    timestamp("expires_at"),
                    timestamp_null("revoked_at"),
                    // Set when the token is rotated; a second use means it leaked.
                    timestamp_null("used_at"),
                ],
                vec![foreign_key(
                    "refresh_tokens",
                    "user_id",
                    "users",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "refresh_tokens_family_id_idx",
                "refresh_tokens",
                &["family_id"],
            ))
            .await?;
        // Revoking every session of a user (password change, disable) filters on user_id.
        manager
            .create_index(index(
                "refresh_tokens_user_id_idx",
                "refresh_tokens",
                &["user_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "email_tokens",
                vec![
                    uuid("user_id"),
                    // 'verify_email' | 'password_reset'
                    text("purpose"),
                    text("token_hash"),
                    timestamp("expires_at"),
                    timestamp_null("used_at"),
                ],
                vec![foreign_key(
                    "email_tokens",
                    "user_id",
                    "users",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "email_tokens_user_id_idx",
                "email_tokens",
                &["user_id"],
            ))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first; indexes go with their tables on both backends.
        for table in ["email_tokens", "refresh_tokens", "users"] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}
