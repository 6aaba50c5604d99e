//! The door scanner's offline store, in `localStorage`: this phone's device id (per
//! organization), the copy of a list's tickets with the event's public key, the presence this
//! phone has seen change since the copy was made, and the scans queued offline for sync.
//!
//! Offline answers come from [`OfflineCopy::decide`], which feeds the server's own rule
//! (`domain::checkin::decide`) with what the copy knows, so a door gives the same answer with or
//! without network. Each admission is remembered locally, so a second scan of the same ticket
//! says `already_checked_in` before any sync.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use common::Localized;
use common::checkin::{
    CheckinList, CheckinPresence, CheckinTicket, OfflineScan, ScanDirection, ScanOutcome,
    ScannedTicket, TicketAdmission,
};
use domain::checkin::{ListRules, Lookup, Presence, TicketFacts, TicketState, decide};
use domain::codes::normalize_ticket_code;
use domain::ticket_token::{self, TokenError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::storage;

fn device_key(org_id: Uuid) -> String {
    format!("reckot.scanner.device.{org_id}")
}
fn copy_key(list_id: Uuid) -> String {
    format!("reckot.scanner.copy.{list_id}")
}
fn presence_key(list_id: Uuid) -> String {
    format!("reckot.scanner.presence.{list_id}")
}
fn queue_key(list_id: Uuid) -> String {
    format!("reckot.scanner.queue.{list_id}")
}
fn setup_key(org_id: Uuid) -> String {
    format!("reckot.scanner.setup.{org_id}")
}

fn read<T: for<'de> Deserialize<'de>>(key: &str) -> Option<T> {
    serde_json::from_str(&storage::get(key)?).ok()
}

fn write<T: Serialize>(key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        storage::set(key, &json);
    }
}

// ---- device ----

/// The id this phone scans under in `org_id`, once registered.
pub fn device_id(org_id: Uuid) -> Option<Uuid> {
    storage::get(&device_key(org_id)).and_then(|s| Uuid::parse_str(&s).ok())
}

pub fn set_device_id(org_id: Uuid, id: Uuid) {
    storage::set(&device_key(org_id), &id.to_string());
}

/// After a revocation: the device id, and every offline copy of the organization's lists, go
/// (a lost phone must not keep attendee names).
pub fn forget_device(org_id: Uuid, list_ids: &[Uuid]) {
    storage::remove(&device_key(org_id));
    for id in list_ids {
        storage::remove(&copy_key(*id));
        storage::remove(&presence_key(*id));
    }
}

// ---- the last setup, to resume quickly ----

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LastSetup {
    pub event_id: Option<Uuid>,
    /// `list:<id>` or `swag:<id>`.
    pub target: Option<String>,
    pub gate: String,
    /// The name this phone registers under, if it is not registered yet.
    #[serde(default)]
    pub device_name: String,
}

pub fn last_setup(org_id: Uuid) -> LastSetup {
    read(&setup_key(org_id)).unwrap_or_default()
}

pub fn save_setup(org_id: Uuid, setup: &LastSetup) {
    write(&setup_key(org_id), setup);
}

// ---- the queue of offline scans ----

pub fn queue(list_id: Uuid) -> Vec<OfflineScan> {
    read(&queue_key(list_id)).unwrap_or_default()
}

pub fn push_queue(list_id: Uuid, scan: OfflineScan) -> usize {
    let mut q = queue(list_id);
    q.push(scan);
    write(&queue_key(list_id), &q);
    q.len()
}

/// Drops the scans the server has taken (by nonce); returns what is left.
pub fn drop_synced(list_id: Uuid, nonces: &[String]) -> usize {
    let mut q = queue(list_id);
    q.retain(|s| !nonces.contains(&s.nonce));
    if q.is_empty() {
        storage::remove(&queue_key(list_id));
    } else {
        write(&queue_key(list_id), &q);
    }
    q.len()
}

// ---- the offline copy ----

/// What a list's offline copy holds, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCopy {
    pub list: CheckinList,
    /// Ed25519, base64url; `None` when the key could not be had (typed codes still work).
    pub public_key: Option<String>,
    pub tickets: Vec<CheckinTicket>,
    pub downloaded_at: DateTime<Utc>,
}

