//! Refunds on an order, for buyers (the order page) and organizers (the booking page): which
//! tickets can still be refunded, the dialog that picks them (all by default) with a reason, and
//! the list of the order's refunds with their status and amount.

use std::collections::HashSet;

use common::Lang;
use common::finance::{Refund, RefundRequester, RefundStatus};
use common::orders::{Order, Ticket, TicketStatus};
use leptos::prelude::*;
use uuid::Uuid;

use crate::components::badge::RefundStatusBadge;
use crate::components::field::{HINT, LABEL, field_message};
use crate::components::{ErrSignal, FormDialog, TextAreaField};
use crate::i18n::{Tr, finance as fi, t, use_lang};
use crate::money::format_money;
use crate::time::format_short;

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

pub fn requester_text(r: RefundRequester) -> Tr {
    match r {
        RefundRequester::Buyer => fi::BY_BUYER,
        RefundRequester::Organizer => fi::BY_ORGANIZER,
        RefundRequester::System => fi::BY_SYSTEM,
    }
}

/// The reason asked with, then the decision's note or the failure, one per line.
pub fn refund_notes(r: &Refund, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(reason) = r.reason.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(reason.to_owned());
    }
    if let Some(note) = r.decision_note.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fi::NOTE.fill(lang, &[("note", note)]));
    }
    if let Some(why) = r.failure_reason.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fi::FAILURE.fill(lang, &[("reason", why)]));
    }
    out
}

/// Whether a refund still holds its tickets (asked for, approved or being paid back).
pub fn is_open(r: &Refund) -> bool {
    matches!(
        r.status,
        RefundStatus::Requested | RefundStatus::Approved | RefundStatus::Processing
    )
}

/// The tickets that can be refunded now: valid ones that no open refund holds.
pub fn refundable_tickets(order: &Order) -> Vec<Ticket> {
    let held: HashSet<Uuid> = order
        .refunds
        .iter()
        .filter(|r| is_open(r))
        .flat_map(|r| r.ticket_ids.iter().copied())
        .collect();
    order
        .tickets
        .iter()
        .filter(|t| t.status == TicketStatus::Valid && !held.contains(&t.id))
        .cloned()
        .collect()
}

/// The dialog: a checkbox per refundable ticket (all checked when it opens) and a reason.
#[component]
pub fn RefundDialog(
    id: &'static str,
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] message: Signal<String>,
    #[prop(into)] tickets: Signal<Vec<Ticket>>,
    chosen: RwSignal<Vec<Uuid>>,
    reason: RwSignal<String>,
    reason_hint: Tr,
    submit_label: Tr,
    /// A red submit button (organizers: the refund happens at once).
    #[prop(optional)]
    danger: bool,
    pending: RwSignal<bool>,
    error: ErrSignal,
    on_submit: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let legend_id = format!("{id}-tickets");
    let err_id = format!("{id}-tickets-error");
    let described = err_id.clone();
    let ticket_error = field_message(Some(error), "ticket_ids".to_owned());
    let box_row = move |tk: Ticket| {
        let box_id = format!("{id}-ticket-{}", tk.id);
        let label_for = box_id.clone();
        let ticket_id = tk.id;
        let type_name = tk.ticket_type_name.clone();
        let (name, code) = (tk.attendee_name.clone(), tk.code.clone());
        view! {
            <li class="flex items-center gap-2">
                <input
                    id=box_id
                    type="checkbox"
                    class="h-4 w-4 rounded border-gray-400 text-emerald-700 focus:ring-2 focus:ring-emerald-600"
                    prop:checked=move || chosen.with(|c| c.contains(&ticket_id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| *x != ticket_id);
                            if on {
                                c.push(ticket_id);
                            }
                        });
                    }
                />
                <label for=label_for class="text-sm text-gray-900">
                    {move || {
                        let l = lang.get();
                        fi::TICKET_OPTION.fill(l, &[("type", type_name.get(l)), ("name", &name), ("code", &code)])
                    }}
                </label>
            </li>
        }
    };
    view! {
        <FormDialog id open title message submit_label=submit_label pending error on_submit danger>
            <fieldset class="space-y-2" aria-describedby=described>
                <legend id=legend_id class=LABEL>{t(fi::TICKETS_TO_REFUND)}</legend>
                <ul class="space-y-2">{move || tickets.get().into_iter().map(box_row).collect_view()}</ul>
                <p id=err_id class="text-sm font-medium text-red-800">{ticket_error}</p>
            </fieldset>
            <TextAreaField id=format!("{id}-reason") label=fi::REASON_OPTIONAL value=reason field="reason" error hint=reason_hint rows=3 />
        </FormDialog>
    }
}

/// The order's refunds, newest first: amount, tickets, when, status, and the notes.
#[component]
pub fn OrderRefunds(#[prop(into)] order: Signal<Order>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || order.with(|o| !o.refunds.is_empty())>
            <section aria-labelledby="order-refunds-heading" class=CARD>
                <h2 id="order-refunds-heading" class="text-lg font-semibold text-gray-900">{t(fi::REFUNDS)}</h2>
                <ul class="divide-y divide-gray-200" aria-labelledby="order-refunds-heading">
                    {move || {
                        let l = lang.get();
                        let o = order.get();
                        let tz = o.event.timezone.clone();
                        o.refunds
                            .into_iter()
                            .map(|r| {
                                let tickets = fi::TICKET_COUNT.fill(l, &[("n", &r.ticket_ids.len().to_string())]);
                                let line = fi::REFUND_LINE.fill(
                                    l,
                                    &[
                                        ("amount", &format_money(&r.amount, l)),
                                        ("tickets", &tickets),
                                        ("at", &format_short(&r.created_at, &tz, l)),
                                    ],
                                );
                                let notes = refund_notes(&r, l);
                                view! {
                                    <li class="space-y-1 py-3">
                                        <div class="flex flex-wrap items-center justify-between gap-2">
                                            <p class="text-sm font-medium text-gray-900">{line}</p>
                                            <RefundStatusBadge status=r.status />
                                        </div>
                                        <p class=HINT>{fi::REQUESTED_BY.get(l)} ": " {requester_text(r.requested_by).get(l)}</p>
                                        {notes.into_iter().map(|n| view! { <p class="text-sm text-gray-800">{n}</p> }).collect_view()}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
