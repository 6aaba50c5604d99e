//! Building blocks shared by the migrations: the columns every table has, foreign keys, named
//! indexes.
//!
//! Applied migrations call these, so changing one would silently change history: never edit a
//! helper's behaviour, add a new helper instead.

use sea_orm_migration::prelude::*;

/// A unique index with a stable name the server can map to a 409 response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static [&'static str],
}

/// `CREATE TABLE name (id uuid PRIMARY KEY, <columns>, created_at, updated_at, <foreign keys>)`.
///
/// Timestamps have no database default: the application writes them, so both backends store the
/// same representation (sqlx writes RFC 3339 text on SQLite; `CURRENT_TIMESTAMP` would not).
pub(crate) fn create_table(
    name: &'static str,
    columns: Vec<ColumnDef>,
    foreign_keys: Vec<ForeignKeyCreateStatement>,
) -> TableCreateStatement {
    let mut table = Table::create();
    table
        .table(name)
        .col(ColumnDef::new("id").uuid().not_null().primary_key());
    for column in columns {
        table.col(column);
    }
    table
        .col(
            ColumnDef::new("created_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new("updated_at")
                .timestamp_with_time_zone()
                .not_null(),
        );
    for mut fk in foreign_keys {
        table.foreign_key(&mut fk);
    }
    table
}

/// `FOREIGN KEY (column) REFERENCES target(id)`, named `<table>_<column>_fkey` like PostgreSQL's
/// default. Declared inside `CREATE TABLE` because SQLite cannot add foreign keys later.
pub(crate) fn foreign_key(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("{table}_{column}_fkey"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .to_owned()
}

pub(crate) fn unique_index(key: &UniqueKey) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(key.name).table(key.table).unique();
    for column in key.columns {
        index.col(*column);
    }
    index
}

/// A plain (non-unique) index.
pub(crate) fn index(
    name: &'static str,
    table: &'static str,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index
}

pub(crate) fn drop_table(name: &'static str) -> TableDropStatement {
    Table::drop().table(name).to_owned()
}

pub(crate) fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

pub(crate) fn text_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

pub(crate) fn uuid(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).uuid().not_null().to_owned()
}

pub(crate) fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

pub(crate) fn timestamp_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}
