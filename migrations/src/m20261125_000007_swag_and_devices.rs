//! Swag and scanning devices.
//!
//! - `swag_items`: what an event hands out, with `stock` (received in all) and `handed_out`
//!   counters; a hand-out is the conditional `UPDATE ... SET handed_out = handed_out + n WHERE
//!   handed_out + n <= stock`, so stock never goes negative under concurrency.
//! - `swag_allowances`: units each ticket has received of an item, one row per (item, ticket),
//!   bumped with `WHERE received + n <= allowance` in the same transaction.
//! - `swag_handouts`: every hand-out attempt with its answer, unique per (item, staff, nonce) so a
//!   retried request hands out once. `swag_adjustments`: stock corrections with their reason.
//! - `checkin_devices`: phones registered for scanning; revoking one stops its scans and syncs.
//! - `scans` gains what offline sync reports: the outcome the device showed (`offline_outcome`)
//!   and `conflict` (admitted offline although admitted already). The scan's device is stored in
//!   the existing `scans.device` column as the device's id.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp_null,
    unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "swag_allowances_item_id_ticket_id_key",
        table: "swag_allowances",
        columns: &["item_id", "ticket_id"],
    },
    UniqueKey {
        name: "swag_handouts_item_id_handed_by_nonce_key",
        table: "swag_handouts",
        columns: &["item_id", "handed_by", "nonce"],
    },
];

fn int(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
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
            .create_table(create_table(
                "swag_items",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    text("name"),
                    int("stock"),
                    int("handed_out"),
                    int("allowance_per_attendee"),
                    // Eligible ticket types; empty = all of the event's.
                    json("ticket_type_ids"),
                ],
                vec![foreign_key(
                    "swag_items",
                    "event_id",
                    "events",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "swag_items_event_id_idx",
                "swag_items",
                &["event_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "swag_allowances",
                vec![
                    uuid("org_id"),
                    uuid("item_id"),
                    uuid("ticket_id"),
                    int("received"),
                ],
                vec![
                    foreign_key(
                        "swag_allowances",
                        "item_id",
                        "swag_items",
                        ForeignKeyAction::Cascade,
                    ),
                    foreign_key(
                        "swag_allowances",
                        "ticket_id",
                        "tickets",
                        ForeignKeyAction::Cascade,
                    ),
                ],
            ))
            .await?;

        manager
            .create_table(create_table(
                "swag_handouts",
                vec![
                    uuid("org_id"),
                    uuid("item_id"),
                    uuid("event_id"),
                    // The ticket the code named, when it is one of this organization's.
                    ColumnDef::new("ticket_id").uuid().null().to_owned(),
                    int("quantity"),
                    text("outcome"),
                    uuid("handed_by"),
                    text_null("device"),
                    text("nonce"),
                    // The answer given, replayed to a retry with the same nonce.
                    json("result"),
                ],
                vec![foreign_key(
                    "swag_handouts",
                    "item_id",
                    "swag_items",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "swag_handouts_item_id_created_at_idx",
                "swag_handouts",
                &["item_id", "created_at"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "swag_adjustments",
                vec![
                    uuid("org_id"),
                    uuid("item_id"),
                    int("delta"),
                    text("reason"),
                    uuid("adjusted_by"),
                ],
                vec![foreign_key(
                    "swag_adjustments",
                    "item_id",
                    "swag_items",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;

        manager
            .create_table(create_table(
                "checkin_devices",
                vec![
                    uuid("org_id"),
                    text("name"),
                    uuid("registered_by"),
                    timestamp_null("last_seen_at"),
                    timestamp_null("revoked_at"),
                ],
                vec![],
            ))
            .await?;
        manager
            .create_index(index(
                "checkin_devices_org_id_idx",
                "checkin_devices",
                &["org_id"],
            ))
            .await?;

        // SQLite takes one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table("scans")
                    .add_column(text_null("offline_outcome"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("scans")
                    .add_column(
                        ColumnDef::new("conflict")
                            .boolean()
                            .not_null()
                            .default(false)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        // Admitting entries by time, for the live dashboard's arrivals and gates.
        manager
            .create_index(index(
                "scans_event_id_scanned_at_idx",
                "scans",
                &["event_id", "scanned_at"],
            ))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("scans_event_id_scanned_at_idx")
                    .table("scans")
                    .to_owned(),
            )
            .await?;
        for column in ["conflict", "offline_outcome"] {
            manager
                .alter_table(Table::alter().table("scans").drop_column(column).to_owned())
                .await?;
        }
        for table in [
            "checkin_devices",
            "swag_adjustments",
            "swag_handouts",
            "swag_allowances",
            "swag_items",
        ] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}
