//! `/orgs/:org_id/orders/:order_id`: one booking for organizers. The buyer, the price breakdown,
//! the tickets (code, type, attendee, status), the payments and the history (what happened, when,
//! by whom, with notes), and its refunds. Those with `ManageSales` may "Resend tickets"
//! (confirmed bookings), "Refund" some or all of its valid tickets with a reason, and "Cancel
//! booking" with a reason, behind a confirmation.

use common::finance::CreateRefund;
use common::orders::{
    ActorKind, CancelOrder, OrderDetail, OrderHistoryEntry, OrderStatus, PaymentMethod,
    TicketStatus,
};
use common::{Currency, ErrorCode, Lang, Money, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::badge::{OrderStatusBadge, order_status_text};
use crate::components::breakdown::PriceSummary;
use crate::components::button::{DANGER, LINK, SECONDARY};
use crate::components::status::LoadError;
use crate::components::{
    ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, Loading, NotFound, PageTitle,
    TextAreaField,
};
use crate::i18n::{Tr, checkout as co, finance as fi, sales as sa, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orders::order_parts::{EventCard, Payments};
use crate::pages::orders::refunds::{OrderRefunds, RefundDialog, refundable_tickets};
use crate::pages::orgs::layout::use_org;
use crate::time::format_short;

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

/// What a history line says happened.
fn kind_text(kind: &str) -> Option<Tr> {
    Some(match kind {
        "created" => sa::H_CREATED,
        "confirmed" => sa::H_CONFIRMED,
        "expired" => sa::H_EXPIRED,
        "cancelled" => sa::H_CANCELLED,
        "hold_extended" => sa::H_HOLD_EXTENDED,
        "payment_started" => sa::H_PAYMENT_STARTED,
        "payment_failed" => sa::H_PAYMENT_FAILED,
        "payment_succeeded" => sa::H_PAYMENT_SUCCEEDED,
        "tickets_resent" => sa::H_TICKETS_RESENT,
        "refund_requested" => fi::H_REFUND_REQUESTED,
        "refund_approved" => fi::H_REFUND_APPROVED,
        "refund_rejected" => fi::H_REFUND_REJECTED,
        _ => return None,
    })
}

/// Who did it: the organizer member by name, else the kind of actor.
fn actor_text(h: &OrderHistoryEntry, lang: Lang) -> String {
    let kind = match h.actor {
        ActorKind::Buyer => sa::ACTOR_BUYER,
        ActorKind::Organizer => sa::ACTOR_ORGANIZER,
        ActorKind::System => sa::ACTOR_SYSTEM,
        ActorKind::Gateway => sa::ACTOR_GATEWAY,
    };
    match &h.actor_name {
        Some(name) => format!("{name} ({})", kind.get(lang)),
        None => kind.get(lang).to_owned(),
    }
}

/// A history note as people read it: a new hold end as a date, a payment method by its name, an
/// approved refund's amount in the order's currency; other notes (an organizer's reason) as
/// written.
fn note_text(h: &OrderHistoryEntry, tz: &str, currency: Currency, lang: Lang) -> Option<String> {
    let note = h.note.as_deref()?.trim();
    if note.is_empty() {
        return None;
    }
    if h.kind == "refund_approved"
        && let Ok(amount) = note.parse::<rust_decimal::Decimal>()
    {
        return Some(format_money(&Money { amount, currency }, lang));
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(note) {
        let at = at.with_timezone(&chrono::Utc);
        return Some(sa::HELD_UNTIL.fill(lang, &[("at", &format_short(&at, tz, lang))]));
    }
    if let Some(method) = PaymentMethod::parse(note) {
        return Some(match method {
            PaymentMethod::Test => co::METHOD_TEST.get(lang).to_owned(),
            // Brand names are not translated.
            PaymentMethod::Campay => "CamPay".to_owned(),
            PaymentMethod::Pawapay => "pawaPay".to_owned(),
            PaymentMethod::Flutterwave => "Flutterwave".to_owned(),
        });
    }
    Some(note.to_owned())
}

#[component]
pub fn BookingPage() -> impl IntoView {
    let ctx = use_org();
    let params = use_params_map();
    let order_id = Memo::new(move |_| {
        params
            .read()
            .get("order_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    let detail = RwSignal::new(None::<OrderDetail>);
    let failed = RwSignal::new(None::<ApiError>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = order_id.get() else { return };
        failed.set(None);
        spawn_local(async move {
            match api::orders::get_org_order(org_id, id).await {
                Ok(d) => detail.set(Some(d)),
                Err(e) => failed.set(Some(e)),
            }
        });
    });
    let loaded = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.order.id)));
    view! {
        <PageTitle tr=sa::BOOKING />
        {move || match (order_id.get(), failed.get(), loaded.get()) {
            (None, _, _) => view! { <NotFound /> }.into_any(),
            (_, Some(e), None) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
            (_, Some(e), None) => view! {
                <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
            }
            .into_any(),
            (Some(want), _, Some(have)) if want == have => view! { <Booking org_id detail /> }.into_any(),
            _ => view! { <Loading /> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn Booking(org_id: Uuid, detail: RwSignal<Option<OrderDetail>>) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let Some(first) = detail.get_untracked() else {
        return ().into_any();
    };
    let can_manage = ctx.can(Permission::ManageSales);
    let order_id = first.order.id;
    let currency = first.order.price.total.currency;
    let event_id = first.order.event.id;
    let tz = StoredValue::new(first.order.event.timezone.clone());
    let d = Signal::derive(move || detail.get().unwrap_or_else(|| first.clone()));
    let order = Signal::derive(move || d.get().order);
    let status = Signal::derive(move || order.get().status);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let confirm_cancel = RwSignal::new(false);

    let on_resend = move |_| {
        busy.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::orders::resend_order_tickets(org_id, order_id).await {
                Ok(()) => {
                    let email = order.get_untracked().buyer.email;
                    flash.set(Some(Flash::fill(sa::RESENT, "email", email)));
                    // The history gains a line.
                    if let Ok(fresh) = api::orders::get_org_order(org_id, order_id).await {
                        detail.set(Some(fresh));
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let on_cancel = Callback::new(move |()| {
        let why = reason.get_untracked().trim().to_owned();
        busy.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            let body = CancelOrder {
                reason: (!why.is_empty()).then_some(why),
            };
            match api::orders::cancel_org_order(org_id, order_id, &body).await {
                Ok(fresh) => {
                    detail.set(Some(fresh));
                    reason.set(String::new());
                    flash.set(Some(Flash::new(sa::CANCELLED_DONE)));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    });

    // Refunds: the valid tickets no open refund holds, all chosen when the dialog opens.
    let refundable = Memo::new(move |_| {
        order.with(|o| {
            if o.status == OrderStatus::Confirmed {
                refundable_tickets(o)
            } else {
                Vec::new()
            }
        })
    });
    let refund_open = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::new());
    let refund_reason = RwSignal::new(String::new());
    let refund_pending = RwSignal::new(false);
    let refund_error: ErrSignal = RwSignal::new(None);
    let open_refund = move |_| {
        chosen.set(refundable.get_untracked().iter().map(|t| t.id).collect());
        refund_reason.set(String::new());
        refund_error.set(None);
        refund_open.set(true);
    };
    let on_refund = Callback::new(move |()| {
        let ticket_ids = chosen.get_untracked();
        if ticket_ids.is_empty() {
            refund_error.set(Some(ApiError::invalid_field("ticket_ids", "none_chosen")));
            return;
        }
        let why = refund_reason.get_untracked().trim().to_owned();
        let body = CreateRefund {
            ticket_ids,
            reason: (!why.is_empty()).then_some(why),
        };
        let key = Uuid::new_v4().to_string();
        refund_pending.set(true);
        refund_error.set(None);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::finance::create_order_refund(org_id, order_id, &body, &key).await {
                Ok(refund) => {
                    refund_open.set(false);
                    let amount = refund.amount;
                    flash.set(Some(Flash::with(move |l| {
                        fi::REFUND_CREATED.fill(l, &[("amount", &format_money(&amount, l))])
                    })));
                    if let Ok(fresh) = api::orders::get_org_order(org_id, order_id).await {
                        detail.set(Some(fresh));
                    }
                }
                Err(e) => refund_error.set(Some(e)),
            }
            refund_pending.set(false);
        });
    });

    let history_line = move |h: OrderHistoryEntry, l: Lang| {
        let what = kind_text(&h.kind)
            .map(|tr| tr.get(l).to_owned())
            .unwrap_or_else(|| h.kind.replace('_', " "));
        let change = match (h.from_status, h.to_status) {
            (Some(a), Some(b)) if a != b => Some(format!(
                "{} → {}",
                order_status_text(a).get(l),
                order_status_text(b).get(l)
            )),
            (None, Some(b)) => Some(order_status_text(b).get(l).to_owned()),
            _ => None,
        };
        view! {
            <li class="relative space-y-1 border-l-2 border-emerald-600 pb-4 pl-4 last:pb-0">
                <p class="font-medium text-gray-900">{what}</p>
                <p class="text-sm text-gray-700">
                    {format_short(&h.at, &tz.get_value(), l)} " · " {actor_text(&h, l)}
                    {change.map(|c| format!(" · {c}"))}
                </p>
                {note_text(&h, &tz.get_value(), currency, l).map(|n| view! { <p class="text-sm italic text-gray-800">{n}</p> })}
            </li>
        }
    };

    view! {
        <section class="mx-auto max-w-4xl space-y-6">
            <a href=format!("/orgs/{org_id}/events/{event_id}/bookings") class=LINK>"← " {t(sa::BACK_TO_BOOKINGS)}</a>
            <header class="flex flex-wrap items-start justify-between gap-4">
                <div class="flex flex-wrap items-center gap-3">
                    <h1 class="text-2xl font-bold text-gray-900">
                        {move || sa::BOOKING_REF.fill(lang.get(), &[("reference", &order.get().reference)])}
                    </h1>
                    <OrderStatusBadge status />
                </div>
                <Show when=move || can_manage>
                    <div class="flex flex-wrap gap-3">
                        <Show when=move || status.get() == OrderStatus::Confirmed>
                            <button type="button" class=SECONDARY disabled=move || busy.get() on:click=on_resend>
                                {t(sa::RESEND_TICKETS)}
                            </button>
                        </Show>
                        <Show when=move || refundable.with(|r| !r.is_empty())>
                            <button type="button" class=SECONDARY disabled=move || busy.get() on:click=open_refund>
                                {t(fi::REFUND)}
                            </button>
                        </Show>
                        <Show when=move || matches!(status.get(), OrderStatus::Pending | OrderStatus::Confirmed)>
                            <button type="button" class=DANGER disabled=move || busy.get() on:click=move |_| confirm_cancel.set(true)>
                                {t(sa::CANCEL_BOOKING)}
                            </button>
                        </Show>
                    </div>
                </Show>
            </header>
            <ErrorAlert error />
            <FlashMessage flash />
            <EventCard order />
            <div class="grid gap-6 md:grid-cols-2">
                <section aria-labelledby="booking-buyer-heading" class=CARD>
                    <h2 id="booking-buyer-heading" class="text-lg font-semibold text-gray-900">{t(co::BUYER)}</h2>
                    <p class="text-gray-900">{move || order.get().buyer.name}</p>
                    <p class="text-gray-800">{move || order.get().buyer.email}</p>
                    {move || order.get().buyer.phone.map(|p| view! { <p class="text-gray-800">{p}</p> })}
                    <p class="text-sm text-gray-700">
                        {move || {
                            let o = order.get();
                            sa::CREATED_AT.fill(lang.get(), &[("at", &format_short(&o.created_at, &tz.get_value(), lang.get()))])
                        }}
                    </p>
                </section>
                <section aria-labelledby="booking-price-heading" class=CARD>
                    <h2 id="booking-price-heading" class="text-lg font-semibold text-gray-900">{t(co::ORDER_SUMMARY)}</h2>
                    <PriceSummary price=Signal::derive(move || order.get().price) />
                </section>
            </div>
            <Show when=move || order.with(|o| !o.tickets.is_empty())>
                <section aria-labelledby="booking-tickets-heading" class=CARD>
                    <h2 id="booking-tickets-heading" class="text-lg font-semibold text-gray-900">{t(co::TICKETS)}</h2>
                    <div role="region" aria-labelledby="booking-tickets-heading" tabindex="0" class="overflow-x-auto focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
                        <table class="min-w-full divide-y divide-gray-200">
                            <thead class="bg-gray-50">
                                <tr>
                                    <th scope="col" class=TH>{t(co::TICKET_CODE)}</th>
                                    <th scope="col" class=TH>{t(sa::TICKET_TYPE)}</th>
                                    <th scope="col" class=TH>{t(sa::ATTENDEE)}</th>
                                    <th scope="col" class=TH>{t(sa::STATUS)}</th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-gray-200">
                                {move || {
                                    let l = lang.get();
                                    order
                                        .get()
                                        .tickets
                                        .into_iter()
                                        .map(|tk| {
                                            let st = match tk.status {
                                                TicketStatus::Valid => sa::TICKET_VALID,
                                                TicketStatus::Cancelled => co::TICKET_CANCELLED,
                                                TicketStatus::Refunded => fi::TICKET_REFUNDED,
                                            };
                                            view! {
                                                <tr>
                                                    <td class=format!("{TD} font-mono")>{tk.code}</td>
                                                    <td class=TD>{tk.ticket_type_name.get(l).to_owned()}</td>
                                                    <td class=TD>{tk.attendee_name}</td>
                                                    <td class=TD>{st.get(l)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                </section>
            </Show>
            <Payments order />
            <OrderRefunds order />
            <section aria-labelledby="booking-history-heading" class=CARD>
                <h2 id="booking-history-heading" class="text-lg font-semibold text-gray-900">{t(sa::HISTORY)}</h2>
                <ol class="space-y-0" aria-labelledby="booking-history-heading">
                    {move || {
                        let l = lang.get();
                        d.get().history.into_iter().map(|h| history_line(h, l)).collect_view()
                    }}
                </ol>
            </section>
            <RefundDialog
                id="refund-booking-dialog"
                open=refund_open
                title=Signal::derive(move || fi::REFUND_TITLE.fill(lang.get(), &[("reference", &order.get().reference)]))
                message=Signal::derive(move || fi::REFUND_TEXT.get(lang.get()).to_owned())
                tickets=Signal::derive(move || refundable.get())
                chosen
                reason=refund_reason
                reason_hint=fi::REASON_HINT_ORGANIZER
                submit_label=fi::REFUND_TICKETS
                danger=true
                pending=refund_pending
                error=refund_error
                on_submit=on_refund
            />
            <ConfirmDialog
                id="cancel-booking-dialog"
                open=confirm_cancel
                title=Signal::derive(move || sa::CANCEL_BOOKING_TITLE.fill(lang.get(), &[("reference", &order.get().reference)]))
                message=Signal::derive(move || sa::CANCEL_BOOKING_TEXT.get(lang.get()).to_owned())
                confirm_label=sa::CANCEL_BOOKING
                danger=true
                on_confirm=on_cancel
            >
                <TextAreaField id="cancel-reason" label=sa::CANCEL_REASON value=reason hint=sa::CANCEL_REASON_HINT rows=3 />
            </ConfirmDialog>
        </section>
    }
    .into_any()
}
