//! Tests of the schema itself, on SQLite and (when reachable) PostgreSQL: migrations go up, down
//! and up again, seeds exist, foreign keys hold, and unique violations carry the constraint names
//! the server maps to 409.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;

use chrono::Utc;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend,
    EntityTrait, QueryOrder, Statement, TransactionTrait,
};
use uuid::Uuid;

use crate::entities::{memberships, organizations, tier_settings, users};
use crate::testing::TestDb;

type TestResult = Result<(), Box<dyn Error>>;

const APP_TABLES: [&str; 35] = [
    "capacity_groups",
    "categories",
    "checkin_devices",
    "checkin_lists",
    "checkins",
    "coupon_email_uses",
    "coupons",
    "email_tokens",
    "events",
    "gateway_configs",
    "idempotency_keys",
    "invitations",
    "invoice_counters",
    "invoices",
    "jobs",
    "ledger_accounts",
    "ledger_entries",
    "memberships",
    "order_events",
    "order_items",
    "orders",
    "organizations",
    "payments",
    "refresh_tokens",
    "refunds",
    "scans",
    "swag_adjustments",
    "swag_allowances",
    "swag_handouts",
    "swag_items",
    "ticket_types",
    "tickets",
    "tier_settings",
    "users",
    "withdrawals",
];

/// Runs `$body(&TestDb)` as one test on SQLite and one on PostgreSQL; the PostgreSQL one is
/// skipped (and says so) when the server is unreachable and not required.
macro_rules! on_both_backends {
    ($body:ident => $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() -> TestResult {
            $body(&TestDb::sqlite().await).await
        }

        #[tokio::test]
        async fn $postgres() -> TestResult {
            match TestDb::postgres().await {
                Some(test_db) => $body(&test_db).await,
                None => {
                    eprintln!("SKIPPED: postgres unreachable");
                    Ok(())
                }
            }
        }
    };
}

on_both_backends!(up_down_up =>
    migrations_run_up_down_up_on_sqlite,
    migrations_run_up_down_up_on_postgres);

on_both_backends!(tiers_are_seeded =>
    the_four_tiers_are_seeded_on_sqlite,
    the_four_tiers_are_seeded_on_postgres);

on_both_backends!(duplicate_email_names_users_email_key =>
    a_duplicate_email_is_reported_as_users_email_key_on_sqlite,
    a_duplicate_email_is_reported_as_users_email_key_on_postgres);

on_both_backends!(duplicate_membership_names_its_key =>
    a_second_membership_is_reported_as_memberships_org_user_key_on_sqlite,
    a_second_membership_is_reported_as_memberships_org_user_key_on_postgres);

on_both_backends!(registry_matches_schema =>
    the_unique_key_registry_matches_the_sqlite_schema,
    the_unique_key_registry_matches_the_postgres_schema);

on_both_backends!(foreign_keys_hold =>
    foreign_keys_are_enforced_and_cascade_on_sqlite,
    foreign_keys_are_enforced_and_cascade_on_postgres);

async fn up_down_up(test_db: &TestDb) -> TestResult {
    let db = &test_db.db;
    assert_eq!(tables(db).await?, expected_tables(true));

    Migrator::down(db, None).await?;
    assert_eq!(tables(db).await?, expected_tables(false));

    Migrator::up(db, None).await?;
    assert_eq!(tables(db).await?, expected_tables(true));
    // The seed ran once per `up`, not accumulated.
    assert_eq!(tier_settings::Entity::find().all(db).await?.len(), 4);
    Ok(())
}

async fn tiers_are_seeded(test_db: &TestDb) -> TestResult {
    let tiers = tier_settings::Entity::find()
        .order_by_desc(tier_settings::Column::FeePercentBp)
        .all(&test_db.db)
        .await?;
    let summary: Vec<(&str, i32, &str)> = tiers
        .iter()
        .map(|t| (t.tier.as_str(), t.fee_percent_bp, t.fee_payer.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("free", 500, "buyer"),
            ("starter", 350, "buyer"),
            ("pro", 250, "buyer"),
            ("enterprise", 150, "buyer"),
        ]
    );
    for tier in &tiers {
        assert_eq!(tier.fee_fixed, serde_json::json!({}), "{}", tier.tier);
    }
    Ok(())
}

async fn duplicate_email_names_users_email_key(test_db: &TestDb) -> TestResult {
    let db = &test_db.db;
    insert_user(db, "ada@example.com").await?;
    let Err(err) = insert_user(db, "ada@example.com").await else {
        panic!("a second user with the same email was inserted");
    };
    assert_eq!(
        crate::unique_violation(&err).as_deref(),
        Some("users_email_key")
    );
    match test_db.backend() {
        // PostgreSQL names the index itself; SQLite only says `users.email`, hence the mapping.
        DbBackend::Postgres => assert!(err.to_string().contains("users_email_key"), "{err}"),
        _ => assert!(err.to_string().contains("users.email"), "{err}"),
    }
    Ok(())
}

async fn duplicate_membership_names_its_key(test_db: &TestDb) -> TestResult {
    let db = &test_db.db;
    let user = insert_user(db, "grace@example.com").await?;
    let org = insert_org(db, "grace-events").await?;
    insert_membership(db, org.id, user.id, "owner").await?;
    let Err(err) = insert_membership(db, org.id, user.id, "viewer").await else {
        panic!("a second membership for the same (org, user) was inserted");
    };
    assert_eq!(
        crate::unique_violation(&err).as_deref(),
        Some("memberships_org_user_key")
    );

    let Err(err) = insert_org(db, "grace-events").await else {
        panic!("a second organization with the same slug was inserted");
    };
    assert_eq!(
        crate::unique_violation(&err).as_deref(),
        Some("organizations_slug_key")
    );
    Ok(())
}

