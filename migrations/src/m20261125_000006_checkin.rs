//! Check-in: `checkin_lists` (which tickets of an event a door admits, and when), `checkins`
//! (one row per list and ticket: inside or out, the last entry's time, gate and staff member) and
//! `scans` (every scan with its outcome, the log of the door and the nonce that makes a retried
//! request count once).
//!
//! Concurrency rests on the unique keys: a first entry is an `INSERT ... ON CONFLICT DO NOTHING`
//! on `(list_id, ticket_id)`, re-entry and exit conditional UPDATEs of `state`; a scan is
//! recorded once per `(list_id, scanned_by, nonce)`.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp,
    timestamp_null, unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "checkins_list_id_ticket_id_key",
        table: "checkins",
        columns: &["list_id", "ticket_id"],
    },
    UniqueKey {
        name: "scans_list_id_scanned_by_nonce_key",
        table: "scans",
        columns: &["list_id", "scanned_by", "nonce"],
    },
];

fn json(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).json_binary().not_null().to_owned()
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
                "checkin_lists",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    text("name"),
                    // Admitted ticket types; empty = all of the event's.
                    json("ticket_type_ids"),
                    timestamp_null("starts_at"),
                    timestamp_null("ends_at"),
                    ColumnDef::new("allow_reentry")
                        .boolean()
                        .not_null()
                        .default(false)
                        .to_owned(),
                ],
                vec![foreign_key(
                    "checkin_lists",
                    "event_id",
                    "events",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "checkin_lists_event_id_idx",
                "checkin_lists",
                &["event_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "checkins",
                vec![
                    uuid("org_id"),
                    uuid("list_id"),
                    uuid("ticket_id"),
                    // Copied from the ticket, for counts by type without a join.
                    uuid("ticket_type_id"),
                    // `in` or `out`.
                    text("state"),
                    timestamp("first_entry_at"),
                    timestamp("last_entry_at"),
                    text_null("last_entry_gate"),
                    uuid("last_entry_by"),
                    timestamp_null("last_exit_at"),
                    ColumnDef::new("entries")
                        .integer()
                        .not_null()
                        .default(1)
                        .to_owned(),
                ],
                vec![
                    foreign_key(
                        "checkins",
                        "list_id",
                        "checkin_lists",
                        ForeignKeyAction::Cascade,
                    ),
                    foreign_key(
                        "checkins",
                        "ticket_id",
                        "tickets",
                        ForeignKeyAction::Cascade,
                    ),
                ],
            ))
            .await?;

        manager
            .create_table(create_table(
                "scans",
                vec![
                    uuid("org_id"),
                    uuid("list_id"),
                    uuid("event_id"),
                    // The ticket the code named, when it is one of this organization's.
                    uuid_null("ticket_id"),
                    text("direction"),
                    text("outcome"),
                    text_null("gate"),
                    // The member who scanned (no foreign key: the log outlives memberships).
                    uuid("scanned_by"),
                    // The scanning device, once devices are registered (offline mode).
                    text_null("device"),
                    text("nonce"),
                    // When it happened at the door (sent by offline scanners); `created_at` is
                    // when the server recorded it.
                    timestamp("scanned_at"),
                    // The answer given, replayed to a retry with the same nonce.
                    json("result"),
                ],
                vec![foreign_key(
                    "scans",
                    "list_id",
                    "checkin_lists",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "scans_list_id_created_at_idx",
                "scans",
                &["list_id", "created_at"],
            ))
            .await?;
        manager
            .create_index(index("scans_ticket_id_idx", "scans", &["ticket_id"]))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["scans", "checkins", "checkin_lists"] {
            manager.drop_table(drop_table(table)).await?;
        }
        Ok(())
    }
}
