//! What the door answers to a scanned ticket. One pure function, [`decide`], used by the server
//! and (compiled to wasm) by the offline scanner, so both answer alike. Times are seconds since
//! the epoch, so this stays free of any clock or time library.
//!
//! The server makes the answer race-free: it decides from the presence it read, then applies an
//! `ok` with a conditional write; when another device won meanwhile, it reads the presence again
//! and decides again (which then says `already_checked_in`).

use common::Localized;
use common::checkin::{ScanDirection, ScanOutcome};
use uuid::Uuid;

/// The state of a ticket as issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketState {
    Valid,
    Cancelled,
    Refunded,
}

impl TicketState {
    /// From the stored status; anything unknown is treated as not admissible.
    pub fn parse(s: &str) -> TicketState {
        match s {
            "valid" => TicketState::Valid,
            "refunded" => TicketState::Refunded,
            _ => TicketState::Cancelled,
        }
    }
}

/// Where a ticket is with respect to one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Never entered through this list.
    Never,
    Inside,
    /// Entered, then left.
    Left,
}

/// What a list admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRules {
    pub event_id: Uuid,
    /// Empty = every type of the event.
    pub ticket_type_ids: Vec<Uuid>,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub allow_reentry: bool,
}

/// What is known about the ticket a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFacts {
    pub event_id: Uuid,
    pub ticket_type_id: Uuid,
    pub state: TicketState,
    /// The order is `confirmed`.
    pub paid: bool,
    /// The order was cancelled (tickets are normally cancelled with it).
    pub order_cancelled: bool,
}

/// The result of looking the scanned code up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Not a code we know (typed code not found, malformed payload).
    Unknown,
    /// A QR payload whose signature does not verify.
    BadSignature,
    /// A correctly signed payload for `event_id` whose ticket is not among the organization's.
    SignedFor(Uuid),
    Ticket(TicketFacts),
}

/// The outcome of one scan at `at` (seconds since the epoch) of a ticket whose presence on the
/// list is `presence`. `Ok` means: record the entry (or exit).
pub fn decide(
    list: &ListRules,
    lookup: Lookup,
    direction: ScanDirection,
    at: i64,
    presence: Presence,
) -> ScanOutcome {
    let ticket = match lookup {
        Lookup::Unknown => return ScanOutcome::UnknownCode,
        Lookup::BadSignature => return ScanOutcome::InvalidSignature,
        Lookup::SignedFor(event_id) if event_id != list.event_id => {
            return ScanOutcome::WrongEvent;
        }
        Lookup::SignedFor(_) => return ScanOutcome::UnknownCode,
        Lookup::Ticket(t) => t,
    };
    if ticket.event_id != list.event_id {
        return ScanOutcome::WrongEvent;
    }
    match ticket.state {
        TicketState::Refunded => return ScanOutcome::Refunded,
        TicketState::Cancelled => return ScanOutcome::Cancelled,
        TicketState::Valid if ticket.order_cancelled => return ScanOutcome::Cancelled,
        TicketState::Valid if !ticket.paid => return ScanOutcome::NotPaid,
        TicketState::Valid => {}
    }
    if !list.ticket_type_ids.is_empty() && !list.ticket_type_ids.contains(&ticket.ticket_type_id) {
        return ScanOutcome::NotOnThisList;
    }
    let early = list.starts_at.is_some_and(|start| at < start);
    let late = list.ends_at.is_some_and(|end| at >= end);
    if early || late {
        return ScanOutcome::OutsideWindow;
    }
    match (direction, presence) {
        (ScanDirection::Entry, Presence::Never) => ScanOutcome::Ok,
        (ScanDirection::Entry, Presence::Left) if list.allow_reentry => ScanOutcome::Ok,
        (ScanDirection::Entry, Presence::Inside | Presence::Left) => ScanOutcome::AlreadyCheckedIn,
        (ScanDirection::Exit, Presence::Inside) if list.allow_reentry => ScanOutcome::Ok,
        // Without re-entry, leaving is not tracked: the ticket stays used.
        (ScanDirection::Exit, Presence::Inside) => ScanOutcome::AlreadyCheckedIn,
        (ScanDirection::Exit, Presence::Never | Presence::Left) => ScanOutcome::NotCheckedIn,
    }
}

