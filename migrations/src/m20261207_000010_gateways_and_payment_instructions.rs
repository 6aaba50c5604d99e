//! `gateway_configs`: payment gateways as platform admins configure them (on or off, currencies
//! served, credentials). Credentials are sealed by the server (XChaCha20-Poly1305 under
//! `GATEWAY_CREDENTIALS_KEY`) before they reach this table; the database never sees them in clear.
//!
//! `payments` keeps what the buyer needs to finish paying after a reload: the gateway's hosted
//! page (`redirect_url`) and the code to dial (`dial_code`, CamPay's USSD code).

use sea_orm_migration::prelude::*;

use crate::helpers::{UniqueKey, create_table, drop_table, text, text_null, unique_index};

pub(crate) const UNIQUE_KEYS: &[UniqueKey] = &[UniqueKey {
    name: "gateway_configs_method_key",
    table: "gateway_configs",
    columns: &["method"],
}];

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
                "gateway_configs",
                vec![
                    text("method"),
                    ColumnDef::new("enabled")
                        .boolean()
                        .not_null()
                        .default(true)
                        .to_owned(),
                    ColumnDef::new("currencies")
                        .json_binary()
                        .not_null()
                        .to_owned(),
                    // base64(nonce || ciphertext) of the credentials' JSON.
                    text_null("sealed_credentials"),
                    ColumnDef::new("updated_by").uuid().null().to_owned(),
                ],
                vec![],
            ))
            .await?;
        for key in UNIQUE_KEYS {
            manager.create_index(unique_index(key)).await?;
        }
        for column in ["redirect_url", "dial_code"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("payments")
                        .add_column(ColumnDef::new(column).text().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["dial_code", "redirect_url"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("payments")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager.drop_table(drop_table("gateway_configs")).await?;
        Ok(())
    }
}
