//! Write transactions that behave the same on both databases.
//!
//! SQLite's default `BEGIN` is deferred: a transaction that reads and then writes fails with
//! "busy" at once if another writer committed meanwhile, without waiting. `BEGIN IMMEDIATE`
//! takes the write lock up front, so concurrent writers queue on the busy timeout instead.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
