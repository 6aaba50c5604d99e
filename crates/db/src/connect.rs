//! Opening the connection pool (with the per-connection SQLite settings the app relies on) and
//! running the migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Pool size for a file SQLite database. SQLite has one writer at a time, so more connections only
/// add concurrent readers (WAL); writers queue on the busy timeout.
const SQLITE_MAX_CONNECTIONS: u32 = 8;
/// Pool size for PostgreSQL; the server's default `max_connections` is 100 and several app
/// instances (serve + worker) may share it.
const POSTGRES_MAX_CONNECTIONS: u32 = 16;
/// How long a SQLite statement waits for another connection's write lock before failing.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects with the default pool size for the backend named by `url` (`sqlite:` or
/// `postgres:`). For SQLite: creates the file if missing, and enables WAL, `foreign_keys` and a
/// 5 s busy timeout on every pooled connection.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let max = if is_sqlite(url) {
        SQLITE_MAX_CONNECTIONS
    } else {
        POSTGRES_MAX_CONNECTIONS
    };
    connect_with(url, max).await
}

/// [`connect`] with an explicit upper bound on pooled connections (tests use small pools so that
/// many test databases fit in PostgreSQL's connection limit).
pub async fn connect_with(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    Database::connect(options(url, max_connections)).await
}

/// The pool options behind [`connect_with`], for callers that adjust them (tests).
pub(crate) fn options(url: &str, max_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections.max(1))
        .min_connections(0)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        // Statements at debug level only; slow ones are worth a warning.
        .sqlx_logging(true)
        .sqlx_logging_level(log::LevelFilter::Debug)
        .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_secs(1));

    if is_sqlite(url) {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        // An explicit `mode=` in the URL (e.g. `ro`) wins over creating the file.
        let create = !url.contains("mode=");
        if in_memory {
            // Every connection to `sqlite::memory:` is a separate, empty database: keep exactly
            // one and never recycle it, or the schema vanishes.
            options
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
        }
        options.map_sqlx_sqlite_opts(move |opts| {
            // sqlx applies these pragmas each time it opens a pooled connection.
            let opts = opts.foreign_keys(true).busy_timeout(SQLITE_BUSY_TIMEOUT);
            let opts = if create {
                opts.create_if_missing(true)
            } else {
                opts
            };
            if in_memory {
                opts
            } else {
                // WAL: readers do not block the writer and vice versa. synchronous stays at sqlx's
                // default (FULL): a committed payment must survive a power cut.
                opts.journal_mode(SqliteJournalMode::Wal)
            }
        });
    } else {
        options.min_connections(1);
    }
    options
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

pub(crate) fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}
