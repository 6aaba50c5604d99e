//! Keyset pagination on `(created_at, id)`: stable under inserts, no OFFSET scans.
//! The cursor is opaque to clients: `<created_at nanos>~<id>`.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition};
use uuid::Uuid;

pub fn encode(created_at: DateTime<Utc>, id: Uuid) -> String {
    format!(
        "{}~{}",
        created_at.timestamp_nanos_opt().unwrap_or_default(),
        id.simple()
    )
}

pub fn decode(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (nanos, id) = cursor.split_once('~')?;
    Some((
        DateTime::from_timestamp_nanos(nanos.parse().ok()?),
        Uuid::parse_str(id).ok()?,
    ))
}

/// Rows strictly after the cursor in ascending `(created_at, id)` order.
pub fn after<C: ColumnTrait>(created: C, id: C, cursor: Option<&str>) -> Condition {
    match cursor.and_then(decode) {
        None => Condition::all(),
        Some((at, last)) => Condition::any()
            .add(created.gt(at))
            .add(Condition::all().add(created.eq(at)).add(id.gt(last))),
    }
}

/// Rows strictly before the cursor, for newest-first lists in descending `(created_at, id)` order.
pub fn before<C: ColumnTrait>(created: C, id: C, cursor: Option<&str>) -> Condition {
    match cursor.and_then(decode) {
        None => Condition::all(),
        Some((at, last)) => Condition::any()
            .add(created.lt(at))
            .add(Condition::all().add(created.eq(at)).add(id.lt(last))),
    }
}

/// Splits one extra fetched row off into the next cursor.
pub fn page<T>(
    mut rows: Vec<T>,
    limit: u64,
    key: impl Fn(&T) -> (DateTime<Utc>, Uuid),
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(|r| {
            let (at, id) = key(r);
            encode(at, id)
        });
        (rows, next)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_garbage_is_ignored() {
        let at = Utc::now();
        let id = Uuid::now_v7();
        assert_eq!(decode(&encode(at, id)), Some((at, id)));
        assert_eq!(decode("nonsense"), None);
    }
}
