//! Admin › Withdrawals: every organization's withdrawals, filtered by status (requested by
//! default), with Approve and Reject (a note is required) on requested ones, and "Mark as paid"
//! (the bank's reference) on approved bank transfers, which an admin pays by hand.

use common::Lang;
use common::finance::{
    CompleteWithdrawal, DestinationKind, ReviewDecision, Withdrawal, WithdrawalStatus,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::orgs::{TD, TH};
use super::review::{Decision, ReviewDialog, checked_note, checked_reference, status_options};
use crate::api::{self, ApiError};
use crate::components::badge::{WithdrawalStatusBadge, withdrawal_status_text};
use crate::components::button::{SMALL_DANGER, SMALL_SECONDARY};
use crate::components::paged::{Paged, PagedFooter, REGION};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage, SelectField};
use crate::i18n::{Tr, finance as fi, members, t, use_lang};
use crate::money::format_money;
use crate::time::format_datetime;

pub fn destination_kind_text(k: DestinationKind) -> Tr {
    match k {
        DestinationKind::MobileMoney => fi::MOBILE_MONEY,
        DestinationKind::BankAccount => fi::BANK_ACCOUNT,
    }
}

/// The decision's note, the failure and the payout reference, one per line.
pub fn withdrawal_notes(w: &Withdrawal, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(note) = w.decision_note.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fi::NOTE.fill(lang, &[("note", note)]));
    }
    if let Some(why) = w.failure_reason.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fi::FAILURE.fill(lang, &[("reason", why)]));
    }
    if let Some(r) = w
        .payout_reference
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        out.push(fi::PAYOUT_REFERENCE.fill(lang, &[("reference", r)]));
    }
    out
}

