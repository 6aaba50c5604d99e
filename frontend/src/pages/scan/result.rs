//! The big result panel: full width, green (let them in), amber (look: already in, wrong door or
//! hours) or red (refuse), with a symbol as well as a colour, the attendee's name and ticket
//! type in large type, and the details that help the staff member decide. It is a live region,
//! so a screen reader says each result.

use chrono::{DateTime, Utc};
use common::checkin::{PreviousEntry, ScanDirection, ScanOutcome, ScannedTicket};
use common::swag::{SwagHandoutResult, SwagOutcome};
use leptos::prelude::*;

use super::session::Scanner;
use crate::api::ApiError;
use crate::i18n::{Tr, error_text, scanner as sc, t, use_lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Idle,
    Ok,
    Warn,
    Stop,
}

impl Tone {
    pub fn of_scan(o: ScanOutcome) -> Tone {
        match o {
            ScanOutcome::Ok => Tone::Ok,
            ScanOutcome::AlreadyCheckedIn
            | ScanOutcome::NotCheckedIn
            | ScanOutcome::NotOnThisList
            | ScanOutcome::OutsideWindow => Tone::Warn,
            ScanOutcome::NotPaid
            | ScanOutcome::Refunded
            | ScanOutcome::Cancelled
            | ScanOutcome::WrongEvent
            | ScanOutcome::UnknownCode
            | ScanOutcome::InvalidSignature => Tone::Stop,
        }
    }

    pub fn of_swag(o: SwagOutcome) -> Tone {
        match o {
            SwagOutcome::Ok => Tone::Ok,
            SwagOutcome::AllowanceReached | SwagOutcome::OutOfStock | SwagOutcome::NotEligible => {
                Tone::Warn
            }
            SwagOutcome::TicketNotValid
            | SwagOutcome::WrongEvent
            | SwagOutcome::UnknownCode
            | SwagOutcome::InvalidSignature => Tone::Stop,
        }
    }

    /// Background and text colours (contrast AA on both) and the symbol.
    fn style(self) -> (&'static str, &'static str) {
        match self {
            Tone::Idle => (
                "border-2 border-dashed border-gray-300 bg-white text-gray-800",
                "⌖",
            ),
            Tone::Ok => ("bg-emerald-700 text-white", "✓"),
            Tone::Warn => ("bg-amber-400 text-gray-950", "!"),
            Tone::Stop => ("bg-red-700 text-white", "✕"),
        }
    }

    /// For tests and styling hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Idle => "idle",
            Tone::Ok => "ok",
            Tone::Warn => "warn",
            Tone::Stop => "stop",
        }
    }
}

/// The headline: an outcome's text, or the error of a refused request.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    Text(Tr),
    Error(ApiError),
}

/// Extra lines under the name.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Previous(PreviousEntry),
    /// Decided on this phone, queued for sync.
    Offline,
    Received {
        received: u32,
        allowance: u32,
    },
    Remaining(u32),
}

/// What the panel shows (and the log keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// Increases with every result, so the same answer twice still re-announces.
    pub seq: u32,
    pub tone: Tone,
    /// `ok`, `already_checked_in`…: the outcome's wire name, for tests.
    pub outcome: &'static str,
    pub headline: Headline,
    pub ticket: Option<ScannedTicket>,
    pub details: Vec<Detail>,
    pub code: String,
    pub at: DateTime<Utc>,
}

impl Shown {
    pub fn scan(
        outcome: ScanOutcome,
        direction: ScanDirection,
        ticket: Option<ScannedTicket>,
        previous: Option<PreviousEntry>,
        offline: bool,
        code: String,
    ) -> Shown {
        let mut details: Vec<Detail> = previous
            .filter(|_| outcome != ScanOutcome::Ok)
            .map(Detail::Previous)
            .into_iter()
            .collect();
        if offline {
            details.push(Detail::Offline);
        }
        Shown {
            seq: 0,
            tone: Tone::of_scan(outcome),
            outcome: outcome.as_str(),
            headline: Headline::Text(sc::scan_outcome(outcome, direction)),
            ticket,
            details,
            code,
            at: Utc::now(),
        }
    }

    pub fn swag(r: SwagHandoutResult, code: String) -> Shown {
        let mut details = vec![Detail::Received {
            received: r.received,
            allowance: r.allowance_per_attendee,
        }];
        details.push(Detail::Remaining(r.remaining));
        Shown {
            seq: 0,
            tone: Tone::of_swag(r.outcome),
            outcome: r.outcome.as_str(),
            headline: Headline::Text(sc::swag_outcome(r.outcome)),
            ticket: r.ticket,
            details,
            code,
            at: Utc::now(),
        }
    }

