//! The lists of the Finance page: the organization's withdrawals and refunds (each with a status
//! filter) and its ledger (with a currency filter): what moved, the signed amount, the booking it
//! belongs to, when. Each reads page by page ("Load more") and again when `reload` changes.

use chrono::Utc;
use common::finance::{
    LedgerEntry, LedgerEntryKind, ListLedgerQuery, ListRefundsQuery, ListWithdrawalsQuery, Refund,
    RefundStatus, Withdrawal, WithdrawalStatus,
};
use common::{Currency, Lang, Money};
use leptos::prelude::*;
use uuid::Uuid;

use crate::api;
use crate::components::ErrorAlert;
use crate::components::SelectField;
use crate::components::badge::{
    RefundStatusBadge, WithdrawalStatusBadge, refund_status_text, withdrawal_status_text,
};
use crate::components::button::LINK;
use crate::components::paged::{Paged, PagedFooter, REGION};
use crate::i18n::{Tr, finance as fi, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::admin::review::status_options;
use crate::pages::admin::withdrawals::{destination_kind_text, withdrawal_notes};
use crate::pages::orders::refunds::{refund_notes, requester_text};
use crate::time::format_datetime;

const NOTES: &str = "max-w-xs px-4 py-3 text-sm text-gray-800";

pub fn kind_text(k: LedgerEntryKind) -> Tr {
    match k {
        LedgerEntryKind::Sale => fi::K_SALE,
        LedgerEntryKind::PlatformFee => fi::K_PLATFORM_FEE,
        LedgerEntryKind::Refund => fi::K_REFUND,
        LedgerEntryKind::Payout => fi::K_PAYOUT,
        LedgerEntryKind::PayoutReversal => fi::K_PAYOUT_REVERSAL,
        LedgerEntryKind::Adjustment => fi::K_ADJUSTMENT,
    }
}

/// `+5,000 XAF` or `−500 XAF`.
pub fn signed_money(m: &Money, lang: Lang) -> String {
    let text = format_money(m, lang);
    match text.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None if m.amount.is_zero() => text,
        None => format!("+{text}"),
    }
}

/// A booking's reference, linking to its page.
pub(super) fn booking_link(
    org_id: Uuid,
    order_id: Option<Uuid>,
    reference: Option<String>,
) -> AnyView {
    match (order_id, reference) {
        (Some(id), Some(r)) => {
            view! { <a href=format!("/orgs/{org_id}/orders/{id}") class=format!("{LINK} font-mono")>{r}</a> }.into_any()
        }
        (None, Some(r)) => view! { <span class="font-mono">{r}</span> }.into_any(),
        _ => ().into_any(),
    }
}

