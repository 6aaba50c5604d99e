//! The checkout form: the chosen tickets (quantities still adjustable, an optional attendee name
//! per ticket), the buyer (prefilled from the profile when signed in), a coupon with "Apply", and
//! the live price breakdown from `/quote`. Submitting reserves the tickets with an
//! `Idempotency-Key` (the same one on a retry of the same order) and opens the order page.
//! Sold-out answers show by the tickets, coupon answers by the coupon; the form is kept.

use common::ErrorCode;
use common::orders::{BuyerInput, CreateOrder, OrderLineInput, PriceBreakdown, QuoteOrder};
use common::public::{PublicEvent, PublicTicketType};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use super::checkout::{EmptySelection, load_types};
use super::checkout_lines::{Attendees, TicketLine, opt};
use crate::api::{self, ApiError};
use crate::components::breakdown::PriceSummary;
use crate::components::button::{LINK, SMALL_SECONDARY};
use crate::components::field::HINT;
use crate::components::{ErrSignal, ErrorAlert, TextField};
use crate::i18n::{auth, checkout as co, t, use_lang};
use crate::pages::public::tickets::EVENT_BUTTON;
use crate::state::checkout::{self, Selection};
use crate::state::use_session;
use crate::time::format_range;

const CARD: &str = "space-y-4 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

fn is_coupon_error(e: &ApiError) -> bool {
    e.is(ErrorCode::CouponInvalid) || e.is(ErrorCode::CouponExhausted)
}

