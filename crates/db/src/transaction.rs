//! Write transactions that behave the same on both databases.
//!
//! SQLite has one writer at a time. Its default `BEGIN` is deferred: a transaction that reads and
//! then writes fails with "busy" at once if another writer committed meanwhile. `BEGIN IMMEDIATE`
//! takes the write lock up front, and other writers then poll on the busy timeout — which under a
//! burst (an on-sale drop) on a loaded machine can run out and surface "database is locked".
//! So on SQLite, writers of this process first queue on an in-process FIFO gate (one per database
//! file) and only then `BEGIN IMMEDIATE`: they wait their turn without a timeout, and the busy
//! timeout is left for other processes (a separate `reckot worker`). PostgreSQL needs no gate:
//! row locks and conditional UPDATEs serialize only what conflicts.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

type Gate = Arc<AsyncMutex<()>>;

/// The database file behind a SQLite connection (writers of one file share a gate).
pub(crate) fn sqlite_file(db: &DatabaseConnection) -> PathBuf {
    db.get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_owned()
}

pub(crate) fn gate_for(db: &DatabaseConnection) -> Option<Gate> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let file = sqlite_file(db);
    static GATES: OnceLock<Mutex<HashMap<PathBuf, Gate>>> = OnceLock::new();
    let gates = GATES.get_or_init(Default::default);
    let mut map = gates
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Some(map.entry(file).or_default().clone())
}

/// A write transaction; on SQLite it also holds this process's writer gate until it ends.
pub struct WriteTx {
    // Declared first so it is dropped (rolled back) before the gate opens for the next writer.
    tx: DatabaseTransaction,
    _gate: Option<OwnedMutexGuard<()>>,
}

pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTx, DbErr> {
    let gate = match gate_for(db) {
        Some(g) => Some(g.lock_owned().await),
        None => None,
    };
    let tx = begin_immediate(db).await?;
    Ok(WriteTx { tx, _gate: gate })
}

/// `BEGIN IMMEDIATE` on SQLite (the caller holds the gate), a plain `BEGIN` elsewhere.
pub(crate) async fn begin_immediate(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.tx.rollback().await
    }

    /// A nested transaction (SAVEPOINT): its changes can be rolled back alone.
    pub async fn savepoint(&self) -> Result<DatabaseTransaction, DbErr> {
        self.tx.begin().await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.tx.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.tx.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.tx.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.tx.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.tx.support_returning()
    }
}
