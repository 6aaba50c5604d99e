//! Parts of an order shown to buyers and organizers alike: the event card (with the online link
//! once confirmed) and the list of payments; and the buyer's payment method picker.

use common::orders::{Order, OrderStatus, PaymentMethod, PaymentStatus, StartPayment};
use leptos::prelude::*;

use crate::components::button::LINK;
use crate::components::field::{HINT, LABEL};
use crate::components::{ErrSignal, SelectField, TextField};
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
                                let method = method_name(p.method, l);
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

/// A method's name: brand names are not translated.
pub fn method_name(method: PaymentMethod, lang: common::Lang) -> &'static str {
    match method {
        PaymentMethod::Test => co::METHOD_TEST.get(lang),
        PaymentMethod::Campay => "CamPay",
        PaymentMethod::Pawapay => "pawaPay",
        PaymentMethod::Flutterwave => "Flutterwave",
    }
}

/// Whether the method charges a mobile-money number (and so asks for one).
pub fn is_mobile_money(method: PaymentMethod) -> bool {
    matches!(method, PaymentMethod::Campay | PaymentMethod::Pawapay)
}

/// The networks the API accepts as `operator` (value, name shown).
pub const OPERATORS: [(&str, &str); 10] = [
    ("mtn", "MTN"),
    ("orange", "Orange"),
    ("airtel", "Airtel"),
    ("moov", "Moov"),
    ("wave", "Wave"),
    ("mpesa", "M-Pesa"),
    ("vodafone", "Vodafone"),
    ("free", "Free"),
    ("zamtel", "Zamtel"),
    ("tigo", "Tigo"),
];

/// What the buyer chose to pay with: the method, and for mobile money the number and network.
#[derive(Clone, Copy)]
pub struct PayChoice {
    pub method: RwSignal<Option<PaymentMethod>>,
    pub phone: RwSignal<String>,
    pub operator: RwSignal<String>,
}

impl PayChoice {
    /// Prefilled with the order's phone; no method picked yet (the first offered is used).
    pub fn new(order: &Order) -> Self {
        PayChoice {
            method: RwSignal::new(None),
            phone: RwSignal::new(order.buyer.phone.clone().unwrap_or_default()),
            operator: RwSignal::new(String::new()),
        }
    }

    /// The picked method, else the first the order offers, else the test gateway.
    pub fn current(&self, offered: &[PaymentMethod]) -> PaymentMethod {
        Self::pick(self.method.get(), offered)
    }

    /// [`PayChoice::current`] without tracking (in event handlers).
    pub fn current_untracked(&self, offered: &[PaymentMethod]) -> PaymentMethod {
        Self::pick(self.method.get_untracked(), offered)
    }

    fn pick(picked: Option<PaymentMethod>, offered: &[PaymentMethod]) -> PaymentMethod {
        picked
            .filter(|m| offered.contains(m))
            .or_else(|| offered.first().copied())
            .unwrap_or(PaymentMethod::Test)
    }

    /// The request for `method`: a phone (and for pawaPay an operator) only for mobile money.
    pub fn body(&self, method: PaymentMethod) -> StartPayment {
        let given = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mobile = is_mobile_money(method);
        StartPayment {
            method,
            phone: given(self.phone.get_untracked()).filter(|_| mobile),
            operator: given(self.operator.get_untracked())
                .filter(|_| method == PaymentMethod::Pawapay),
        }
    }
}