#[component]
pub fn CheckoutForm(
    slug: String,
    event: PublicEvent,
    types: Vec<PublicTicketType>,
    selection: Selection,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let slug = StoredValue::new(slug);
    let types = RwSignal::new(types);
    // Types no longer offered (or not unlocked any more) are dropped from the selection.
    let mut initial = selection;
    initial
        .items
        .retain(|(id, _)| types.with_untracked(|l| l.iter().any(|t| t.id == *id)));
    let selection = RwSignal::new(initial);
    Effect::new(move |_| selection.with(|s| checkout::save(&slug.get_value(), s)));
    let attendees = Attendees::default();

    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    // Prefilled from the profile once it is known; what the buyer typed wins.
    Effect::new(move |_| {
        session.me.with(|me| {
            if let Some(me) = me {
                if name.get_untracked().is_empty() {
                    name.set(me.name.clone());
                }
                if email.get_untracked().is_empty() {
                    email.set(me.email.clone());
                }
                if phone.get_untracked().is_empty()
                    && let Some(p) = &me.phone
                {
                    phone.set(p.clone());
                }
            }
        })
    });

    let coupon_input = RwSignal::new(String::new());
    let applied = RwSignal::new(None::<String>);
    let coupon_error: ErrSignal = RwSignal::new(None);
    let lines_error: ErrSignal = RwSignal::new(None);
    let form_error: ErrSignal = RwSignal::new(None);
    let quote = RwSignal::new(None::<PriceBreakdown>);
    let quoting = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    // The last order body sent and its key: a retry of the same body reuses the key.
    let attempt = StoredValue::new(None::<(String, String)>);

    let items_of = move |with_names: bool| -> Vec<OrderLineInput> {
        selection.with_untracked(|s| {
            s.items
                .iter()
                .map(|(id, q)| OrderLineInput {
                    ticket_type_id: *id,
                    quantity: *q,
                    attendees: if with_names {
                        attendees.names(*id, *q)
                    } else {
                        Vec::new()
                    },
                })
                .collect()
        })
    };

    // The live quote: again whenever the quantities or the applied coupon change.
    Effect::new(move |_| {
        let code = applied.get();
        let count = selection.with(Selection::count);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if count == 0 {
            quote.set(None);
            return;
        }
        let body = QuoteOrder {
            items: items_of(false),
            coupon_code: code.clone(),
            access_code: selection.with_untracked(|s| s.access_code.clone()),
            email: opt(&email.get_untracked()),
        };
        quoting.set(true);
        spawn_local(async move {
            let result = api::orders::quote_order(&slug.get_value(), &body).await;
            if generation.get_value() != mine {
                return;
            }
            quoting.set(false);
            match result {
                Ok(b) => {
                    lines_error.set(None);
                    quote.set(Some(b));
                }
                Err(e) if code.is_some() && is_coupon_error(&e) => {
                    // The coupon does not fit (any more): say so by the coupon, price without it.
                    coupon_error.set(Some(e));
                    applied.set(None);
                }
                Err(e) => {
                    lines_error.set(Some(e));
                    quote.set(None);
                }
            }
        });
    });

    let on_apply = move |_| {
        let code = coupon_input.get_untracked().trim().to_uppercase();
        if code.is_empty() {
            coupon_error.set(ApiError::invalid(&[("coupon_code", "required")]));
            return;
        }
        coupon_error.set(None);
        applied.set(Some(code));
    };
    let on_remove_coupon = move |_| {
        applied.set(None);
        coupon_error.set(None);
        coupon_input.set(String::new());
    };

    // After a sold-out answer: fresh availability, so the steppers cap at what is left.
    let refresh_types = move || {
        let code = selection.with_untracked(|s| s.access_code.clone());
        spawn_local(async move {
            if let Ok((_, fresh)) = load_types(&slug.get_value(), code).await {
                types.set(fresh);
            }
        });
    };

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (name_v, email_v) = (name.get_untracked(), email.get_untracked());
        let mut problems: Vec<(&str, &str)> = Vec::new();
        if name_v.trim().is_empty() {
            problems.push(("buyer.name", "required"));
        }
        match email_v.trim() {
            "" => problems.push(("buyer.email", "required")),
            e if !e.contains('@') || e.starts_with('@') || e.ends_with('@') => {
                problems.push(("buyer.email", "invalid_email"))
            }
            _ => {}
        }
        if let Some(err) = ApiError::invalid(&problems) {
            form_error.set(Some(err));
            return;
        }
        let body = CreateOrder {
            buyer: BuyerInput {
                name: opt(&name_v),
                email: opt(&email_v),
                phone: opt(&phone.get_untracked()),
            },
            items: items_of(true),
            coupon_code: applied.get_untracked(),
            access_code: selection.with_untracked(|s| s.access_code.clone()),
            language: Some(lang.get_untracked()),
        };
        let json = serde_json::to_string(&body).unwrap_or_default();
        let key = match attempt.get_value() {
            Some((sent, key)) if sent == json => key,
            _ => {
                let key = Uuid::new_v4().to_string();
                attempt.set_value(Some((json, key.clone())));
                key
            }
        };
        form_error.set(None);
        lines_error.set(None);
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let s = slug.get_value();
            match api::orders::create_order(&s, &body, &key).await {
                Ok(order) => {
                    checkout::clear(&s);
                    navigate(
                        &format!(
                            "/orders/{}?token={}",
                            order.id,
                            crate::util::encode(&order.access_token)
                        ),
                        Default::default(),
                    );
                }
                Err(e) if e.is(ErrorCode::SoldOut) || e.is(ErrorCode::HoldLimitReached) => {
                    lines_error.set(Some(e));
                    refresh_types();
                    focus("checkout-tickets-heading");
                }
                Err(e) if is_coupon_error(&e) => {
                    coupon_error.set(Some(e));
                    applied.set(None);
                    focus("coupon-code");
                }
                Err(e) => form_error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let title = event.title.clone();
    let title_text = move || title.get(lang.get()).to_owned();
    let (start, end, tz) = (event.starts_at, event.ends_at, event.timezone.clone());
    let when = move || format_range(&start, &end, Some(&tz), lang.get());
    let free = move || quote.with(|q| q.as_ref().is_some_and(|q| q.total.amount.is_zero()));

    view! {
        <section class="space-y-6">
            <div class="space-y-1">
                <a href=format!("/e/{}", slug.get_value()) class=LINK>"← " {t(co::BACK_TO_EVENT)}</a>
                <h1 class="text-2xl font-bold text-gray-900">{t(co::CHECKOUT_TITLE)}</h1>
                <p class="text-gray-800"><span class="font-semibold">{title_text}</span> " · " {when}</p>
            </div>
            <Show
                when=move || selection.with(|s| s.count() > 0)
                fallback=move || view! { <EmptySelection slug=slug.get_value() no_heading=true /> }
            >
                <form class="grid gap-6 lg:grid-cols-3" novalidate=true on:submit=on_submit.clone()>
                    <div class="space-y-6 lg:col-span-2">
                        <ErrorAlert error=form_error />
                        <section aria-labelledby="checkout-tickets-heading" class=CARD>
                            <h2 id="checkout-tickets-heading" tabindex="-1" class="text-lg font-semibold text-gray-900 focus:outline-none">{t(co::YOUR_TICKETS)}</h2>
                            <ErrorAlert error=lines_error />
                            <ul class="space-y-4">
                                {move || {
                                    lang.track();
                                    types.track();
                                    selection.get().items.into_iter().map(|(id, q)| view! { <TicketLine id quantity=q types selection attendees form_error /> }).collect_view()
                                }}
                            </ul>
                        </section>
                        <section aria-labelledby="checkout-buyer-heading" class=CARD>
                            <h2 id="checkout-buyer-heading" class="text-lg font-semibold text-gray-900">{t(co::YOUR_DETAILS)}</h2>
                            <p class=HINT>{t(co::DETAILS_HINT)}</p>
                            <div class="grid gap-4 sm:grid-cols-2">
                                <TextField id="buyer-name" label=auth::FULL_NAME value=name field="buyer.name" error=form_error autocomplete="name" required=true />
                                <TextField id="buyer-email" label=auth::EMAIL value=email field="buyer.email" error=form_error kind="email" autocomplete="email" inputmode="email" required=true />
                                <TextField id="buyer-phone" label=co::PHONE_OPTIONAL value=phone field="buyer.phone" error=form_error kind="tel" autocomplete="tel" inputmode="tel" hint=co::PHONE_HINT />
                            </div>
                        </section>
                        <section aria-labelledby="checkout-coupon-heading" class=CARD>
                            <h2 id="checkout-coupon-heading" class="text-lg font-semibold text-gray-900">{t(co::COUPON)}</h2>
                            <Show
                                when=move || applied.with(Option::is_some)
                                fallback=move || view! {
                                    <div class="flex flex-wrap items-start gap-3">
                                        <div class="min-w-[12rem] flex-1">
                                            <TextField id="coupon-code" label=co::COUPON_CODE value=coupon_input field="coupon_code" error=coupon_error autocomplete="off" />
                                        </div>
                                        <button type="button" class=format!("mt-6 {SMALL_SECONDARY}") on:click=on_apply>{t(co::APPLY)}</button>
                                    </div>
                                }
                            >
                                <div class="flex flex-wrap items-center justify-between gap-3">
                                    <p role="status" class="text-sm font-medium text-emerald-900">
                                        {move || co::COUPON_APPLIED.fill(lang.get(), &[("code", &applied.get().unwrap_or_default())])}
                                    </p>
                                    <button type="button" class=SMALL_SECONDARY on:click=on_remove_coupon>{t(co::REMOVE_COUPON)}</button>
                                </div>
                            </Show>
                            // A coupon refused on the way (its field is gone once applied).
                            <Show when=move || applied.with(Option::is_some)>
                                <ErrorAlert error=coupon_error />
                            </Show>
                        </section>
                    </div>
                    <aside class="space-y-4 lg:sticky lg:top-4 lg:self-start">
                        <section aria-labelledby="checkout-summary-heading" class=CARD>
                            <h2 id="checkout-summary-heading" class="text-lg font-semibold text-gray-900">{t(co::ORDER_SUMMARY)}</h2>
                            {move || match quote.get() {
                                Some(q) => view! { <PriceSummary price=q busy=quoting /> }.into_any(),
                                None if quoting.get() => view! { <p class="text-sm text-gray-700">{t(co::COMPUTING)}</p> }.into_any(),
                                None => view! { <p class="text-sm text-gray-700">{t(co::NO_PRICE)}</p> }.into_any(),
                            }}
                            <button
                                type="submit"
                                class=format!("w-full {EVENT_BUTTON}")
                                disabled=move || pending.get()
                                aria-busy=move || pending.get().to_string()
                            >
                                {move || {
                                    if pending.get() {
                                        t(co::RESERVING)()
                                    } else if free() {
                                        t(co::GET_TICKETS)()
                                    } else {
                                        t(co::CONTINUE_TO_PAYMENT)()
                                    }
                                }}
                            </button>
                            <p class=HINT>{t(co::HOLD_NOTE)}</p>
                        </section>
                    </aside>
                </form>
            </Show>
        </section>
    }
}

/// Moves focus to an element (where an error is shown).
fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
    {
        let _ = el.focus();
    }
}