    /// Nothing could be decided (offline without a copy, swag without network, a refused call).
    pub fn problem(headline: Headline, code: String) -> Shown {
        Shown {
            seq: 0,
            tone: Tone::Stop,
            outcome: "error",
            headline,
            ticket: None,
            details: Vec::new(),
            code,
            at: Utc::now(),
        }
    }

    /// The attendee's name, or the ticket code when there is no name.
    pub fn who(&self, lang: common::Lang) -> String {
        match &self.ticket {
            Some(t) if !t.attendee_name.trim().is_empty() => t.attendee_name.clone(),
            Some(t) => sc::UNNAMED.fill(lang, &[("code", &t.code)]),
            None => short_code(&self.code),
        }
    }

    pub fn headline_text(&self, lang: common::Lang) -> String {
        match &self.headline {
            Headline::Text(tr) => tr.get(lang).to_owned(),
            Headline::Error(e) => error_text(e, lang),
        }
    }
}

/// A QR payload is 147 characters: show its start only.
pub fn short_code(code: &str) -> String {
    if code.chars().count() > 24 {
        format!("{}…", code.chars().take(16).collect::<String>())
    } else {
        code.to_owned()
    }
}

/// `14:05:09` in the viewer's time zone.
pub fn clock(at: &DateTime<Utc>) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ));
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

#[component]
pub fn ResultPanel(scanner: Scanner) -> impl IntoView {
    let lang = use_lang();
    let shown = scanner.shown;
    let tone = move || shown.with(|s| s.as_ref().map_or(Tone::Idle, |s| s.tone));
    let class = move || {
        format!(
            "flex min-h-[11rem] w-full items-start gap-4 rounded-xl p-5 shadow-sm sm:min-h-[14rem] {}",
            tone().style().0
        )
    };
    let body = move || {
        let l = lang.get();
        match shown.get() {
            None => view! {
                <div class="space-y-1">
                    <p class="text-2xl font-bold">{t(sc::READY)}</p>
                    <p class="text-base">{t(sc::READY_HINT)}</p>
                </div>
            }
            .into_any(),
            Some(s) => {
                let type_name = s
                    .ticket
                    .as_ref()
                    .map(|t| t.ticket_type_name.get(l).to_owned())
                    .filter(|n| !n.is_empty());
                let details = s
                    .details
                    .iter()
                    .map(|d| detail_text(d, l))
                    .collect::<Vec<_>>();
                view! {
                    <div class="min-w-0 flex-1 space-y-1">
                        <p class="text-3xl font-extrabold leading-tight sm:text-4xl">{s.headline_text(l)}</p>
                        <p class="break-words text-2xl font-semibold">{s.who(l)}</p>
                        {type_name.map(|n| view! { <p class="text-lg font-medium">{n}</p> })}
                        <ul class="space-y-0.5 text-base">
                            {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                        </ul>
                        <p class="text-sm opacity-90">{sc::SCANNED_AT.fill(l, &[("time", &clock(&s.at))])}</p>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <div
            role="status"
            aria-live="assertive"
            aria-atomic="true"
            aria-label=t(sc::RESULT)
            data-testid="scan-result"
            data-outcome=move || shown.with(|s| s.as_ref().map_or("", |s| s.outcome))
            aria-busy=move || (scanner.in_flight.get() > 0).to_string()
            class=class
        >
            <span aria-hidden="true" class="flex h-14 w-14 shrink-0 items-center justify-center rounded-full bg-black/10 text-4xl font-black">
                {move || tone().style().1}
            </span>
            {body}
            <Show when=move || { scanner.in_flight.get() > 0 }>
                <span class="ml-auto shrink-0 self-start rounded-full bg-black/15 px-3 py-1 text-sm font-semibold">
                    {t(sc::CHECKING)}
                </span>
            </Show>
        </div>
    }
}

fn detail_text(d: &Detail, l: common::Lang) -> String {
    match d {
        Detail::Previous(p) => {
            let mut s = sc::PREVIOUS_ENTRY.fill(l, &[("time", &clock(&p.at))]);
            if let Some(g) = p.gate.as_deref().filter(|g| !g.is_empty()) {
                s.push(' ');
                s.push_str(&sc::PREVIOUS_GATE.fill(l, &[("gate", g)]));
            }
            if let Some(n) = p.by_name.as_deref().filter(|n| !n.is_empty()) {
                s.push_str(", ");
                s.push_str(&sc::PREVIOUS_BY.fill(l, &[("name", n)]));
            }
            s
        }
        Detail::Offline => sc::OFFLINE_DECISION.get(l).to_owned(),
        Detail::Received {
            received,
            allowance,
        } => sc::RECEIVED.fill(
            l,
            &[
                ("received", &received.to_string()),
                ("allowance", &allowance.to_string()),
            ],
        ),
        Detail::Remaining(n) => sc::REMAINING.fill(l, &[("n", &n.to_string())]),
    }
}