#[component]
pub fn OrgWithdrawals(org_id: Uuid, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(String::new());
    let list = Paged::<Withdrawal>::new();
    let load = move |append: bool| {
        let q = ListWithdrawalsQuery {
            status: WithdrawalStatus::parse(&status.get_untracked()),
            limit: None,
            cursor: None,
        };
        list.load(append, move |cursor| async move {
            let q = ListWithdrawalsQuery { cursor, ..q };
            api::finance::list_withdrawals(org_id, &q).await
        });
    };
    Effect::new(move |_| {
        status.track();
        reload.track();
        load(false);
    });
    let options = Signal::derive(move || {
        status_options(
            WithdrawalStatus::ALL,
            WithdrawalStatus::as_str,
            withdrawal_status_text,
            lang.get(),
        )
    });
    let row = move |w: Withdrawal, l: Lang| {
        view! {
            <tr>
                <td class=TD>{format_datetime(&w.created_at, None, l)}</td>
                <td class=format!("{TD} tabular-nums font-medium")>{format_money(&w.amount, l)}</td>
                <td class=TD>
                    {destination_kind_text(w.destination_kind).get(l)}
                    <span class="block font-mono text-xs text-gray-700">{w.destination_label.clone()}</span>
                </td>
                <td class=TD>{w.requested_by_name.clone()}</td>
                <td class=TD><WithdrawalStatusBadge status=w.status /></td>
                <td class=NOTES>{withdrawal_notes(&w, l).into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</td>
            </tr>
        }
    };
    view! {
        <div class="space-y-4">
            <div class="max-w-xs">
                <SelectField id="withdrawal-status" label=fi::STATUS value=status options />
            </div>
            <ErrorAlert error=list.error />
            <div role="region" aria-label=t(fi::WITHDRAWALS) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::DATE)}</th>
                            <th scope="col" class=TH>{t(fi::AMOUNT)}</th>
                            <th scope="col" class=TH>{t(fi::DESTINATION)}</th>
                            <th scope="col" class=TH>{t(fi::REQUESTED_BY)}</th>
                            <th scope="col" class=TH>{t(fi::STATUS)}</th>
                            <th scope="col" class=TH>{t(fi::DETAILS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            list.items.get().into_iter().map(|w| row(w, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <PagedFooter paged=list empty=fi::NO_WITHDRAWALS on_more=Callback::new(move |()| load(true)) />
        </div>
    }
}

#[component]
pub fn OrgRefunds(org_id: Uuid, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(String::new());
    let list = Paged::<Refund>::new();
    let load = move |append: bool| {
        let q = ListRefundsQuery {
            status: RefundStatus::parse(&status.get_untracked()),
            limit: None,
            cursor: None,
        };
        list.load(append, move |cursor| async move {
            let q = ListRefundsQuery { cursor, ..q };
            api::finance::list_refunds(org_id, &q).await
        });
    };
    Effect::new(move |_| {
        status.track();
        reload.track();
        load(false);
    });
    let options = Signal::derive(move || {
        status_options(
            RefundStatus::ALL,
            RefundStatus::as_str,
            refund_status_text,
            lang.get(),
        )
    });
    let row = move |r: Refund, l: Lang| {
        let notes = refund_notes(&r, l);
        view! {
            <tr>
                <td class=TD>{format_datetime(&r.created_at, None, l)}</td>
                <td class=TD>{booking_link(org_id, Some(r.order_id), Some(r.order_reference.clone()))}</td>
                <td class=format!("{TD} tabular-nums font-medium")>{format_money(&r.amount, l)}</td>
                <td class=TD>{r.ticket_ids.len()}</td>
                <td class=TD>{requester_text(r.requested_by).get(l)}</td>
                <td class=TD><RefundStatusBadge status=r.status /></td>
                <td class=NOTES>{notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</td>
            </tr>
        }
    };
    view! {
        <div class="space-y-4">
            <div class="max-w-xs">
                <SelectField id="refund-status" label=fi::STATUS value=status options />
            </div>
            <ErrorAlert error=list.error />
            <div role="region" aria-label=t(fi::REFUNDS) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::DATE)}</th>
                            <th scope="col" class=TH>{t(fi::BOOKING)}</th>
                            <th scope="col" class=TH>{t(fi::AMOUNT)}</th>
                            <th scope="col" class=TH>{t(fi::TICKETS)}</th>
                            <th scope="col" class=TH>{t(fi::REQUESTED_BY)}</th>
                            <th scope="col" class=TH>{t(fi::STATUS)}</th>
                            <th scope="col" class=TH>{t(fi::DETAILS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            list.items.get().into_iter().map(|r| row(r, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <PagedFooter paged=list empty=fi::NO_REFUNDS on_more=Callback::new(move |()| load(true)) />
        </div>
    }
}

#[component]
pub fn Ledger(
    org_id: Uuid,
    /// The currencies the organization has balances in (the filter's choices).
    #[prop(into)]
    currencies: Signal<Vec<Currency>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let currency = RwSignal::new(String::new());
    let list = Paged::<LedgerEntry>::new();
    let load = move |append: bool| {
        let code = currency.get_untracked();
        let q = ListLedgerQuery {
            currency: Currency::ALL.into_iter().find(|c| c.code() == code),
            limit: Some(50),
            cursor: None,
        };
        list.load(append, move |cursor| async move {
            let q = ListLedgerQuery { cursor, ..q };
            api::finance::list_ledger_entries(org_id, &q).await
        });
    };
    Effect::new(move |_| {
        currency.track();
        reload.track();
        load(false);
    });
    let options = Signal::derive(move || {
        let l = lang.get();
        std::iter::once((String::new(), fi::ANY_CURRENCY.get(l).to_owned()))
            .chain(
                currencies
                    .get()
                    .into_iter()
                    .map(|c| (c.code().to_owned(), c.code().to_owned())),
            )
            .collect::<Vec<_>>()
    });
    let row = move |e: LedgerEntry, l: Lang| {
        let color = if e.amount.amount.is_sign_negative() && !e.amount.amount.is_zero() {
            "text-red-800"
        } else {
            "text-emerald-800"
        };
        let later = (e.available_at > Utc::now()).then(|| {
            fi::AVAILABLE_FROM.fill(l, &[("at", &format_datetime(&e.available_at, None, l))])
        });
        view! {
            <tr>
                <td class=TD>{format_datetime(&e.created_at, None, l)}</td>
                <td class=TD>{kind_text(e.kind).get(l)}</td>
                <td class=format!("{TD} font-semibold tabular-nums {color}")>{signed_money(&e.amount, l)}</td>
                <td class=TD>{booking_link(org_id, e.order_id, e.order_reference.clone())}</td>
                <td class=NOTES>
                    {e.memo.clone().filter(|m| !m.trim().is_empty() && Some(m) != e.order_reference.as_ref()).map(|m| view! { <p>{m}</p> })}
                    {later.map(|s| view! { <p class="text-amber-900">{s}</p> })}
                </td>
            </tr>
        }
    };
    view! {
        <div class="space-y-4">
            <Show when=move || currencies.with(|c| c.len() > 1)>
                <div class="max-w-xs">
                    <SelectField id="ledger-currency" label=fi::CURRENCY value=currency options />
                </div>
            </Show>
            <ErrorAlert error=list.error />
            <div role="region" aria-label=t(fi::LEDGER) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::DATE)}</th>
                            <th scope="col" class=TH>{t(fi::KIND)}</th>
                            <th scope="col" class=TH>{t(fi::AMOUNT)}</th>
                            <th scope="col" class=TH>{t(fi::BOOKING)}</th>
                            <th scope="col" class=TH>{t(fi::DETAILS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            list.items.get().into_iter().map(|e| row(e, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <PagedFooter paged=list empty=fi::NO_ENTRIES on_more=Callback::new(move |()| load(true)) />
        </div>
    }
}
