//! Checkout: `orders` (a buyer's reservation, then booking), `order_items`, `tickets`,
//! `order_events` (every state change with time and actor), `coupons` with per-email use counters,
//! `payments` (attempts through a gateway) and `idempotency_keys` (saved responses of retried
//! writes). Adds `events.hold_minutes`.
//!
//! Inventory stays in the `sold`/`held` counters of `ticket_types` and `capacity_groups`; an order
//! item remembers the capacity group it drew from so that releasing a hold gives back to the same
//! counter even if the organizer regroups types meanwhile. Coupons count reserved + confirmed
//! uses in `used` the same way.

use sea_orm_migration::prelude::*;

use crate::helpers::{
    UniqueKey, create_table, drop_table, foreign_key, index, text, text_null, timestamp_null,
    unique_index, uuid,
};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: "orders_reference_key",
        table: "orders",
        columns: &["reference"],
    },
    UniqueKey {
        name: "tickets_code_key",
        table: "tickets",
        columns: &["code"],
    },
    UniqueKey {
        name: "coupons_event_id_code_key",
        table: "coupons",
        columns: &["event_id", "code"],
    },
    UniqueKey {
        name: "coupon_email_uses_coupon_id_email_key",
        table: "coupon_email_uses",
        columns: &["coupon_id", "email"],
    },
    UniqueKey {
        name: "idempotency_keys_scope_key_key",
        table: "idempotency_keys",
        columns: &["scope", "key"],
    },
];

fn int(name: &'static str, default: i32) -> ColumnDef {
    ColumnDef::new(name)
        .integer()
        .not_null()
        .default(default)
        .to_owned()
}

fn int_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().null().to_owned()
}