async fn registry_matches_schema(test_db: &TestDb) -> TestResult {
    let registry: BTreeSet<(String, String, Vec<String>)> = migration::unique_keys()
        .map(|key| {
            (
                key.table.to_owned(),
                key.name.to_owned(),
                key.columns.iter().map(|c| (*c).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(unique_indexes(&test_db.db).await?, registry);
    Ok(())
}

async fn foreign_keys_hold(test_db: &TestDb) -> TestResult {
    let db = &test_db.db;
    // A membership in a nonexistent organization must be refused.
    let user = insert_user(db, "linus@example.com").await?;
    assert!(
        insert_membership(db, Uuid::now_v7(), user.id, "owner")
            .await
            .is_err(),
        "foreign key on memberships.org_id not enforced"
    );

    let org = insert_org(db, "linus-events").await?;
    insert_membership(db, org.id, user.id, "owner").await?;
    users::Entity::delete_by_id(user.id).exec(db).await?;
    assert!(memberships::Entity::find().all(db).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn every_pooled_sqlite_connection_has_wal_foreign_keys_and_a_busy_timeout() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("missing.sqlite3");
    let db = crate::connect(&format!("sqlite://{}", path.display())).await?;
    assert!(path.exists(), "connect must create a missing database file");

    // Open transactions pin distinct pooled connections.
    let mut transactions = Vec::new();
    for _ in 0..3 {
        transactions.push(db.begin().await?);
    }
    for txn in &transactions {
        let pragma =
            |name: &str| Statement::from_string(DbBackend::Sqlite, format!("PRAGMA {name}"));
        let row = |r: Option<sea_orm::QueryResult>| r.ok_or("pragma returned no row");
        let journal: String =
            row(txn.query_one_raw(pragma("journal_mode")).await?)?.try_get_by_index(0)?;
        let foreign_keys: i64 =
            row(txn.query_one_raw(pragma("foreign_keys")).await?)?.try_get_by_index(0)?;
        let busy: i64 =
            row(txn.query_one_raw(pragma("busy_timeout")).await?)?.try_get_by_index(0)?;
        assert_eq!((journal.as_str(), foreign_keys, busy), ("wal", 1, 5000));
    }
    Ok(())
}

#[tokio::test]
async fn an_in_memory_sqlite_database_keeps_its_schema_across_queries() -> TestResult {
    let db = crate::connect("sqlite::memory:").await?;
    crate::migrate(&db).await?;
    assert_eq!(tier_settings::Entity::find().all(&db).await?.len(), 4);
    assert_eq!(tables(&db).await?, expected_tables(true));
    Ok(())
}

fn expected_tables(migrated: bool) -> Vec<String> {
    let mut tables: Vec<String> = vec!["seaql_migrations".to_owned()];
    if migrated {
        tables.extend(APP_TABLES.iter().map(|t| (*t).to_owned()));
    }
    tables.sort();
    tables
}

async fn tables(db: &DatabaseConnection) -> Result<Vec<String>, Box<dyn Error>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT tablename::text AS name FROM pg_tables \
             WHERE schemaname = current_schema() ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get::<String>("", "name"))
        .collect::<Result<_, _>>()?)
}

/// (table, index, columns in order) of every unique index that is not a primary key.
async fn unique_indexes(
    db: &DatabaseConnection,
) -> Result<BTreeSet<(String, String, Vec<String>)>, Box<dyn Error>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT t.relname::text AS tbl, i.relname::text AS idx, a.attname::text AS col, \
                    k.n AS pos \
             FROM pg_index x \
             JOIN pg_class i ON i.oid = x.indexrelid \
             JOIN pg_class t ON t.oid = x.indrelid \
             JOIN pg_namespace ns ON ns.oid = t.relnamespace \
             CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
             WHERE ns.nspname = current_schema() AND x.indisunique AND NOT x.indisprimary"
        }
        // origin 'pk' is the primary key's automatic index.
        _ => {
            "SELECT m.name AS tbl, il.name AS idx, ii.name AS col, ii.seqno AS pos \
             FROM sqlite_master m \
             JOIN pragma_index_list(m.name) il \
             JOIN pragma_index_info(il.name) ii \
             WHERE m.type = 'table' AND il.\"unique\" = 1 AND il.origin <> 'pk'"
        }
    };
    let mut indexes: BTreeMap<(String, String), Vec<(i64, String)>> = BTreeMap::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?
    {
        indexes
            .entry((row.try_get("", "tbl")?, row.try_get("", "idx")?))
            .or_default()
            .push((row.try_get("", "pos")?, row.try_get("", "col")?));
    }
    Ok(indexes
        .into_iter()
        .map(|((table, index), mut columns)| {
            columns.sort();
            (table, index, columns.into_iter().map(|(_, c)| c).collect())
        })
        .collect())
}

async fn insert_user(db: &DatabaseConnection, email: &str) -> Result<users::Model, sea_orm::DbErr> {
    let now = Utc::now();
    users::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        password_hash: Set("$argon2id$placeholder".to_owned()),
        name: Set("Test User".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        // language, is_platform_admin: database defaults.
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn insert_org(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<organizations::Model, sea_orm::DbErr> {
    let now = Utc::now();
    organizations::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set("Test Events".to_owned()),
        slug: Set(slug.to_owned()),
        country: Set("CM".to_owned()),
        currency: Set("XAF".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn insert_membership(
    db: &DatabaseConnection,
    org_id: Uuid,
    user_id: Uuid,
    role: &str,
) -> Result<memberships::Model, sea_orm::DbErr> {
    let now = Utc::now();
    memberships::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(org_id),
        user_id: Set(user_id),
        role: Set(role.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}
