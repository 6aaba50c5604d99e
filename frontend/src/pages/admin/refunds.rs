//! Admin › Refunds: every organization's refunds, filtered by status (requested by default), with
//! Approve and Reject (a note is required) on requested ones and Retry on failed ones.

use common::Lang;
use common::finance::{Refund, RefundStatus, ReviewDecision};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::orgs::{TD, TH};
use super::review::{Decision, ReviewDialog, checked_note, status_options};
use crate::api;
use crate::components::badge::{RefundStatusBadge, refund_status_text};
use crate::components::button::{SMALL_DANGER, SMALL_SECONDARY};
use crate::components::paged::{Paged, PagedFooter, REGION};
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage, SelectField};
use crate::i18n::{Tr, finance as fi, members, t, use_lang};
use crate::money::format_money;
use crate::pages::orders::refunds::{refund_notes, requester_text};
use crate::time::format_datetime;

#[component]
pub fn AdminRefunds() -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(RefundStatus::Requested.as_str().to_owned());
    let list = Paged::<Refund>::new();
    let flash = RwSignal::new(None::<Flash>);
    let load = move |append: bool| {
        let filter = RefundStatus::parse(&status.get_untracked());
        list.load(append, move |cursor| async move {
            api::admin::list_admin_refunds(filter, cursor.as_deref()).await
        });
    };
    Effect::new(move |_| {
        status.track();
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

    // The dialog: approve or reject the chosen refund.
    let target = RwSignal::new(None::<Refund>);
    let decision = RwSignal::new(Decision::Approve);
    let open = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let dialog_error: ErrSignal = RwSignal::new(None);
    let ask = move |r: Refund, d: Decision| {
        target.set(Some(r));
        decision.set(d);
        note.set(String::new());
        dialog_error.set(None);
        open.set(true);
    };
    let described = move |tr: Tr| {
        let l = lang.get();
        target.with(|r| {
            r.as_ref()
                .map(|r| {
                    tr.fill(
                        l,
                        &[
                            ("amount", &format_money(&r.amount, l)),
                            ("reference", &r.order_reference),
                        ],
                    )
                })
                .unwrap_or_default()
        })
    };
    let title = Signal::derive(move || {
        described(match decision.get() {
            Decision::Reject => fi::REJECT_REFUND_TITLE,
            _ => fi::APPROVE_REFUND_TITLE,
        })
    });
    let message = Signal::derive(move || {
        let tr = match decision.get() {
            Decision::Reject => fi::REJECT_REFUND_TEXT,
            _ => fi::APPROVE_REFUND_TEXT,
        };
        tr.get(lang.get()).to_owned()
    });
    let on_submit = Callback::new(move |()| {
        let Some(r) = target.get_untracked() else {
            return;
        };
        let d = decision.get_untracked();
        let body = match checked_note(d, &note.get_untracked()) {
            Ok(note) => ReviewDecision { note },
            Err(e) => {
                dialog_error.set(Some(e));
                return;
            }
        };
        pending.set(true);
        dialog_error.set(None);
        flash.set(None);
        spawn_local(async move {
            let result = if d == Decision::Reject {
                api::admin::reject_refund(r.id, &body).await
            } else {
                api::admin::approve_refund(r.id, &body).await
            };
            match result {
                Ok(fresh) => {
                    let done = if d == Decision::Reject {
                        fi::REFUND_REJECTED
                    } else {
                        fi::REFUND_APPROVED
                    };
                    flash.set(Some(Flash::fill(
                        done,
                        "reference",
                        fresh.order_reference.clone(),
                    )));
                    list.replace(fresh, |a, b| a.id == b.id);
                    open.set(false);
                }
                Err(e) => dialog_error.set(Some(e)),
            }
            pending.set(false);
        });
    });
    let retry = move |r: Refund| {
        list.error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::admin::retry_refund(r.id).await {
                Ok(fresh) => {
                    flash.set(Some(Flash::fill(
                        fi::REFUND_RETRIED,
                        "reference",
                        fresh.order_reference.clone(),
                    )));
                    list.replace(fresh, |a, b| a.id == b.id);
                }
                Err(e) => list.error.set(Some(e)),
            }
        });
    };

    let row = move |r: Refund, l: Lang| {
        let what = format!("{} {}", r.order_reference, format_money(&r.amount, l));
        let actions = match r.status {
            RefundStatus::Requested => {
                let (a, b) = (r.clone(), r.clone());
                let (wa, wb) = (what.clone(), what.clone());
                view! {
                    <button
                        type="button"
                        class=SMALL_SECONDARY
                        aria-label=move || fi::ACTION_ON.fill(lang.get(), &[("action", fi::APPROVE.get(lang.get())), ("what", &wa)])
                        on:click=move |_| ask(a.clone(), Decision::Approve)
                    >
                        {t(fi::APPROVE)}
                    </button>
                    <button
                        type="button"
                        class=SMALL_DANGER
                        aria-label=move || fi::ACTION_ON.fill(lang.get(), &[("action", fi::REJECT.get(lang.get())), ("what", &wb)])
                        on:click=move |_| ask(b.clone(), Decision::Reject)
                    >
                        {t(fi::REJECT)}
                    </button>
                }
                .into_any()
            }
            RefundStatus::Failed => {
                let again = r.clone();
                view! {
                    <button
                        type="button"
                        class=SMALL_SECONDARY
                        aria-label=move || fi::ACTION_ON.fill(lang.get(), &[("action", fi::RETRY.get(lang.get())), ("what", &what)])
                        on:click=move |_| retry(again.clone())
                    >
                        {t(fi::RETRY)}
                    </button>
                }
                .into_any()
            }
            _ => ().into_any(),
        };
        let notes = refund_notes(&r, l);
        view! {
            <tr>
                <td class=TD>{format_datetime(&r.created_at, None, l)}</td>
                <td class=format!("{TD} font-mono")>{r.order_reference.clone()}</td>
                <td class=format!("{TD} tabular-nums")>{format_money(&r.amount, l)}</td>
                <td class=TD>{r.ticket_ids.len()}</td>
                <td class=TD>{requester_text(r.requested_by).get(l)}</td>
                <td class=TD><RefundStatusBadge status=r.status /></td>
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
                <SelectField id="admin-refund-status" label=fi::STATUS value=status options />
            </div>
            <ErrorAlert error=list.error />
            <FlashMessage flash />
            <div role="region" aria-label=t(fi::TAB_REFUNDS) tabindex="0" class=REGION>
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
                            <th scope="col" class=TH>{t(members::ACTIONS)}</th>
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
            <ReviewDialog
                id="refund-review-dialog"
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
