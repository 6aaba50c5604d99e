//! Repository errors: not found, a named unique constraint violated, or anything else.
//! Constraint names are the same on SQLite and PostgreSQL (see `constraint`), and the server maps
//! them to problem codes.

use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    #[error("unique constraint {0} violated")]
    Conflict(String),
    #[error(transparent)]
    Other(DbErr),
}

pub type DbResult<T> = Result<T, DbError>;

impl From<DbErr> for DbError {
    fn from(err: DbErr) -> DbError {
        match crate::constraint::unique_violation(&err) {
            Some(name) => DbError::Conflict(name),
            None => DbError::Other(err),
        }
    }
}