#[component]
pub fn AdminWithdrawals() -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(WithdrawalStatus::Requested.as_str().to_owned());
    let list = Paged::<Withdrawal>::new();
    let flash = RwSignal::new(None::<Flash>);
    let load = move |append: bool| {
        let filter = WithdrawalStatus::parse(&status.get_untracked());
        list.load(append, move |cursor| async move {
            api::admin::list_admin_withdrawals(filter, cursor.as_deref()).await
        });
    };
    Effect::new(move |_| {
        status.track();
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

    let target = RwSignal::new(None::<Withdrawal>);
    let decision = RwSignal::new(Decision::Approve);
    let open = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let dialog_error: ErrSignal = RwSignal::new(None);
    let ask = move |w: Withdrawal, d: Decision| {
        target.set(Some(w));
        decision.set(d);
        note.set(String::new());
        reference.set(String::new());
        dialog_error.set(None);
        open.set(true);
    };
    let described = move |tr: Tr| {
        let l = lang.get();
        target.with(|w| {
            w.as_ref()
                .map(|w| {
                    tr.fill(
                        l,
                        &[
                            ("amount", &format_money(&w.amount, l)),
                            ("org", &w.org_name),
                            ("destination", &w.destination_label),
                        ],
                    )
                })
                .unwrap_or_default()
        })
    };
    let title = Signal::derive(move || {
        described(match decision.get() {
            Decision::Approve => fi::APPROVE_WITHDRAWAL_TITLE,
            Decision::Reject => fi::REJECT_WITHDRAWAL_TITLE,
            Decision::Complete => fi::COMPLETE_TITLE,
        })
    });
    let message = Signal::derive(move || {
        let bank = target.with(|w| {
            w.as_ref()
                .is_some_and(|w| w.destination_kind == DestinationKind::BankAccount)
        });
        described(match decision.get() {
            Decision::Approve if bank => fi::APPROVE_BANK_TEXT,
            Decision::Approve => fi::APPROVE_MOBILE_TEXT,
            Decision::Reject => fi::REJECT_WITHDRAWAL_TEXT,
            Decision::Complete => fi::COMPLETE_TEXT,
        })
    });
    let on_submit = Callback::new(move |()| {
        let Some(w) = target.get_untracked() else {
            return;
        };
        let d = decision.get_untracked();
        enum Call {
            Review(ReviewDecision),
            Complete(CompleteWithdrawal),
        }
        let call = match d {
            Decision::Complete => checked_reference(&reference.get_untracked())
                .map(|reference| Call::Complete(CompleteWithdrawal { reference })),
            _ => checked_note(d, &note.get_untracked())
                .map(|note| Call::Review(ReviewDecision { note })),
        };
        let call = match call {
            Ok(c) => c,
            Err(e) => {
                dialog_error.set(Some(e));
                return;
            }
        };
        pending.set(true);
        dialog_error.set(None);
        flash.set(None);
        spawn_local(async move {
            let result: Result<Withdrawal, ApiError> = match (d, &call) {
                (Decision::Reject, Call::Review(body)) => {
                    api::admin::reject_withdrawal(w.id, body).await
                }
                (_, Call::Review(body)) => api::admin::approve_withdrawal(w.id, body).await,
                (_, Call::Complete(body)) => api::admin::complete_withdrawal(w.id, body).await,
            };
            match result {
                Ok(fresh) => {
                    let done = match d {
                        Decision::Approve => fi::WITHDRAWAL_APPROVED,
                        Decision::Reject => fi::WITHDRAWAL_REJECTED,
                        Decision::Complete => fi::WITHDRAWAL_COMPLETED,
                    };
                    flash.set(Some(Flash::fill(done, "org", fresh.org_name.clone())));
                    list.replace(fresh, |a, b| a.id == b.id);
                    open.set(false);
                }
                Err(e) => dialog_error.set(Some(e)),
            }
            pending.set(false);
        });
    });

    let action = move |w: &Withdrawal, d: Decision, what: String| {
        let for_click = w.clone();
        let class = if d == Decision::Reject {
            SMALL_DANGER
        } else {
            SMALL_SECONDARY
        };
        let label = d.label();
        view! {
            <button
                type="button"
                class=class
                aria-label=move || fi::ACTION_ON.fill(lang.get(), &[("action", label.get(lang.get())), ("what", &what)])
                on:click=move |_| ask(for_click.clone(), d)
            >
                {t(label)}
            </button>
        }
    };
    let row = move |w: Withdrawal, l: Lang| {
        let what = format!("{} {}", w.org_name, format_money(&w.amount, l));
        let actions = match (w.status, w.destination_kind) {
            (WithdrawalStatus::Requested, _) => view! {
                {action(&w, Decision::Approve, what.clone())}
                {action(&w, Decision::Reject, what.clone())}
            }
            .into_any(),
            (WithdrawalStatus::Approved, DestinationKind::BankAccount) => {
                action(&w, Decision::Complete, what.clone()).into_any()
            }
            _ => ().into_any(),
        };
        let notes = withdrawal_notes(&w, l);
        view! {
            <tr>
                <td class=TD>{format_datetime(&w.created_at, None, l)}</td>
                <td class=TD>
                    <span class="font-medium">{w.org_name.clone()}</span>
                    {w.requested_by_name.clone().map(|n| view! { <span class="block text-xs text-gray-600">{n}</span> })}
                </td>
                <td class=format!("{TD} tabular-nums")>{format_money(&w.amount, l)}</td>
                <td class=TD>
                    {destination_kind_text(w.destination_kind).get(l)}
                    <span class="block font-mono text-xs text-gray-700">{w.destination_label.clone()}</span>
                </td>
                <td class=TD><WithdrawalStatusBadge status=w.status /></td>
                <td class="max-w-xs px-4 py-3 text-sm text-gray-800">
                    {notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                </td>
                <td class=TD><div class="flex gap-2">{actions}</div></td>
            </tr>
        }
    };

    view! {
        <div class="space-y-4">
            <div class="max-w-xs">
                <SelectField id="admin-withdrawal-status" label=fi::STATUS value=status options />
            </div>
            <ErrorAlert error=list.error />
            <FlashMessage flash />
            <div role="region" aria-label=t(fi::TAB_WITHDRAWALS) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::DATE)}</th>
                            <th scope="col" class=TH>{t(fi::ORGANIZATION)}</th>
                            <th scope="col" class=TH>{t(fi::AMOUNT)}</th>
                            <th scope="col" class=TH>{t(fi::DESTINATION)}</th>
                            <th scope="col" class=TH>{t(fi::STATUS)}</th>
                            <th scope="col" class=TH>{t(fi::DETAILS)}</th>
                            <th scope="col" class=TH>{t(members::ACTIONS)}</th>
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
            <ReviewDialog
                id="withdrawal-review-dialog"
                open
                decision
                title
                message
                note
                reference
                pending
                error=dialog_error
                on_submit
            />
        </div>
    }
}
