//! The live check-in dashboard of an event: a snapshot of [`CheckinStats`] read from the database
//! ([`get`]), and the same snapshot as a server-sent event stream ([`watch`]) that sends a new one
//! whenever [`crate::live::Live`] signals a change to the event's check-in.
//!
//! A stream is a plain future-driven body polled by the HTTP connection: no task is spawned per
//! watcher, so when the client goes away the connection drops the body, and with it the
//! subscription and its timers.

use std::collections::HashMap;
use std::convert::Infallible;
use std::time::Duration;

use actix_web::web::Bytes;
use chrono::{DateTime, Utc};
use common::checkin::TicketTypeCounts;
use common::checkin_stats::{ArrivalBucket, CheckinStats, GateCount, SwagCount};
use db::OrgScope;
use db::checkin_stats::{BUCKET_SECONDS, TypeTotals};
use futures_util::Stream;
use tokio::time::{Instant, Interval, MissedTickBehavior};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::live::Subscription;
use crate::services::event_fields::join;
use crate::state::AppState;

/// 24 hours of five-minute buckets, as the contract promises.
pub const MAX_ARRIVAL_BUCKETS: u64 = 288;
/// Bursts of scans are coalesced: at most one snapshot per this, per connection.
pub const MIN_SNAPSHOT_GAP: Duration = Duration::from_secs(1);
/// A comment line this often keeps proxies and load balancers from closing an idle stream.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
const KEEP_ALIVE_FRAME: &[u8] = b": keep-alive\n\n";

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The start of the oldest bucket that can be shown at `now`.
fn arrivals_since(now: DateTime<Utc>) -> DateTime<Utc> {
    let current = now.timestamp().div_euclid(BUCKET_SECONDS) * BUCKET_SECONDS;
    let oldest = current - (MAX_ARRIVAL_BUCKETS as i64 - 1) * BUCKET_SECONDS;
    DateTime::from_timestamp(oldest, 0).unwrap_or(now)
}

pub async fn get(state: &AppState, scope: OrgScope, event_id: Uuid) -> AppResult<CheckinStats> {
    db::events::get(&state.db, scope, event_id).await?;
    let now = state.now();
    let conn = &state.db;
    let types = db::ticket_types::list(conn, scope, event_id).await?;
    let totals: HashMap<Uuid, TypeTotals> =
        db::checkin_stats::tickets_by_type(conn, scope, event_id)
            .await?
            .into_iter()
            .map(|t| (t.ticket_type_id, t))
            .collect();
    let gates = db::checkin_stats::entries_by_gate(conn, scope, event_id).await?;
    let since = arrivals_since(now);
    let arrivals =
        db::checkin_stats::arrivals(conn, scope, event_id, since, MAX_ARRIVAL_BUCKETS).await?;
    let swag = db::checkin_stats::swag(conn, scope, event_id).await?;

    Ok(CheckinStats {
        event_id,
        // Totals over every ticket, so that they stay right even for a type no longer listed.
        expected: count(totals.values().map(|t| t.expected).sum()),
        checked_in: count(totals.values().map(|t| t.checked_in).sum()),
        by_ticket_type: types
            .iter()
            .map(|t| {
                let n = totals.get(&t.id);
                TicketTypeCounts {
                    ticket_type_id: t.id,
                    name: join(&t.name_en, &t.name_fr),
                    expected: count(n.map_or(0, |n| n.expected)),
                    checked_in: count(n.map_or(0, |n| n.checked_in)),
                }
            })
            .collect(),
        by_gate: gates
            .into_iter()
            .map(|(gate, n)| GateCount {
                gate,
                entries: count(n),
            })
            .collect(),
        arrivals: arrivals
            .into_iter()
            .map(|(starts_at, n)| ArrivalBucket {
                starts_at,
                entries: count(n),
            })
            .collect(),
        swag: swag
            .into_iter()
            .map(|s| SwagCount {
                item_id: s.item_id,
                name: s.name,
                stock: count(s.stock.into()),
                handed_out: count(s.handed_out.into()),
            })
            .collect(),
        generated_at: now,
    })
}

/// One server-sent event. `serde_json` escapes newlines inside strings, so the JSON is always a
/// single `data:` line.
fn frame(stats: &CheckinStats) -> AppResult<Bytes> {
    let json = serde_json::to_string(stats).map_err(AppError::internal)?;
    Ok(Bytes::from(format!("event: stats\ndata: {json}\n\n")))
}

/// The `text/event-stream` body: a snapshot at once, another after each signalled change (at
/// most one per [`MIN_SNAPSHOT_GAP`]) and a keep-alive comment every [`KEEP_ALIVE`] of silence.
/// Fails before streaming (404) when the event is not the organization's. Once streaming, an
/// error ends the stream (logged once) and the client reconnects.
pub async fn watch(
    state: AppState,
    scope: OrgScope,
    event_id: Uuid,
) -> AppResult<impl Stream<Item = Result<Bytes, Infallible>> + 'static> {
    // Subscribe before reading, so that no change between the two goes unnoticed.
    let changes = state.live.subscribe(event_id);
    let first = frame(&get(&state, scope, event_id).await?)?;
    let mut keep_alive = tokio::time::interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
    keep_alive.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let feed = Feed {
        state,
        scope,
        event_id,
        changes,
        keep_alive,
        last_sent: Instant::now(),
        first: Some(first),
    };
    Ok(futures_util::stream::unfold(feed, Feed::next))
}

struct Feed {
    state: AppState,
    scope: OrgScope,
    event_id: Uuid,
    changes: Subscription,
    keep_alive: Interval,
    last_sent: Instant,
    first: Option<Bytes>,
}

impl Feed {
    async fn next(mut self) -> Option<(Result<Bytes, Infallible>, Feed)> {
        if let Some(first) = self.first.take() {
            return Some((Ok(first), self));
        }
        tokio::select! {
            changed = self.changes.changed() => {
                if !changed {
                    return None;
                }
                // Wait out the rest of the gap; one snapshot then covers every change meanwhile.
                tokio::time::sleep_until(self.last_sent + MIN_SNAPSHOT_GAP).await;
                self.changes.drain();
                let snapshot = get(&self.state, self.scope, self.event_id)
                    .await
                    .and_then(|stats| frame(&stats));
                match snapshot {
                    Ok(bytes) => {
                        self.last_sent = Instant::now();
                        self.keep_alive.reset();
                        Some((Ok(bytes), self))
                    }
                    Err(error) => {
                        tracing::warn!(event.id = %self.event_id, %error, "check-in stats stream ended");
                        None
                    }
                }
            }
            _ = self.keep_alive.tick() => Some((Ok(Bytes::from_static(KEEP_ALIVE_FRAME)), self)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn arrivals_reach_back_288_buckets_including_the_current_one() {
        let now: DateTime<Utc> = "2026-11-25T10:07:31Z".parse().unwrap();
        let since = arrivals_since(now);
        assert_eq!(
            since,
            "2026-11-24T10:10:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!((now - since).num_seconds() / BUCKET_SECONDS, 287);
    }
}
