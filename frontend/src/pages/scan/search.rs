//! Finding an attendee by name (a forgotten phone, a ticket bought at the last minute): the
//! server's search when online, the offline copy's otherwise, with one button per match that
//! checks that ticket in (or out) like a scan of its code.

use common::checkin::{CheckinPresence, CheckinTicket, ScanDirection, TicketAdmission};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session::{Scanner, Target};
use crate::api::{self, ApiError};
use crate::components::button::{SECONDARY, SMALL_SECONDARY};
use crate::components::field::{HINT, INPUT, LABEL};
use crate::components::{ErrSignal, ErrorAlert};
use crate::i18n::{Tr, scanner as sc, t, use_lang};

fn presence_text(t: &CheckinTicket) -> Tr {
    match (t.admission, t.presence) {
        (TicketAdmission::NotPaid, _) => {
            sc::scan_outcome(common::checkin::ScanOutcome::NotPaid, ScanDirection::Entry)
        }
        (TicketAdmission::Cancelled, _) => sc::scan_outcome(
            common::checkin::ScanOutcome::Cancelled,
            ScanDirection::Entry,
        ),
        (TicketAdmission::Refunded, _) => {
            sc::scan_outcome(common::checkin::ScanOutcome::Refunded, ScanDirection::Entry)
        }
        (TicketAdmission::Valid, CheckinPresence::Inside) => sc::INSIDE,
        (TicketAdmission::Valid, CheckinPresence::Left) => sc::LEFT,
        (TicketAdmission::Valid, CheckinPresence::Never) => sc::NOT_YET,
    }
}

#[component]
pub fn NameSearch(scanner: Scanner) -> impl IntoView {
    let Target::List(list_id) = scanner.target else {
        return ().into_any();
    };
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let results = RwSignal::new(None::<(Vec<CheckinTicket>, bool)>);
    let error: ErrSignal = RwSignal::new(None);
    let too_short = RwSignal::new(false);
    let searching = RwSignal::new(false);
    let generation = StoredValue::new(0u32);

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let text = q.get_untracked().trim().to_owned();
        too_short.set(text.chars().count() < 2);
        if text.chars().count() < 2 {
            return;
        }
        error.set(None);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        // Offline: the copy answers at once.
        if !scanner.online.get_untracked()
            && let Some(found) = scanner.search_offline(&text)
        {
            results.set(Some((found, true)));
            return;
        }
        searching.set(true);
        spawn_local(async move {
            let answer = api::scanner::search_tickets(scanner.org_id, list_id, &text).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            searching.set(false);
            match answer {
                Ok(page) => results.set(Some((page.items, false))),
                Err(ApiError::Network(_)) => match scanner.search_offline(&text) {
                    Some(found) => results.set(Some((found, true))),
                    None => error.set(Some(ApiError::Network(String::new()))),
                },
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let row = move |ticket: CheckinTicket| {
        let l = lang.get();
        let code = ticket.code.clone();
        let name = ticket.attendee_name.clone();
        let status = presence_text(&ticket).get(l);
        let action = move || {
            let l = lang.get();
            let exit = scanner.direction.get() == ScanDirection::Exit;
            let (label, named) = if exit {
                (sc::CHECK_OUT, sc::CHECK_OUT_NAMED)
            } else {
                (sc::CHECK_IN, sc::CHECK_IN_NAMED)
            };
            (label.get(l), named.fill(l, &[("name", &name)]))
        };
        let type_name = scanner
            .list
            .with_untracked(|list| {
                list.as_ref().and_then(|list| {
                    list.counts
                        .by_ticket_type
                        .iter()
                        .find(|c| c.ticket_type_id == ticket.ticket_type_id)
                        .map(|c| c.name.get(l).to_owned())
                })
            })
            .unwrap_or_default();
        let button_label = action.clone();
        view! {
            <li class="flex flex-wrap items-center justify-between gap-2 py-3">
                <div class="min-w-0">
                    <p class="font-medium text-gray-900">{ticket.attendee_name.clone()}</p>
                    <p class="text-sm text-gray-700">
                        <span class="font-mono">{ticket.code.clone()}</span>
                        {(!type_name.is_empty()).then(|| format!(" · {type_name}"))}
                        " · " {status}
                    </p>
                </div>
                <button
                    type="button"
                    class=SMALL_SECONDARY
                    aria-label=move || button_label().1
                    disabled=move || scanner.revoked.get()
                    on:click=move |_| {
                        super::feedback::unlock();
                        scanner.submit(code.clone());
                        // The result panel says what happened; the next person needs a new search.
                        results.set(None);
                        q.set(String::new());
                    }
                >
                    {move || action().0}
                </button>
            </li>
        }
    };

    view! {
        <section aria-labelledby="search-heading" class="space-y-3 rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="search-heading" class="text-lg font-semibold text-gray-900">{t(sc::SEARCH)}</h2>
            <form role="search" aria-labelledby="search-heading" class="space-y-2" novalidate=true on:submit=on_submit>
                <label for="scan-search" class=LABEL>{t(sc::SEARCH_LABEL)}</label>
                <div class="flex gap-2">
                    <input
                        id="scan-search"
                        name="q"
                        type="search"
                        class=INPUT
                        autocomplete="off"
                        aria-describedby="scan-search-hint"
                        bind:value=q
                    />
                    <button type="submit" class=SECONDARY disabled=move || searching.get()>{t(sc::SEARCH_BUTTON)}</button>
                </div>
                <p id="scan-search-hint" class=HINT>
                    {move || too_short.get().then(|| t(sc::SEARCH_SHORT)())}
                </p>
            </form>
            <ErrorAlert error />
            <div aria-live="polite">
                {move || results.get().map(|(items, offline)| {
                    let l = lang.get();
                    if items.is_empty() {
                        return view! { <p class="text-gray-700">{sc::NO_MATCH.get(l)}</p> }.into_any();
                    }
                    let n = items.len().to_string();
                    view! {
                        <p class="text-sm text-gray-700">
                            {sc::MATCHES.fill(l, &[("n", &n)])}
                            {offline.then(|| format!(" · {}", sc::SEARCHED_OFFLINE.get(l)))}
                        </p>
                        <ul class="divide-y divide-gray-200">{items.into_iter().map(row).collect_view()}</ul>
                    }
                    .into_any()
                })}
            </div>
        </section>
    }
    .into_any()
}