fn minor(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

fn minor_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).big_integer().null().to_owned()
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
                    .add_column(int("hold_minutes", 15))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(create_table(
                "coupons",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    text("code"),
                    text("kind"),
                    int_null("percent_bp"),
                    minor_null("amount_minor"),
                    json("ticket_type_ids"),
                    minor_null("min_order_minor"),
                    timestamp_null("starts_at"),
                    timestamp_null("ends_at"),
                    int_null("max_uses"),
                    int_null("max_uses_per_email"),
                    json("allowed_emails"),
                    ColumnDef::new("active")
                        .boolean()
                        .not_null()
                        .default(true)
                        .to_owned(),
                    // Reserved by pending orders + used by confirmed ones.
                    int("used", 0),
                ],
                vec![foreign_key(
                    "coupons",
                    "event_id",
                    "events",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;

        manager
            .create_table(create_table(
                "coupon_email_uses",
                vec![
                    uuid("org_id"),
                    uuid("coupon_id"),
                    text("email"),
                    int("used", 0),
                ],
                vec![foreign_key(
                    "coupon_email_uses",
                    "coupon_id",
                    "coupons",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;

        manager
            .create_table(create_table(
                "orders",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    uuid_null("user_id"),
                    text("reference"),
                    text("status"),
                    text("buyer_name"),
                    text("buyer_email"),
                    text_null("buyer_phone"),
                    text("language"),
                    text("currency"),
                    minor("subtotal_minor"),
                    minor("discount_minor"),
                    minor("fee_minor"),
                    minor("total_minor"),
                    text("fee_payer"),
                    uuid_null("coupon_id"),
                    text_null("coupon_code"),
                    // Who holds these tickets, for the hoarding limit (normalized email).
                    text("holder_key"),
                    ColumnDef::new("tickets_count")
                        .integer()
                        .not_null()
                        .to_owned(),
                    timestamp_null("expires_at"),
                    timestamp_null("confirmed_at"),
                    timestamp_null("cancelled_at"),
                ],
                vec![
                    // Orders carry money: their event cannot be deleted from under them.
                    foreign_key("orders", "event_id", "events", ForeignKeyAction::Restrict),
                    foreign_key("orders", "user_id", "users", ForeignKeyAction::SetNull),
                    foreign_key("orders", "coupon_id", "coupons", ForeignKeyAction::SetNull),
                ],
            ))
            .await?;
        for (name, columns) in [
            (
                "orders_event_id_created_at_idx",
                &["event_id", "created_at"][..],
            ),
            (
                "orders_status_expires_at_idx",
                &["status", "expires_at"][..],
            ),
            (
                "orders_holder_key_status_idx",
                &["holder_key", "status"][..],
            ),
            ("orders_user_id_idx", &["user_id"][..]),
            ("orders_buyer_email_idx", &["buyer_email"][..]),
        ] {
            manager.create_index(index(name, "orders", columns)).await?;
        }

        manager
            .create_table(create_table(
                "order_items",
                vec![
                    uuid("org_id"),
                    uuid("order_id"),
                    uuid("ticket_type_id"),
                    // The group this item drew from when held (no foreign key: the group may be
                    // deleted later; releasing then touches nothing).
                    uuid_null("capacity_group_id"),
                    int("quantity", 0),
                    minor("unit_price_minor"),
                    minor("subtotal_minor"),
                    minor("discount_minor"),
                    minor("fee_minor"),
                    json("attendees"),
                    int("position", 0),
                ],
                vec![
                    foreign_key(
                        "order_items",
                        "order_id",
                        "orders",
                        ForeignKeyAction::Cascade,
                    ),
                    foreign_key(
                        "order_items",
                        "ticket_type_id",
                        "ticket_types",
                        ForeignKeyAction::Restrict,
                    ),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "order_items_order_id_idx",
                "order_items",
                &["order_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "order_items_ticket_type_id_idx",
                "order_items",
                &["ticket_type_id"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "tickets",
                vec![
                    uuid("org_id"),
                    uuid("event_id"),
                    uuid("order_id"),
                    uuid("order_item_id"),
                    uuid("ticket_type_id"),
                    text("code"),
                    text("attendee_name"),
                    text("status"),
                    int("position", 0),
                    timestamp_null("checked_in_at"),
                ],
                vec![
                    foreign_key("tickets", "order_id", "orders", ForeignKeyAction::Cascade),
                    foreign_key(
                        "tickets",
                        "order_item_id",
                        "order_items",
                        ForeignKeyAction::Cascade,
                    ),
                ],
            ))
            .await?;
        manager
            .create_index(index("tickets_order_id_idx", "tickets", &["order_id"]))
            .await?;
        manager
            .create_index(index("tickets_event_id_idx", "tickets", &["event_id"]))
            .await?;

        manager
            .create_table(create_table(
                "order_events",
                vec![
                    uuid("org_id"),
                    uuid("order_id"),
                    text("kind"),
                    text_null("from_status"),
                    text_null("to_status"),
                    text("actor"),
                    uuid_null("actor_user_id"),
                    text_null("note"),
                ],
                vec![foreign_key(
                    "order_events",
                    "order_id",
                    "orders",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index(
                "order_events_order_id_idx",
                "order_events",
                &["order_id", "created_at"],
            ))
            .await?;

        manager
            .create_table(create_table(
                "payments",
                vec![
                    uuid("org_id"),
                    uuid("order_id"),
                    text("method"),
                    text("status"),
                    minor("amount_minor"),
                    text("currency"),
                    text_null("provider_ref"),
                    text_null("failure_reason"),
                    timestamp_null("completed_at"),
                ],
                vec![foreign_key(
                    "payments",
                    "order_id",
                    "orders",
                    ForeignKeyAction::Cascade,
                )],
            ))
            .await?;
        manager
            .create_index(index("payments_order_id_idx", "payments", &["order_id"]))
            .await?;

        manager
            .create_table(create_table(
                "idempotency_keys",
                vec![
                    // Who sent it: `user:<id>` or `client:<address>`.
                    text("scope"),
                    text("key"),
                    text("request_hash"),
                    text("status"),
                    int_null("response_status"),
                    text_null("response_body"),
                ],
                vec![],
            ))
            .await?;
        manager
            .create_index(index(
                "idempotency_keys_created_at_idx",
                "idempotency_keys",
                &["created_at"],
            ))
            .await?;

        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idempotency_keys",
            "payments",
            "order_events",
            "tickets",
            "order_items",
            "orders",
            "coupon_email_uses",
            "coupons",
        ] {
            manager.drop_table(drop_table(table)).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("events")
                    .drop_column("hold_minutes")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
