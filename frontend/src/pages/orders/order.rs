//! `/orders/:order_id?token=`: the buyer's order page, reachable without an account through the
//! emailed link. Pending: a countdown to `expires_at`, the breakdown, the payment methods the
//! order offers (a number, and for pawaPay a network, for mobile money), "Pay" and "Cancel
//! order"; a mobile-money payment without a gateway page asks to approve it on the phone; at zero the order is read again (the server expires the hold) and shows
//! "Reservation expired". Confirmed: the event (with its online link), each ticket with its QR
//! code, and "Download PDF"; while the event's refund policy allows it, "Request a refund" (pick
//! tickets, give a reason). Refunded tickets say so, and the order's refunds are listed with
//! their status. Expired and cancelled orders link back to the event. Payments are listed, a
//! declined one with "try again".

use chrono::Utc;
use common::ErrorCode;
use common::finance::CreateRefund;
use common::orders::{Order, OrderStatus, PaymentStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

use super::invoices::OrderInvoices;
use super::order_parts::{
    EventCard, MethodPicker, PayChoice, Payments, awaiting_phone, dial_code, dial_href,
};
use super::refunds::{OrderRefunds, RefundDialog, refundable_tickets};
use super::ticket_cards::TicketCards;
use crate::api::{self, ApiError};
use crate::components::badge::OrderStatusBadge;
use crate::components::breakdown::PriceSummary;
use crate::components::button::{LINK, PRIMARY, SECONDARY};
use crate::components::status::LoadError;
use crate::components::{
    ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, Loading, NotFound, PageTitle,
};
use crate::i18n::{checkout as co, finance as fi, t, use_lang};
use crate::money::format_money;
use crate::time::format_datetime;
use crate::util::{app_path, go_external};

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

/// `mm:ss` (or `h:mm:ss`) left until `seconds` run out.
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let order_id = Memo::new(move |_| {
        params
            .read()
            .get("order_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    let order = RwSignal::new(None::<Order>);
    let failed = RwSignal::new(None::<ApiError>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = order_id.get() else { return };
        let tok = token.get();
        failed.set(None);
        spawn_local(async move {
            match api::orders::get_order(id, tok.as_deref()).await {
                Ok(o) => order.set(Some(o)),
                Err(e) => failed.set(Some(e)),
            }
        });
    });
    let loaded = Memo::new(move |_| order.with(|o| o.as_ref().map(|o| o.id)));

    view! {
        <PageTitle tr=co::ORDER_TITLE />
        {move || match (order_id.get(), failed.get(), loaded.get()) {
            (None, _, _) => view! { <NotFound /> }.into_any(),
            (_, Some(e), None) if e.is(ErrorCode::NotFound) || e.is(ErrorCode::InvalidToken) => {
                view! { <NotFound /> }.into_any()
            }
            (_, Some(e), None) => view! {
                <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
            }
            .into_any(),
            (Some(_), _, Some(_)) => view! { <OrderView order token=token.get_untracked() /> }.into_any(),
            _ => view! { <Loading /> }.into_any(),
        }}
    }
}

#[component]
fn OrderView(order: RwSignal<Option<Order>>, token: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let token = StoredValue::new(token);
    let Some(first) = order.get_untracked() else {
        return ().into_any();
    };
    let id = first.id;
    let choice = PayChoice::new(&first);
    let slug = first.event.slug.clone();
    let status = Signal::derive(move || {
        order.with(|o| o.as_ref().map(|o| o.status).unwrap_or(OrderStatus::Pending))
    });
    let error: ErrSignal = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let refreshing = StoredValue::new(false);
    let refresh = move || {
        if refreshing.get_value() {
            return;
        }
        refreshing.set_value(true);
        spawn_local(async move {
            if let Ok(o) = api::orders::get_order(id, token.get_value().as_deref()).await {
                order.set(Some(o));
            }
            refreshing.set_value(false);
        });
    };

    // A one-second clock while the order is pending: the countdown, a re-read once the hold ran
    // out (the server expires it), and every few seconds while a payment is being processed.
    let now = RwSignal::new(Utc::now());
    let ticks = StoredValue::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if status.get_untracked() != OrderStatus::Pending {
                return;
            }
            now.set(Utc::now());
            ticks.update_value(|n| *n += 1);
            let (expired, paying) = order.with_untracked(|o| {
                o.as_ref().map_or((false, false), |o| {
                    (
                        o.expires_at.is_some_and(|at| at <= Utc::now()),
                        o.payments
                            .last()
                            .is_some_and(|p| p.status == PaymentStatus::Pending),
                    )
                })
            });
            let every = if expired { 2 } else { 4 };
            if (expired || paying) && ticks.get_value().is_multiple_of(every) {
                refresh();
            }
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let left = move || {
        order.with(|o| {
            o.as_ref()
                .and_then(|o| o.expires_at)
                .map(|at| (at - now.get()).num_seconds().max(0))
        })
    };

    let pay_navigate = navigate.clone();
    let on_pay = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = pay_navigate.clone();
        let method = order.with_untracked(|o| {
            choice.current_untracked(
                o.as_ref()
                    .map(|o| o.payment_methods.as_slice())
                    .unwrap_or(&[]),
            )
        });
        let body = choice.body(method);
        spawn_local(async move {
            match api::orders::start_payment(id, token.get_value().as_deref(), &body).await {
                Ok(p) => match p.redirect_url {
                    Some(url) => match app_path(&url) {
                        Some(path) => navigate(&path, Default::default()),
                        None => go_external(&url),
                    },
                    None => refresh(),
                },
                Err(e) => {
                    if e.is(ErrorCode::HoldExpired) {
                        refresh();
                    }
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    let confirm_cancel = RwSignal::new(false);
    let on_cancel = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::orders::cancel_order(id, token.get_value().as_deref()).await {
                Ok(o) => order.set(Some(o)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    });

    let heading = move || {
        let tr = match status.get() {
            OrderStatus::Pending => co::PENDING_HEADING,
            OrderStatus::Confirmed => co::CONFIRMED_HEADING,
            OrderStatus::Expired => co::EXPIRED_HEADING,
            OrderStatus::Cancelled => co::CANCELLED_HEADING,
        };
        tr.get(lang.get())
    };
    let o = Signal::derive(move || order.get().unwrap_or_else(|| first.clone()));
    let event_link = format!("/e/{slug}");

    // Refund requests: open while the policy's window is (the server says until when).
    let flash = RwSignal::new(None::<Flash>);
    let refundable = Memo::new(move |_| {
        o.with(|o| {
            if o.status != OrderStatus::Confirmed
                || o.refundable_until.is_none_or(|u| u <= Utc::now())
            {
                Vec::new()
            } else {
                refundable_tickets(o)
            }
        })
    });
    let refund_open = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::new());
    let reason = RwSignal::new(String::new());
    let refund_pending = RwSignal::new(false);
    let refund_error: ErrSignal = RwSignal::new(None);
    let open_refund = move |_| {
        chosen.set(refundable.get_untracked().iter().map(|t| t.id).collect());
        reason.set(String::new());
        refund_error.set(None);
        refund_open.set(true);
    };
    let on_refund = Callback::new(move |()| {
        let ticket_ids = chosen.get_untracked();
        if ticket_ids.is_empty() {
            refund_error.set(Some(ApiError::invalid_field("ticket_ids", "none_chosen")));
            return;
        }
        let why = reason.get_untracked().trim().to_owned();
        let body = CreateRefund {
            ticket_ids,
            reason: (!why.is_empty()).then_some(why),
        };
        let key = Uuid::new_v4().to_string();
        refund_pending.set(true);
        refund_error.set(None);
        flash.set(None);
        spawn_local(async move {
            let tok = token.get_value();
            match api::finance::request_refund(id, tok.as_deref(), &body, &key).await {
                Ok(_) => {
                    refund_open.set(false);
                    flash.set(Some(Flash::new(fi::REFUND_REQUESTED)));
                    if let Ok(fresh) = api::orders::get_order(id, tok.as_deref()).await {
                        order.set(Some(fresh));
                    }
                }
                Err(e) => refund_error.set(Some(e)),
            }
            refund_pending.set(false);
        });
    });

    view! {
        <section class="mx-auto max-w-4xl space-y-6">
            <header class="space-y-2">
                <div class="flex flex-wrap items-center gap-3">
                    <h1 class="text-2xl font-bold text-gray-900">{heading}</h1>
                    <OrderStatusBadge status />
                </div>
                <p class="text-sm text-gray-700">
                    {move || co::REFERENCE.fill(lang.get(), &[("reference", &o.get().reference)])}
                </p>
            </header>
            <ErrorAlert error />
            <FlashMessage flash />
            {move || match status.get() {
                OrderStatus::Pending => view! {
                    <div class="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-5">
                        <p class="text-amber-950">
                            {t(co::HELD_FOR)} " "
                            <span role="timer" class="font-mono text-xl font-bold tabular-nums" aria-atomic="true">
                                {move || left().map(clock).unwrap_or_default()}
                            </span>
                        </p>
                        {move || {
                            let o = o.get();
                            o.payments
                                .last()
                                .filter(|p| p.status == PaymentStatus::Failed)
                                .map(|_| view! {
                                    <p role="alert" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm font-medium text-red-900">
                                        {t(co::PAYMENT_DECLINED_RETRY)}
                                    </p>
                                })
                        }}
                        {move || awaiting_phone(&o.get()).then(|| view! {
                            <div role="status" class="rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950">
                                <p class="font-semibold">{t(co::APPROVE_ON_PHONE)}</p>
                                {move || dial_code(&o.get()).map(|code| {
                                    // "Dial {code} to confirm" with the code as a link that dials it.
                                    let text = co::DIAL_TO_CONFIRM.get(lang.get());
                                    let (before, after) = text.split_once("{code}").unwrap_or((text, ""));
                                    view! {
                                        <p data-testid="dial-code">
                                            {before}
                                            <a href=dial_href(&code) class="font-mono text-lg font-bold text-sky-950 underline underline-offset-2">{code.clone()}</a>
                                            {after}
                                        </p>
                                    }
                                })}
                                <p class="text-sm">{t(co::APPROVE_ON_PHONE_HINT)}</p>
                            </div>
                        })}
                        <MethodPicker order=o choice error />
                        <div class="flex flex-wrap gap-3">
                            <button type="button" class=PRIMARY disabled=move || busy.get() on:click=on_pay.clone()>
                                {move || co::PAY.fill(lang.get(), &[("total", &format_money(&o.get().price.total, lang.get()))])}
                            </button>
                            <button type="button" class=SECONDARY disabled=move || busy.get() on:click=move |_| confirm_cancel.set(true)>
                                {t(co::CANCEL_ORDER)}
                            </button>
                        </div>
                    </div>
                }
                .into_any(),
                OrderStatus::Expired => view! {
                    <div role="status" class="space-y-2 rounded-lg border border-gray-300 bg-gray-100 p-5">
                        <p class="font-semibold text-gray-900">{t(co::EXPIRED_TEXT)}</p>
                        <a href=event_link.clone() class=LINK>{t(co::BACK_TO_EVENT)}</a>
                    </div>
                }
                .into_any(),
                OrderStatus::Cancelled => view! {
                    <div role="status" class="space-y-2 rounded-lg border border-gray-300 bg-gray-100 p-5">
                        <p class="font-semibold text-gray-900">{t(co::CANCELLED_TEXT)}</p>
                        <a href=event_link.clone() class=LINK>{t(co::BACK_TO_EVENT)}</a>
                    </div>
                }
                .into_any(),
                OrderStatus::Confirmed => view! {
                    <div class="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-5">
                        <p class="text-emerald-950">
                            {move || co::CONFIRMED_TEXT.fill(lang.get(), &[("email", &o.get().buyer.email)])}
                        </p>
                        {move || o.get().pdf_url.map(|href| view! {
                            <a href=href class=PRIMARY download="">{t(co::DOWNLOAD_PDF)}</a>
                        })}
                    </div>
                }
                .into_any(),
            }}
            <EventCard order=o />
            {move || {
                let o = o.get();
                (o.status == OrderStatus::Confirmed && !o.tickets.is_empty())
                    .then(|| view! {
                        <section aria-labelledby="order-tickets-heading" class="space-y-3">
                            <h2 id="order-tickets-heading" class="text-lg font-semibold text-gray-900">{t(co::TICKETS)}</h2>
                            <TicketCards tickets=o.tickets />
                        </section>
                    })
            }}
            <Show when=move || refundable.with(|r| !r.is_empty())>
                <div class="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
                    <p class="text-gray-800">
                        {move || {
                            let o = o.get();
                            let until = o
                                .refundable_until
                                .map(|u| format_datetime(&u, Some(&o.event.timezone), lang.get()))
                                .unwrap_or_default();
                            fi::REFUNDABLE_UNTIL.fill(lang.get(), &[("at", &until)])
                        }}
                    </p>
                    <button type="button" class=SECONDARY on:click=open_refund>{t(fi::REQUEST_REFUND)}</button>
                </div>
            </Show>
            <OrderRefunds order=o />
            <OrderInvoices order=o />
            <div class="grid gap-6 md:grid-cols-2">
                <section aria-labelledby="order-price-heading" class=CARD>
                    <h2 id="order-price-heading" class="text-lg font-semibold text-gray-900">{t(co::ORDER_SUMMARY)}</h2>
                    <PriceSummary price=Signal::derive(move || o.get().price) />
                </section>
                <section aria-labelledby="order-buyer-heading" class=CARD>
                    <h2 id="order-buyer-heading" class="text-lg font-semibold text-gray-900">{t(co::BUYER)}</h2>
                    <p class="text-gray-900">{move || o.get().buyer.name}</p>
                    <p class="text-gray-800">{move || o.get().buyer.email}</p>
                    {move || o.get().buyer.phone.map(|p| view! { <p class="text-gray-800">{p}</p> })}
                </section>
            </div>
            <Payments order=o />
            <RefundDialog
                id="refund-request-dialog"
                open=refund_open
                title=Signal::derive(move || fi::REQUEST_REFUND.get(lang.get()).to_owned())
                message=Signal::derive(move || fi::REQUEST_REFUND_TEXT.get(lang.get()).to_owned())
                tickets=Signal::derive(move || refundable.get())
                chosen
                reason
                reason_hint=fi::REASON_HINT_BUYER
                submit_label=fi::SEND_REQUEST
                pending=refund_pending
                error=refund_error
                on_submit=on_refund
            />
            <ConfirmDialog
                id="cancel-order-dialog"
                open=confirm_cancel
                title=Signal::derive(move || co::CANCEL_ORDER_TITLE.get(lang.get()).to_owned())
                message=Signal::derive(move || co::CANCEL_ORDER_TEXT.get(lang.get()).to_owned())
                confirm_label=co::CANCEL_ORDER
                danger=true
                on_confirm=on_cancel
            />
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn the_countdown_reads_minutes_and_seconds() {
        assert_eq!(clock(899), "14:59");
        assert_eq!(clock(5), "00:05");
        assert_eq!(clock(-3), "00:00");
        assert_eq!(clock(3_725), "1:02:05");
    }
}
