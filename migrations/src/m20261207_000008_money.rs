//! Money after the sale.
//!
//! - `ledger_accounts`: one row per (organization, currency). Every write that must see a
//!   consistent balance (a withdrawal request) first bumps its `version`, which serializes such
//!   writes per account on PostgreSQL (row lock) as SQLite's single writer already does.
//! - `ledger_entries`: append-only signed amounts (sale, platform_fee, refund, payout,
//!   payout_reversal, adjustment) from which balances are summed. `source_key` names what caused
//!   an entry (`sale:<order>`, `refund:<refund>`, ...) and is unique, so posting twice is harmless.
//! - `refunds`: money back to a buyer for some tickets of an order, through the gateway that was
//!   paid. `tickets.refund_id` marks the tickets a live refund covers; it is set with a
//!   conditional UPDATE (`WHERE refund_id IS NULL`), so a ticket is never in two refunds.
//! - `withdrawals`: organizers' payout requests, their review and their payout.
//! - `events.refund_deadline_hours`: until how many hours before the start buyers may ask.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    timestamp_null, unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "ledger_accounts_org_id_currency_key",
        table: "ledger_accounts",
        columns: &["org_id", "currency"],
    },
    UniqueKey {
        name: "ledger_entries_source_key_key",
        table: "ledger_entries",
        columns: &["source_key"],
    },
];

fn minor(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

fn uuid_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().null().to_owned()
}

fn json(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).json_binary().not_null().to_owned()
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
            .alter_table(
                Table::alter()
                    .table("events")
                    .add_column(ColumnDef::new("refund_deadline_hours").integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .add_column(ColumnDef::new("refund_id").uuid().null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(create_table(
                "ledger_accounts",
                vec![
                    uuid("org_id"),
                    text("currency"),
                    ColumnDef::new("version")
                        .big_integer()
                        .not_null()
                        .default(0)
                        .to_owned(),
                ],
                vec![foreign_key(
                    "ledger_accounts",
                    "org_id",
                    "organizations",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;

        manager
            .create_table(create_table(
                "ledger_entries",
                vec![
                    uuid("org_id"),
                    text("currency"),
                    text("kind"),
                    minor("amount_minor"),
                    timestamp("available_at"),
                    text("source_key"),
                    uuid_null("order_id"),
                    uuid_null("refund_id"),
                    uuid_null("withdrawal_id"),
                    text_null("memo"),
                ],
                vec![foreign_key(
                    "ledger_entries",
                    "org_id",
                    "organizations",
                    ForeignKeyAction::Restrict,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "ledger_entries_org_id_currency_available_at_idx",
                "ledger_entries",
                &["org_id", "currency", "available_at"],
            ))
            .await?;
        manager
            .create_index(index(
                "ledger_entries_org_id_created_at_idx",
                "ledger_entries",
                &["org_id", "created_at"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "refunds",
                vec![
                    uuid("org_id"),
                    uuid("order_id"),
                    uuid_null("payment_id"),
                    text("status"),
                    text("requested_by"),
                    uuid_null("requested_by_user_id"),
                    minor("amount_minor"),
                    text("currency"),
                    json("ticket_ids"),
                    text_null("reason"),
                    text_null("decision_note"),
                    uuid_null("decided_by"),
                    timestamp_null("decided_at"),
                    text_null("method"),
                    text_null("provider_ref"),
                    text_null("failure_reason"),
                    timestamp_null("completed_at"),
                ],
                vec![foreign_key(
                    "refunds",
                    "order_id",
                    "orders",
                    ForeignKeyAction::Restrict,
                )],
            ))
            .await?;
        for (name, columns) in [
            (
                "refunds_org_id_created_at_idx",
                &["org_id", "created_at"][..],
            ),
            ("refunds_order_id_idx", &["order_id"][..]),
            (
                "refunds_status_created_at_idx",
                &["status", "created_at"][..],
            ),
        ] {
            manager
                .create_index(index(name, "refunds", columns))
                .await?;
        }

        manager
            .create_table(create_table(
                "withdrawals",
                vec![
                    uuid("org_id"),
                    text("currency"),
                    minor("amount_minor"),
                    text("status"),
                    text("destination_kind"),
                    json("destination"),
                    uuid_null("requested_by"),
                    text_null("decision_note"),
                    uuid_null("decided_by"),
                    timestamp_null("decided_at"),
                    text_null("method"),
                    text_null("provider_ref"),
                    text_null("failure_reason"),
                    timestamp_null("completed_at"),
                ],
                vec![foreign_key(
                    "withdrawals",
                    "org_id",
                    "organizations",
                    ForeignKeyAction::Restrict,
                )],
            ))
            .await?;
        for (name, columns) in [
            (
                "withdrawals_org_id_created_at_idx",
                &["org_id", "created_at"][..],
            ),
            (
                "withdrawals_status_created_at_idx",
                &["status", "created_at"][..],
            ),
        ] {
            manager
                .create_index(index(name, "withdrawals", columns))
                .await?;
        }

        // Payments are found by their gateway reference (webhooks) and by status and age
        // (reconciliation).
        manager
            .create_index(index(
                "payments_method_provider_ref_idx",
                "payments",
                &["method", "provider_ref"],
            ))
            .await?;
        manager
            .create_index(index(
                "payments_status_created_at_idx",
                "payments",
                &["status", "created_at"],
            ))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "payments_status_created_at_idx",
            "payments_method_provider_ref_idx",
        ] {
            manager
                .drop_index(Index::drop().name(name).table("payments").to_owned())
                .await?;
        }
        for table in [
            "withdrawals",
            "refunds",
            "ledger_entries",
            "ledger_accounts",
        ] {
            manager.drop_table(drop_table(table)).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("tickets")
                    .drop_column("refund_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("events")
                    .drop_column("refund_deadline_hours")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