/// A short text for the person at the door, in both languages.
pub fn message(outcome: ScanOutcome, direction: ScanDirection) -> Localized {
    let (en, fr) = match (outcome, direction) {
        (ScanOutcome::Ok, ScanDirection::Entry) => ("Welcome in", "Bienvenue"),
        (ScanOutcome::Ok, ScanDirection::Exit) => ("Exit recorded", "Sortie enregistrée"),
        (ScanOutcome::AlreadyCheckedIn, _) => ("Already checked in", "Déjà enregistré"),
        (ScanOutcome::NotCheckedIn, _) => ("Not checked in", "Pas encore entré"),
        (ScanOutcome::NotPaid, _) => ("Order not paid", "Commande non payée"),
        (ScanOutcome::Refunded, _) => ("Ticket refunded", "Billet remboursé"),
        (ScanOutcome::Cancelled, _) => ("Ticket cancelled", "Billet annulé"),
        (ScanOutcome::WrongEvent, _) => ("Ticket for another event", "Billet d'un autre événement"),
        (ScanOutcome::NotOnThisList, _) => (
            "Ticket type not admitted here",
            "Type de billet non admis ici",
        ),
        (ScanOutcome::OutsideWindow, _) => (
            "Outside the check-in hours",
            "Hors des heures d'enregistrement",
        ),
        (ScanOutcome::UnknownCode, _) => ("Unknown ticket", "Billet inconnu"),
        (ScanOutcome::InvalidSignature, _) => ("Forged or altered QR code", "QR code falsifié"),
    };
    Localized::new(en, fr)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: Uuid = Uuid::from_u128(1);
    const OTHER_EVENT: Uuid = Uuid::from_u128(2);
    const VIP: Uuid = Uuid::from_u128(10);
    const STANDARD: Uuid = Uuid::from_u128(11);

    fn list() -> ListRules {
        ListRules {
            event_id: EVENT,
            ticket_type_ids: vec![],
            starts_at: Some(1_000),
            ends_at: Some(2_000),
            allow_reentry: false,
        }
    }

    fn ticket() -> TicketFacts {
        TicketFacts {
            event_id: EVENT,
            ticket_type_id: STANDARD,
            state: TicketState::Valid,
            paid: true,
            order_cancelled: false,
        }
    }

    fn entry(list: &ListRules, lookup: Lookup, presence: Presence) -> ScanOutcome {
        decide(list, lookup, ScanDirection::Entry, 1_500, presence)
    }

    #[test]
    fn a_valid_ticket_enters_once() {
        let t = Lookup::Ticket(ticket());
        assert_eq!(entry(&list(), t, Presence::Never), ScanOutcome::Ok);
        assert_eq!(
            entry(&list(), t, Presence::Inside),
            ScanOutcome::AlreadyCheckedIn
        );
        assert_eq!(
            entry(&list(), t, Presence::Left),
            ScanOutcome::AlreadyCheckedIn
        );
    }

    #[test]
    fn with_reentry_a_ticket_leaves_and_comes_back() {
        let mut l = list();
        l.allow_reentry = true;
        let t = Lookup::Ticket(ticket());
        let exit = |p| decide(&l, t, ScanDirection::Exit, 1_500, p);
        assert_eq!(exit(Presence::Inside), ScanOutcome::Ok);
        assert_eq!(exit(Presence::Left), ScanOutcome::NotCheckedIn);
        assert_eq!(exit(Presence::Never), ScanOutcome::NotCheckedIn);
        assert_eq!(entry(&l, t, Presence::Left), ScanOutcome::Ok);
        assert_eq!(
            entry(&l, t, Presence::Inside),
            ScanOutcome::AlreadyCheckedIn
        );
    }

    #[test]
    fn without_reentry_an_exit_changes_nothing() {
        let t = Lookup::Ticket(ticket());
        assert_eq!(
            decide(&list(), t, ScanDirection::Exit, 1_500, Presence::Inside),
            ScanOutcome::AlreadyCheckedIn
        );
    }

    #[test]
    fn codes_that_name_no_ticket_here() {
        let l = list();
        assert_eq!(
            entry(&l, Lookup::Unknown, Presence::Never),
            ScanOutcome::UnknownCode
        );
        assert_eq!(
            entry(&l, Lookup::BadSignature, Presence::Never),
            ScanOutcome::InvalidSignature
        );
        assert_eq!(
            entry(&l, Lookup::SignedFor(OTHER_EVENT), Presence::Never),
            ScanOutcome::WrongEvent
        );
        assert_eq!(
            entry(&l, Lookup::SignedFor(EVENT), Presence::Never),
            ScanOutcome::UnknownCode
        );
    }

    #[test]
    fn the_ticket_state_comes_before_the_list_and_the_window() {
        let l = ListRules {
            ticket_type_ids: vec![VIP],
            ..list()
        };
        let at = |state, paid, order_cancelled| {
            decide(
                &l,
                Lookup::Ticket(TicketFacts {
                    state,
                    paid,
                    order_cancelled,
                    ..ticket()
                }),
                ScanDirection::Entry,
                5_000,
                Presence::Never,
            )
        };
        assert_eq!(
            at(TicketState::Refunded, false, false),
            ScanOutcome::Refunded
        );
        assert_eq!(
            at(TicketState::Cancelled, false, true),
            ScanOutcome::Cancelled
        );
        assert_eq!(at(TicketState::Valid, true, true), ScanOutcome::Cancelled);
        assert_eq!(at(TicketState::Valid, false, false), ScanOutcome::NotPaid);
        assert_eq!(
            at(TicketState::Valid, true, false),
            ScanOutcome::NotOnThisList
        );
    }

    #[test]
    fn another_events_ticket_is_wrong_event_whatever_its_state() {
        let t = TicketFacts {
            event_id: OTHER_EVENT,
            state: TicketState::Cancelled,
            ..ticket()
        };
        assert_eq!(
            entry(&list(), Lookup::Ticket(t), Presence::Inside),
            ScanOutcome::WrongEvent
        );
    }

    #[test]
    fn the_window_includes_its_start_and_excludes_its_end() {
        let t = Lookup::Ticket(ticket());
        let at = |s| decide(&list(), t, ScanDirection::Entry, s, Presence::Never);
        assert_eq!(at(999), ScanOutcome::OutsideWindow);
        assert_eq!(at(1_000), ScanOutcome::Ok);
        assert_eq!(at(1_999), ScanOutcome::Ok);
        assert_eq!(at(2_000), ScanOutcome::OutsideWindow);
        let open = ListRules {
            starts_at: None,
            ends_at: None,
            ..list()
        };
        assert_eq!(
            decide(&open, t, ScanDirection::Entry, i64::MIN, Presence::Never),
            ScanOutcome::Ok
        );
    }

    #[test]
    fn a_list_of_some_types_admits_only_those() {
        let l = ListRules {
            ticket_type_ids: vec![VIP],
            ..list()
        };
        let vip = TicketFacts {
            ticket_type_id: VIP,
            ..ticket()
        };
        assert_eq!(
            entry(&l, Lookup::Ticket(vip), Presence::Never),
            ScanOutcome::Ok
        );
        assert_eq!(
            entry(&l, Lookup::Ticket(ticket()), Presence::Never),
            ScanOutcome::NotOnThisList
        );
    }

    #[test]
    fn every_outcome_has_a_message_in_both_languages() {
        for o in ScanOutcome::ALL {
            for d in [ScanDirection::Entry, ScanDirection::Exit] {
                let m = message(o, d);
                assert!(m.en.is_some_and(|t| !t.is_empty()) && m.fr.is_some_and(|t| !t.is_empty()));
            }
        }
        assert_eq!(TicketState::parse("valid"), TicketState::Valid);
        assert_eq!(TicketState::parse("refunded"), TicketState::Refunded);
        assert_eq!(TicketState::parse("cancelled"), TicketState::Cancelled);
        assert_eq!(TicketState::parse("???"), TicketState::Cancelled);
    }
}
