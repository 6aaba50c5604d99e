//! `jobs`: the durable outbox. Side effects are enqueued in the same transaction as the change
//! that causes them and drained by the worker; handlers must be idempotent.

use sea_orm_migration::prelude::*;

use crate::helpers::{create_table, drop_table, index, text, text_null, timestamp, timestamp_null};

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
                "jobs",
                vec![
                    text("kind"),
                    ColumnDef::new("payload")
                        .json_binary()
                        .not_null()
                        .to_owned(),
                    // 'pending' | 'done' | 'failed'
                    text("status").default("pending").to_owned(),
                    ColumnDef::new("attempts")
                        .integer()
                        .not_null()
                        .default(0)
                        .to_owned(),
                    ColumnDef::new("max_attempts")
                        .integer()
                        .not_null()
                        .default(8)
                        .to_owned(),
                    timestamp("run_at"),
                    // A claimed job is invisible until then; a crashed worker's jobs come back.
                    timestamp_null("locked_until"),
                    text_null("last_error"),
                ],
                vec![],
            ))
            .await?;
        // The worker's poll: WHERE status = 'pending' AND run_at <= now ORDER BY run_at.
        manager
            .create_index(index("jobs_due_idx", "jobs", &["status", "run_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(drop_table("jobs")).await
    }
}
