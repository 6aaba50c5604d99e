//! Parts of an order shown to buyers and organizers alike: the event card (with the online link
//! once confirmed) and the list of payments.

use common::orders::{Order, OrderStatus, PaymentMethod, PaymentStatus};
use leptos::prelude::*;

use crate::components::button::LINK;
use crate::i18n::{checkout as co, t, use_lang};
use crate::money::format_money;
use crate::time::{format_datetime, format_range};

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

/// The event the order is for: title (linking to its page), dates in its time zone, venue, and
/// the online link once the order is confirmed.
#[component]
pub fn EventCard(#[prop(into)] order: Signal<Order>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="order-event-heading" class=CARD>
            <h2 id="order-event-heading" class="text-lg font-semibold text-gray-900">
                {move || {
                    let o = order.get();
                    view! { <a href=format!("/e/{}", o.event.slug) class=LINK>{o.event.title.get(lang.get()).to_owned()}</a> }
                }}
            </h2>
            <p class="text-gray-800">
                {move || {
                    let e = order.get().event;
                    format_range(&e.starts_at, &e.ends_at, Some(&e.timezone), lang.get())
                }}
            </p>
            {move || {
                let loc = order.get().event.location;
                let place: Vec<String> = [loc.venue_name, loc.address, loc.city].into_iter().flatten().collect();
                (!place.is_empty()).then(|| view! { <p class="text-gray-800">{place.join(", ")}</p> })
            }}
            {move || {
                let o = order.get();
                let url = o.event.location.online_url.filter(|_| o.status == OrderStatus::Confirmed);
                url.map(|href| view! {
                    <p class="text-gray-800">
                        {t(co::ONLINE_LINK)} ": "
                        <a href=href.clone() class=LINK target="_blank" rel="noopener noreferrer">{href.clone()}</a>
                    </p>
                })
            }}
        </section>
    }
}

#[component]
pub fn Payments(#[prop(into)] order: Signal<Order>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || order.with(|o| !o.payments.is_empty())>
            <section aria-labelledby="order-payments-heading" class=CARD>
                <h2 id="order-payments-heading" class="text-lg font-semibold text-gray-900">{t(co::PAYMENTS)}</h2>
                <ul class="divide-y divide-gray-200">
                    {move || {
                        let l = lang.get();
                        let o = order.get();
                        let tz = o.event.timezone.clone();
                        o.payments
                            .into_iter()
                            .rev()
                            .map(|p| {
                                let (text, class) = match p.status {
                                    PaymentStatus::Pending => (co::PAYMENT_PENDING, "text-amber-900"),
                                    PaymentStatus::Succeeded => (co::PAYMENT_SUCCEEDED, "text-emerald-900"),
                                    PaymentStatus::Failed => (co::PAYMENT_FAILED, "text-red-800"),
                                };
                                let method = match p.method {
                                    PaymentMethod::Test => co::METHOD_TEST.get(l),
                                    // Brand names are not translated.
                                    PaymentMethod::Campay => "CamPay",
                                    PaymentMethod::Pawapay => "pawaPay",
                                    PaymentMethod::Flutterwave => "Flutterwave",
                                };
                                view! {
                                    <li class="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                                        <span class="text-gray-800">
                                            {method} " · " {format_datetime(&p.created_at, Some(&tz), l)}
                                        </span>
                                        <span class=format!("font-medium {class}")>
                                            {format_money(&p.amount, l)} " · " {text.get(l)}
                                            {p.failure_reason.map(|r| format!(" ({r})"))}
                                        </span>
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
