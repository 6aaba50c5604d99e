//! Invoices and credit notes.
//!
//! - `invoices`: one row per document an organization issues (an `invoice` for a paid order, a
//!   `credit_note` for a completed refund) or receives from the platform (a monthly
//!   `fee_invoice`). Amounts, lines and the customer are snapshots taken at issue: a document
//!   never changes once issued. `source_key` names the cause (`invoice:<order>`,
//!   `credit_note:<refund>`, `fee_invoice:<period>:<currency>`) and is unique, so a cause issues
//!   one document at most; fee invoices are also unique per (organization, kind, period,
//!   currency).
//! - `invoice_counters`: the next number of each (organization, series). Numbers are taken with
//!   one `UPDATE ... SET next = next + 1` in the transaction that issues the document, so a
//!   series has no gap and no duplicate: concurrent issuers queue on the counter row
//!   (PostgreSQL row lock; SQLite's single writer) and a rolled-back transaction gives its number
//!   back.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "invoice_counters_org_id_series_key",
        table: "invoice_counters",
        columns: &["org_id", "series"],
    },
    UniqueKey {
        name: "invoices_org_id_series_number_key",
        table: "invoices",
        columns: &["org_id", "series", "number"],
    },
    UniqueKey {
        name: "invoices_source_key_key",
        table: "invoices",
        columns: &["source_key"],
    },
    UniqueKey {
        name: "invoices_org_id_kind_period_currency_key",
        table: "invoices",
        columns: &["org_id", "kind", "period", "currency"],
    },
];

fn minor(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().to_owned()
}

fn uuid_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().null().to_owned()
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
                "invoice_counters",
                vec![
                    uuid("org_id"),
                    text("series"),
                    ColumnDef::new("next")
                        .big_integer()
                        .not_null()
                        .default(1)
                        .to_owned(),
                ],
                vec![foreign_key(
                    "invoice_counters",
                    "org_id",
                    "organizations",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;

        manager
            .create_table(create_table(
                "invoices",
                vec![
                    uuid("org_id"),
                    text("kind"),
                    text("series"),
                    ColumnDef::new("number").big_integer().not_null().to_owned(),
                    text("display_number"),
                    text("source_key"),
                    uuid_null("order_id"),
                    uuid_null("refund_id"),
                    // `YYYY-MM` for fee invoices.
                    text_null("period"),
                    text("currency"),
                    ColumnDef::new("lines").json_binary().not_null().to_owned(),
                    minor("subtotal_minor"),
                    minor("discount_minor"),
                    minor("fee_minor"),
                    minor("total_minor"),
                    text("issuer_name"),
                    text("buyer_name"),
                    text_null("buyer_email"),
                    text_null("reference"),
                    text("language"),
                    timestamp("issued_at"),
                ],
                vec![foreign_key(
                    "invoices",
                    "org_id",
                    "organizations",
                    ForeignKeyAction::Restrict,
                )],
            ))
            .await?;
        for (name, columns) in [
            (
                "invoices_org_id_created_at_idx",
                &["org_id", "created_at"][..],
            ),
            ("invoices_order_id_idx", &["order_id"][..]),
        ] {
            manager
                .create_index(index(name, "invoices", columns))
                .await?;
        }
        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["invoices", "invoice_counters"] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}
