//! Which named unique constraint a failed write violated, identically on both backends.
//!
//! PostgreSQL reports the index name (`users_email_key`). SQLite reports only
//! `UNIQUE constraint failed: users.email`, so the column list is mapped back to the name with the
//! migrations' registry ([`migration::unique_keys`]). The server turns the name into a 409.

use sea_orm::sqlx::error::ErrorKind;
use sea_orm::{DbErr, RuntimeErr};

/// The name of the unique index or primary key (`<table>_pkey`) that `err` violated, or `None` if
/// `err` is not a unique violation.
pub fn unique_violation(err: &DbErr) -> Option<String> {
    let sqlx_err = match err {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return None,
    };
    let db_err = sqlx_err.as_database_error()?;
    if !matches!(db_err.kind(), ErrorKind::UniqueViolation) {
        return None;
    }
    match db_err.constraint() {
        Some(name) => Some(name.to_owned()),
        None => sqlite_constraint_name(db_err.message()),
    }
}

/// Parses SQLite's `UNIQUE constraint failed: t.a, t.b` (or `... index 'name'` for expression
/// indexes) into the constraint name.
fn sqlite_constraint_name(message: &str) -> Option<String> {
    let detail = message.strip_prefix("UNIQUE constraint failed: ")?;
    if let Some(quoted) = detail.strip_prefix("index '") {
        return quoted.strip_suffix('\'').map(str::to_owned);
    }
    let mut table = None;
    let mut columns = Vec::new();
    for qualified in detail.split(", ") {
        let (t, column) = qualified.split_once('.')?;
        if table.is_some_and(|seen| seen != t) {
            return None;
        }
        table = Some(t);
        columns.push(column);
    }
    let table = table?;
    if let Some(key) =
        migration::unique_keys().find(|key| key.table == table && key.columns == columns.as_slice())
    {
        return Some(key.name.to_owned());
    }
    // Not in the registry: PostgreSQL's default names, which is what it would report.
    if columns == ["id"] {
        Some(format!("{table}_pkey"))
    } else {
        Some(format!("{table}_{}_key", columns.join("_")))
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_constraint_name;

    #[test]
    fn sqlite_messages_map_to_the_registered_names() {
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: users.email").as_deref(),
            Some("users_email_key")
        );
        assert_eq!(
            sqlite_constraint_name(
                "UNIQUE constraint failed: memberships.org_id, memberships.user_id"
            )
            .as_deref(),
            Some("memberships_org_user_key")
        );
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: users.id").as_deref(),
            Some("users_pkey")
        );
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: index 'x_lower_key'").as_deref(),
            Some("x_lower_key")
        );
        assert_eq!(
            sqlite_constraint_name("NOT NULL constraint failed: users.name"),
            None
        );
    }
}