/// The radio group of the methods that can pay the order, with the number (and network) for
/// mobile money; the API's `phone` and `operator` errors show under their fields.
#[component]
pub fn MethodPicker(
    #[prop(into)] order: Signal<Order>,
    choice: PayChoice,
    error: ErrSignal,
) -> impl IntoView {
    let lang = use_lang();
    let offered = Memo::new(move |_| order.with(|o| o.payment_methods.clone()));
    let current = Memo::new(move |_| choice.current(&offered.get()));
    let operators = Signal::derive(move || {
        let auto = (String::new(), co::OPERATOR_AUTO.get(lang.get()).to_owned());
        std::iter::once(auto)
            .chain(
                OPERATORS
                    .iter()
                    .map(|(v, n)| ((*v).to_owned(), (*n).to_owned())),
            )
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !offered.get().is_empty()>
            <fieldset class="space-y-2">
                <legend class=LABEL>{t(co::PAY_WITH)}</legend>
                <div class="flex flex-wrap gap-3">
                    {move || {
                        offered
                            .get()
                            .into_iter()
                            .map(|m| {
                                let id = format!("pay-method-{}", m.as_str());
                                let label_for = id.clone();
                                let hint = match m {
                                    PaymentMethod::Test => None,
                                    PaymentMethod::Campay | PaymentMethod::Pawapay => Some(co::MOBILE_MONEY),
                                    PaymentMethod::Flutterwave => Some(co::CARD_OR_MOBILE_MONEY),
                                };
                                view! {
                                    <label
                                        for=label_for
                                        class="flex cursor-pointer items-center gap-2 rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-900 has-[:checked]:border-emerald-600 has-[:checked]:ring-2 has-[:checked]:ring-emerald-600/40"
                                    >
                                        <input
                                            id=id
                                            type="radio"
                                            name="payment-method"
                                            value=m.as_str()
                                            class="accent-emerald-700"
                                            prop:checked=move || current.get() == m
                                            on:change=move |_| {
                                                choice.method.set(Some(m));
                                                error.set(None);
                                            }
                                        />
                                        <span class="font-medium">{move || method_name(m, lang.get())}</span>
                                        {hint.map(|h| view! { <span class=HINT>{t(h)}</span> })}
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </Show>
        <Show when=move || is_mobile_money(current.get())>
            <div class="grid gap-3 sm:grid-cols-2">
                <TextField
                    id="pay-phone"
                    label=co::PAY_PHONE
                    value=choice.phone
                    field="phone"
                    error=error
                    kind="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    hint=co::PHONE_HINT
                />
                <Show when=move || current.get() == PaymentMethod::Pawapay>
                    <SelectField
                        id="pay-operator"
                        label=co::OPERATOR
                        value=choice.operator
                        options=operators
                        field="operator"
                        error=error
                    />
                </Show>
            </div>
        </Show>
    }
}

/// The latest payment when it waits for the buyer to approve it on their phone (mobile money
/// charged without a gateway page).
pub fn awaiting_phone(order: &Order) -> bool {
    order.payments.last().is_some_and(|p| {
        p.status == PaymentStatus::Pending && is_mobile_money(p.method) && p.redirect_url.is_none()
    })
}

/// The code the payer dials to confirm a pending mobile-money payment (CamPay's USSD code), when
/// the gateway gave one.
pub fn dial_code(order: &Order) -> Option<String> {
    if !awaiting_phone(order) {
        return None;
    }
    order
        .payments
        .last()?
        .dial_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
}

/// A `tel:` link that dials a USSD code (`#` must be escaped in a URI).
pub fn dial_href(code: &str) -> String {
    format!("tel:{}", code.replace('#', "%23"))
}

#[cfg(test)]
mod tests {
    use super::{PayChoice, dial_href, is_mobile_money};
    use common::orders::PaymentMethod as M;

    #[test]
    fn the_picked_method_counts_only_when_offered() {
        assert_eq!(PayChoice::pick(None, &[M::Campay, M::Test]), M::Campay);
        assert_eq!(
            PayChoice::pick(Some(M::Test), &[M::Campay, M::Test]),
            M::Test
        );
        assert_eq!(
            PayChoice::pick(Some(M::Pawapay), &[M::Flutterwave]),
            M::Flutterwave
        );
        assert_eq!(PayChoice::pick(None, &[]), M::Test);
    }

    #[test]
    fn a_ussd_code_dials_from_a_link() {
        assert_eq!(dial_href("*126#"), "tel:*126%23");
        assert_eq!(dial_href("#150*50#"), "tel:%23150*50%23");
    }

    #[test]
    fn only_campay_and_pawapay_ask_for_a_number() {
        assert!(is_mobile_money(M::Campay) && is_mobile_money(M::Pawapay));
        assert!(!is_mobile_money(M::Test) && !is_mobile_money(M::Flutterwave));
    }
}