/// A list's tickets, with indexes, and the presence seen on this phone since the download.
#[derive(Debug, Clone)]
pub struct OfflineCopy {
    pub stored: StoredCopy,
    key: Option<[u8; 32]>,
    by_id: HashMap<Uuid, usize>,
    by_code: HashMap<String, usize>,
    /// Presence changed by scans on this phone since the download (online or offline).
    seen: HashMap<Uuid, CheckinPresence>,
}

/// An offline answer: the outcome and the ticket it is about, when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub outcome: ScanOutcome,
    pub ticket: Option<ScannedTicket>,
}

impl OfflineCopy {
    /// A fresh download replaces the old copy; the scans still queued are replayed on it, so
    /// admissions the server has not heard of yet are not forgotten.
    pub fn save_new(stored: StoredCopy) -> OfflineCopy {
        let list_id = stored.list.id;
        let mut copy = OfflineCopy::from_stored(stored, HashMap::new());
        for scan in queue(list_id) {
            if scan.offline_outcome == ScanOutcome::Ok
                && let Some(id) = copy.ticket_id_of(&scan.code)
            {
                copy.seen.insert(id, after(scan.direction));
            }
        }
        write(&copy_key(list_id), &copy.stored);
        write(&presence_key(list_id), &copy.seen);
        copy
    }

    pub fn load(list_id: Uuid) -> Option<OfflineCopy> {
        let stored: StoredCopy = read(&copy_key(list_id))?;
        let seen = read(&presence_key(list_id)).unwrap_or_default();
        Some(OfflineCopy::from_stored(stored, seen))
    }

    fn from_stored(stored: StoredCopy, seen: HashMap<Uuid, CheckinPresence>) -> OfflineCopy {
        let key = stored.public_key.as_deref().and_then(decode_key);
        let mut by_id = HashMap::with_capacity(stored.tickets.len());
        let mut by_code = HashMap::with_capacity(stored.tickets.len());
        for (i, t) in stored.tickets.iter().enumerate() {
            by_id.insert(t.id, i);
            by_code.insert(compact(&t.code), i);
        }
        OfflineCopy {
            stored,
            key,
            by_id,
            by_code,
            seen,
        }
    }

    pub fn len(&self) -> usize {
        self.stored.tickets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stored.tickets.is_empty()
    }

    /// The answer the server would give for `code` scanned at `at`, from what the copy knows.
    pub fn decide(&self, code: &str, direction: ScanDirection, at: DateTime<Utc>) -> Decision {
        let list = &self.stored.list;
        let rules = ListRules {
            event_id: list.event_id,
            ticket_type_ids: list.ticket_type_ids.clone(),
            starts_at: list.starts_at.map(|t| t.timestamp()),
            ends_at: list.ends_at.map(|t| t.timestamp()),
            allow_reentry: list.allow_reentry,
        };
        let (lookup, ticket, presence) = self.lookup(code);
        Decision {
            outcome: decide(&rules, lookup, direction, at.timestamp(), presence),
            ticket,
        }
    }

    fn lookup(&self, code: &str) -> (Lookup, Option<ScannedTicket>, Presence) {
        let code = code.trim();
        if code.starts_with(ticket_token::PREFIX) {
            // Without the key a payload cannot be read at all.
            let Some(key) = self.key else {
                return (Lookup::Unknown, None, Presence::Never);
            };
            return match ticket_token::verify(&key, code) {
                Ok(claims) => match self.by_id.get(&claims.ticket_id) {
                    Some(&i) => self.known(i, claims.event_id),
                    None => self.signed_only(claims),
                },
                Err(TokenError::BadSignature) => (Lookup::BadSignature, None, Presence::Never),
                Err(_) => (Lookup::Unknown, None, Presence::Never),
            };
        }
        match self.by_code.get(&compact(code)) {
            Some(&i) => self.known(i, self.stored.list.event_id),
            None => (Lookup::Unknown, None, Presence::Never),
        }
    }

    fn known(&self, i: usize, event_id: Uuid) -> (Lookup, Option<ScannedTicket>, Presence) {
        let t = &self.stored.tickets[i];
        let (state, paid) = match t.admission {
            TicketAdmission::Valid => (TicketState::Valid, true),
            TicketAdmission::NotPaid => (TicketState::Valid, false),
            TicketAdmission::Cancelled => (TicketState::Cancelled, false),
            TicketAdmission::Refunded => (TicketState::Refunded, false),
        };
        let facts = TicketFacts {
            event_id,
            ticket_type_id: t.ticket_type_id,
            state,
            paid,
            order_cancelled: false,
        };
        let presence = self.seen.get(&t.id).copied().unwrap_or(t.presence);
        let ticket = ScannedTicket {
            id: t.id,
            code: t.code.clone(),
            attendee_name: t.attendee_name.clone(),
            ticket_type_id: t.ticket_type_id,
            ticket_type_name: self.type_name(t.ticket_type_id),
        };
        (Lookup::Ticket(facts), Some(ticket), presence_of(presence))
    }

