//! Throw-away, migrated databases for tests: [`TestDb`]. Behind the `testing` feature (always on
//! for this crate's own tests).
//!
//! - SQLite: a fresh file in a temp dir that lives as long as the `TestDb`.
//! - PostgreSQL (`TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/test`): each
//!   test gets `CREATE DATABASE reckot_test_<uuid v7> TEMPLATE reckot_tpl_<hash>`. The template is
//!   migrated once per schema: its name hashes the migration names, so adding a migration makes a
//!   new one. Creation is serialized across processes with an advisory lock, and a template only
//!   counts once it is commented `ready`, so a half-built one (killed process) is rebuilt.
//! - Cleanup: dropping a `TestDb` drops its database (best effort, `WITH (FORCE)`, on a helper
//!   thread with its own runtime). Once per process, databases named `reckot_test_*` whose UUID v7
//!   says they are more than an hour old are dropped, so killed runs do not accumulate. Templates of
//!   older schemas are kept (one per migration change, a few MB each).
//!
//! Failures to set up a database panic: this is test scaffolding.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement};
use tempfile::TempDir;
use tokio::sync::OnceCell;

use crate::connect::{connect_with, migrate, options};

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";
const TEST_DB_PREFIX: &str = "reckot_test_";
const TEMPLATE_PREFIX: &str = "reckot_tpl_";
/// Arbitrary key for `pg_advisory_lock`, shared by every process building templates.
const TEMPLATE_LOCK_KEY: i64 = 0x7265_636b_6f74;
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);
/// Per-test pools stay small: many tests run at once against one server.
const TEST_POOL_SIZE: u32 = 4;

/// How long to wait for the server before declaring it unreachable (refused connections are
/// retried by the pool until this expires).
const ADMIN_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

static POSTGRES_UNREACHABLE: AtomicBool = AtomicBool::new(false);
/// The template database name, once this process has made sure it exists.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// A migrated database that lives as long as this value.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// The directory holding the SQLite file; deleted when dropped.
    Sqlite {
        _dir: TempDir,
    },
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    /// A fresh, migrated SQLite database file.
    pub async fn sqlite() -> TestDb {
        let dir =
            tempfile::tempdir().unwrap_or_else(|e| panic!("TestDb: cannot create a temp dir: {e}"));
        let path = dir.path().join("reckot.sqlite3");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let db = connect_with(&url, TEST_POOL_SIZE)
            .await
            .unwrap_or_else(|e| panic!("TestDb: cannot open {url}: {e}"));
        migrate(&db)
            .await
            .unwrap_or_else(|e| panic!("TestDb: migrating {url} failed: {e}"));
        TestDb {
            db,
            url,
            cleanup: Cleanup::Sqlite { _dir: dir },
        }
    }

    /// A fresh, migrated PostgreSQL database, or `None` if the server at `TEST_POSTGRES_URL` is
    /// unreachable. With `RECKOT_REQUIRE_SERVICES=1`, unreachable panics instead (CI).
    pub async fn postgres() -> Option<TestDb> {
        let admin_url =
            std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
        // The first failed attempt decides for the whole process, so a machine without
        // PostgreSQL pays the connection timeout once, not once per test.
        if POSTGRES_UNREACHABLE.load(Ordering::Relaxed) {
            return unreachable(&admin_url, "an earlier attempt failed");
        }
        let mut options = options(&admin_url, 1);
        options.acquire_timeout(ADMIN_CONNECT_TIMEOUT);
        // One connection: the advisory lock is per session.
        let admin = match Database::connect(options).await {
            Ok(admin) => admin,
            Err(e) => {
                POSTGRES_UNREACHABLE.store(true, Ordering::Relaxed);
                return unreachable(&admin_url, &e.to_string());
            }
        };
        let template = TEMPLATE
            .get_or_try_init(|| prepare_template(&admin, &admin_url))
            .await
            .unwrap_or_else(|e| panic!("TestDb: preparing the template database failed: {e}"))
            .clone();

        let name = format!("{TEST_DB_PREFIX}{}", uuid::Uuid::now_v7().simple());
        execute(
            &admin,
            &format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""),
        )
        .await
        .unwrap_or_else(|e| panic!("TestDb: creating {name} from {template} failed: {e}"));
        // The pool would otherwise linger until this runtime shuts down.
        let _ = admin.close().await;

        let url = with_database(&admin_url, &name);
        let db = connect_with(&url, TEST_POOL_SIZE)
            .await
            .unwrap_or_else(|e| panic!("TestDb: cannot connect to {name}: {e}"));
        Some(TestDb {
            db,
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }

    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Cleanup::Postgres { admin_url, name } = &self.cleanup else {
            return;
        };
        let (admin_url, name) = (admin_url.clone(), name.clone());
        let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
        // Drop cannot await, and the test's runtime may be shutting down: use a runtime of our own.
        std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(async {
                    if let Ok(admin) = connect_with(&admin_url, 1).await {
                        let _ = drop_database(&admin, &name).await;
                        let _ = admin.close().await;
                    }
                });
            }
            let _ = done_tx.send(());
        });
        // Wait so the drop finishes before the test process exits, but never hang a test on it;
        // leftovers are caught by the stale-database sweep.
        let _ = done_rx.recv_timeout(Duration::from_secs(10));
    }
}