    /// A correctly signed ticket the copy does not hold: bought after the download. The
    /// signature proves the platform issued it for that event; on a list that admits every type
    /// it is let in (the sync reports it if the server disagrees). On a list of some types its
    /// type is unknown here, so it is refused as the server would refuse an unknown ticket.
    fn signed_only(
        &self,
        claims: ticket_token::TicketClaims,
    ) -> (Lookup, Option<ScannedTicket>, Presence) {
        let list = &self.stored.list;
        if claims.event_id != list.event_id || !list.ticket_type_ids.is_empty() {
            return (Lookup::SignedFor(claims.event_id), None, Presence::Never);
        }
        let facts = TicketFacts {
            event_id: claims.event_id,
            ticket_type_id: Uuid::nil(),
            state: TicketState::Valid,
            paid: true,
            order_cancelled: false,
        };
        let presence = self
            .seen
            .get(&claims.ticket_id)
            .copied()
            .unwrap_or_default();
        let ticket = ScannedTicket {
            id: claims.ticket_id,
            code: claims.code,
            attendee_name: String::new(),
            ticket_type_id: Uuid::nil(),
            ticket_type_name: Localized::default(),
        };
        (Lookup::Ticket(facts), Some(ticket), presence_of(presence))
    }

    fn type_name(&self, id: Uuid) -> Localized {
        self.stored
            .list
            .counts
            .by_ticket_type
            .iter()
            .find(|c| c.ticket_type_id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    fn ticket_id_of(&self, code: &str) -> Option<Uuid> {
        self.lookup(code).1.map(|t| t.id)
    }

    /// Remembers an admission (or exit) made on this phone, online or offline.
    pub fn record(&mut self, ticket_id: Uuid, direction: ScanDirection) {
        self.seen.insert(ticket_id, after(direction));
        write(&presence_key(self.stored.list.id), &self.seen);
    }

    /// Local search by attendee name or code, for name search without network.
    pub fn search(&self, q: &str) -> Vec<CheckinTicket> {
        let needle = q.trim().to_lowercase();
        let code = compact(q);
        self.stored
            .tickets
            .iter()
            .filter(|t| {
                t.attendee_name.to_lowercase().contains(&needle)
                    || (code.len() >= 4 && compact(&t.code).contains(&code))
            })
            .take(20)
            .map(|t| CheckinTicket {
                presence: self.seen.get(&t.id).copied().unwrap_or(t.presence),
                ..t.clone()
            })
            .collect()
    }
}

fn after(direction: ScanDirection) -> CheckinPresence {
    match direction {
        ScanDirection::Entry => CheckinPresence::Inside,
        ScanDirection::Exit => CheckinPresence::Left,
    }
}

fn presence_of(p: CheckinPresence) -> Presence {
    match p {
        CheckinPresence::Never => Presence::Never,
        CheckinPresence::Inside => Presence::Inside,
        CheckinPresence::Left => Presence::Left,
    }
}

/// A typed code the way codes are compared: canonical when it is a valid ticket code (O read as
/// 0, I or L as 1), else upper case without spaces or dashes.
fn compact(code: &str) -> String {
    normalize_ticket_code(code)
        .unwrap_or_else(|| code.trim().to_uppercase())
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect()
}

fn decode_key(b64: &str) -> Option<[u8; 32]> {
    let bytes = URL_SAFE_NO_PAD.decode(b64.trim_end_matches('=')).ok()?;
    <[u8; 32]>::try_from(bytes.as_slice()).ok()
}

/// The running count of a list as this phone knows it: the server's, plus the offline
/// admissions (minus exits) not synced yet.
pub fn pending_inside(list_id: Uuid) -> i64 {
    queue(list_id)
        .iter()
        .filter(|s| s.offline_outcome == ScanOutcome::Ok)
        .map(|s| match s.direction {
            ScanDirection::Entry => 1,
            ScanDirection::Exit => -1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use common::checkin::{CheckinCounts, TicketTypeCounts};

    const SEED: [u8; 32] = [3; 32];
    const EVENT: Uuid = Uuid::from_u128(1);
    const STANDARD: Uuid = Uuid::from_u128(10);

    fn list(types: Vec<Uuid>) -> CheckinList {
        CheckinList {
            id: Uuid::from_u128(99),
            event_id: EVENT,
            name: "Main door".into(),
            ticket_type_ids: types,
            starts_at: None,
            ends_at: None,
            allow_reentry: false,
            counts: CheckinCounts {
                expected: 2,
                checked_in: 0,
                by_ticket_type: vec![TicketTypeCounts {
                    ticket_type_id: STANDARD,
                    name: Localized::en("Standard"),
                    expected: 2,
                    checked_in: 0,
                }],
            },
            created_at: Utc::now(),
        }
    }

    fn ticket(n: u128, code: &str, admission: TicketAdmission) -> CheckinTicket {
        CheckinTicket {
            id: Uuid::from_u128(n),
            code: code.into(),
            attendee_name: format!("Attendee {n}"),
            ticket_type_id: STANDARD,
            admission,
            presence: CheckinPresence::Never,
            last_entry_at: None,
        }
    }

    fn copy(types: Vec<Uuid>) -> OfflineCopy {
        let key = URL_SAFE_NO_PAD.encode(ticket_token::public_key(&SEED));
        OfflineCopy::from_stored(
            StoredCopy {
                list: list(types),
                public_key: Some(key),
                tickets: vec![
                    ticket(100, "7KQ2-M9XD-04RT-BZ1H", TicketAdmission::Valid),
                    ticket(101, "0123-4567-89AB-CDEF", TicketAdmission::Refunded),
                ],
                downloaded_at: Utc::now(),
            },
            HashMap::new(),
        )
    }

    fn token(ticket: u128, event: Uuid, code: &str) -> String {
        let claims = ticket_token::TicketClaims {
            ticket_id: Uuid::from_u128(ticket),
            event_id: event,
            code: code.into(),
        };
        ticket_token::sign(&SEED, &claims).unwrap_or_default()
    }

    #[test]
    fn typed_codes_and_signed_payloads_give_the_servers_answers() {
        let c = copy(vec![]);
        let at = Utc::now();
        let d = c.decide("7kq2 m9xd o4rt bz1h", ScanDirection::Entry, at);
        assert_eq!(d.outcome, ScanOutcome::Ok);
        assert_eq!(
            d.ticket.map(|t| t.attendee_name),
            Some("Attendee 100".into())
        );
        let qr = token(100, EVENT, "7KQ2-M9XD-04RT-BZ1H");
        assert_eq!(
            c.decide(&qr, ScanDirection::Entry, at).outcome,
            ScanOutcome::Ok
        );
        let refunded = c.decide("0123456789ABCDEF", ScanDirection::Entry, at);
        assert_eq!(refunded.outcome, ScanOutcome::Refunded);
        let other = token(100, Uuid::from_u128(2), "7KQ2-M9XD-04RT-BZ1H");
        assert_eq!(
            c.decide(&other, ScanDirection::Entry, at).outcome,
            ScanOutcome::WrongEvent
        );
        // One character of the signature changed: forged.
        let mut forged: Vec<char> = qr.chars().collect();
        let i = forged.len() - 10;
        forged[i] = if forged[i] == 'A' { 'B' } else { 'A' };
        let forged: String = forged.into_iter().collect();
        assert_eq!(
            c.decide(&forged, ScanDirection::Entry, at).outcome,
            ScanOutcome::InvalidSignature
        );
        assert_eq!(
            c.decide("ZZZZ", ScanDirection::Entry, at).outcome,
            ScanOutcome::UnknownCode
        );
    }

    #[test]
    fn a_signed_ticket_bought_after_the_download_enters_only_lists_of_every_type() {
        let qr = token(555, EVENT, "AAAA-BBBB-CCCC-DDDD");
        let at = Utc::now();
        assert_eq!(
            copy(vec![]).decide(&qr, ScanDirection::Entry, at).outcome,
            ScanOutcome::Ok
        );
        assert_eq!(
            copy(vec![STANDARD])
                .decide(&qr, ScanDirection::Entry, at)
                .outcome,
            ScanOutcome::UnknownCode
        );
    }
}