/// `None`, or a panic when CI demands the services (`RECKOT_REQUIRE_SERVICES=1`).
fn unreachable(admin_url: &str, reason: &str) -> Option<TestDb> {
    if std::env::var("RECKOT_REQUIRE_SERVICES").is_ok_and(|v| v == "1") {
        panic!(
            "TestDb: PostgreSQL at {admin_url} is unreachable and RECKOT_REQUIRE_SERVICES=1 \
             ({reason}); start it or set TEST_POSTGRES_URL"
        );
    }
    None
}

/// `reckot_tpl_<FNV-1a of the migration names>`. FNV rather than std's hasher because the name
/// must be stable across compiler versions and processes.
fn template_name() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for migration in <migration::Migrator as migration::MigratorTrait>::migrations() {
        for byte in migration.name().bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{TEMPLATE_PREFIX}{hash:016x}")
}

async fn prepare_template(admin: &DatabaseConnection, admin_url: &str) -> Result<String, DbErr> {
    let template = template_name();
    execute(
        admin,
        &format!("SELECT pg_advisory_lock({TEMPLATE_LOCK_KEY})"),
    )
    .await?;
    let result = build_template_if_missing(admin, admin_url, &template).await;
    let unlocked = execute(
        admin,
        &format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK_KEY})"),
    )
    .await;
    result?;
    unlocked?;
    Ok(template)
}

/// Runs under the advisory lock.
async fn build_template_if_missing(
    admin: &DatabaseConnection,
    admin_url: &str,
    template: &str,
) -> Result<(), DbErr> {
    drop_stale_test_databases(admin).await?;

    let state = admin
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') AS comment \
             FROM pg_database WHERE datname = $1",
            [template.into()],
        ))
        .await?;
    match state {
        Some(row) if row.try_get::<String>("", "comment")? == "ready" => return Ok(()),
        // Left half-built by a killed process.
        Some(_) => drop_database(admin, template).await?,
        None => {}
    }

    execute(admin, &format!("CREATE DATABASE \"{template}\"")).await?;
    let db = connect_with(&with_database(admin_url, template), 1).await?;
    let migrated = migrate(&db).await;
    // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
    db.close().await?;
    migrated?;
    execute(
        admin,
        &format!("COMMENT ON DATABASE \"{template}\" IS 'ready'"),
    )
    .await
}

async fn drop_stale_test_databases(admin: &DatabaseConnection) -> Result<(), DbErr> {
    let rows = admin
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT datname FROM pg_database WHERE datname LIKE '{TEST_DB_PREFIX}%'"),
        ))
        .await?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    for row in rows {
        let name: String = row.try_get("", "datname")?;
        let Some(created) = created_at(&name) else {
            continue;
        };
        if now.saturating_sub(created) > STALE_AFTER {
            // Another process may be dropping it too; not worth failing a test over.
            let _ = drop_database(admin, &name).await;
        }
    }
    Ok(())
}

/// Creation time (since the Unix epoch) encoded in a `reckot_test_<uuid v7>` name.
fn created_at(name: &str) -> Option<Duration> {
    let id = uuid::Uuid::try_parse(name.strip_prefix(TEST_DB_PREFIX)?).ok()?;
    let (secs, nanos) = id.get_timestamp()?.to_unix();
    Some(Duration::new(secs, nanos))
}

async fn drop_database(admin: &DatabaseConnection, name: &str) -> Result<(), DbErr> {
    execute(
        admin,
        &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
    )
    .await
}

async fn execute(db: &DatabaseConnection, sql: &str) -> Result<(), DbErr> {
    db.execute_unprepared(sql).await.map(|_| ())
}

/// `url` with its database (the path) replaced by `database`, keeping any `?query`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{created_at, with_database};

    #[test]
    fn with_database_replaces_only_the_path() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }

    #[test]
    fn test_database_names_carry_their_creation_time() {
        let name = format!("reckot_test_{}", uuid::Uuid::now_v7().simple());
        let age = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .saturating_sub(created_at(&name).unwrap_or_default());
        assert!(age < std::time::Duration::from_secs(60), "age {age:?}");
        assert_eq!(created_at("reckot_test_not-a-uuid"), None);
    }
}
