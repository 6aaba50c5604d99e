//! The tickets of an event page: name, description, price (per the currency's minor units) or
//! "Free", sale state, "Only N left"; a quantity stepper on each type on sale (within its
//! per-order limits and what is left); the "Access code" form that unlocks hidden types; and
//! "Checkout", which carries the selection (and the code) to `/e/:slug/checkout`.

use common::public::{PublicTicketType, SaleState, UnlockTicketTypes};
use common::{ErrorCode, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use rust_decimal::Decimal;

use crate::api::{self, ApiError};
use crate::components::badge::SaleBadge;
use crate::components::stepper::QuantityStepper;
use crate::components::{ErrSignal, Flash, FlashMessage, TextField};
use crate::i18n::{checkout as co, public as pb, t, use_lang};
use crate::money::format_money;
use crate::state::checkout::{self, Selection};
use crate::time::format_datetime;

/// A ticket type on the page, and whether a code revealed it.
pub type Shown = (PublicTicketType, bool);

/// The most of a type one order may take: its per-order maximum, or fewer when fewer are left.
pub fn max_for(tt: &PublicTicketType) -> u32 {
    match tt.remaining {
        Some(left) => tt.max_per_order.min(left),
        None => tt.max_per_order,
    }
}

/// The themed button of the event page (the organizer's primary color).
pub const EVENT_BUTTON: &str = "inline-flex items-center justify-center rounded-md bg-[var(--event-primary,#0f766e)] px-4 py-2 text-sm font-semibold text-white shadow-sm hover:opacity-90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

/// Adds unlocked types to the list (once each).
fn add_unlocked(types: RwSignal<Vec<Shown>>, found: Vec<PublicTicketType>) {
    types.update(|list| {
        for t in found {
            if !list.iter().any(|(x, _)| x.id == t.id) {
                list.push((t, true));
            }
        }
    });
}

#[component]
pub fn PublicTickets(
    slug: String,
    timezone: String,
    types: RwSignal<Vec<Shown>>,
    /// Sales are over for the whole event (cancelled or ended): no code form, no selection.
    closed: bool,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let pending = RwSignal::new(false);
    let selection = RwSignal::new(Selection::default());

    // Back from the checkout: the same selection, hidden types unlocked again with its code.
    if !closed && let Some(saved) = checkout::load(&slug) {
        let keep = move |saved: &Selection| {
            let visible = types.with_untracked(|l| {
                l.iter()
                    .filter(|(t, _)| t.sale_state == SaleState::OnSale)
                    .map(|(t, _)| (t.id, max_for(t), t.min_per_order))
                    .collect::<Vec<_>>()
            });
            let mut s = Selection {
                items: Vec::new(),
                access_code: saved.access_code.clone(),
            };
            for (id, q) in &saved.items {
                if let Some((_, max, min)) = visible.iter().find(|(v, _, _)| v == id) {
                    s.set(*id, checkout::snap(*q, 0, *min, *max));
                }
            }
            selection.set(s);
        };
        match saved.access_code.clone() {
            Some(c) => {
                let slug = slug.clone();
                spawn_local(async move {
                    if let Ok(found) =
                        api::public::unlock_ticket_types(&slug, &UnlockTicketTypes { code: c })
                            .await
                    {
                        add_unlocked(types, found);
                    }
                    keep(&saved);
                });
            }
            None => keep(&saved),
        }
    }

    let unlock_slug = slug.clone();
    let on_unlock = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let value = code.get_untracked().trim().to_owned();
        flash.set(None);
        if value.is_empty() {
            error.set(ApiError::invalid(&[("code", "required")]));
            return;
        }
        error.set(None);
        pending.set(true);
        let slug = unlock_slug.clone();
        spawn_local(async move {
            let body = UnlockTicketTypes {
                code: value.clone(),
            };
            match api::public::unlock_ticket_types(&slug, &body).await {
                Ok(found) => {
                    let n = found.len();
                    add_unlocked(types, found);
                    if n > 0 {
                        // The code travels with the order so the hidden types may be bought.
                        selection.update(|s| s.access_code = Some(value));
                    }
                    code.set(String::new());
                    flash.set(Some(Flash::fill(pb::UNLOCKED, "n", n.to_string())));
                }
                Err(e) if e.is(ErrorCode::NotFound) || e.field("code").is_some() => {
                    error.set(ApiError::invalid(&[("code", "invalid_code")]));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let item = move |(tt, unlocked): Shown| {
        let l = lang.get_untracked();
        let price = if tt.price.amount == Decimal::ZERO {
            pb::FREE.get(l).to_owned()
        } else {
            format_money(&tt.price, l)
        };
        let left = tt
            .remaining
            .filter(|n| {
                *n > 0 && matches!(tt.sale_state, SaleState::OnSale | SaleState::NotYetOnSale)
            })
            .map(|n| pb::ONLY_LEFT.fill(l, &[("n", &n.to_string())]));
        let opens = (tt.sale_state == SaleState::NotYetOnSale)
            .then_some(tt.sale_starts_at)
            .flatten()
            .map(|d| pb::SALE_OPENS.fill(l, &[("date", &format_datetime(&d, Some(&timezone), l))]));
        let description = tt.description.get(l).to_owned();
        let name = tt.name.clone();
        let id = tt.id;
        let max = max_for(&tt);
        let limits = (tt.min_per_order > 1)
            .then(|| co::MIN_PER_ORDER.fill(l, &[("n", &tt.min_per_order.to_string())]));
        let stepper = (!closed
            && tt.sale_state == SaleState::OnSale
            && max >= tt.min_per_order.max(1))
        .then(|| {
            view! {
                <QuantityStepper
                    id=format!("qty-{id}")
                    name=Signal::derive(move || name.get(lang.get()).to_owned())
                    value=Signal::derive(move || selection.with(|s| s.quantity(id)))
                    min=tt.min_per_order
                    max
                    on_change=Callback::new(move |q| selection.update(|s| s.set(id, q)))
                />
            }
        });
        let sold_out = tt.sale_state == SaleState::SoldOut;
        let class = if sold_out {
            "flex flex-wrap items-start justify-between gap-4 rounded-lg border border-gray-200 bg-gray-100 p-4"
        } else {
            "flex flex-wrap items-start justify-between gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
        };
        view! {
            <li class=class data-ticket-type=id.to_string()>
                <div class="min-w-0 flex-1 space-y-1">
                    <h3 class="font-semibold text-gray-900">
                        {tt.name.get(l).to_owned()}
                        {unlocked.then(|| view! { <span class="ml-2 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">{pb::UNLOCKED_BADGE.get(l)}</span> })}
                    </h3>
                    {(!description.is_empty()).then(|| view! { <p class="text-sm text-gray-700">{description}</p> })}
                    {opens.map(|o| view! { <p class="text-sm text-gray-700">{o}</p> })}
                    {limits.map(|o| view! { <p class="text-sm text-gray-700">{o}</p> })}
                </div>
                <div class="flex flex-col items-end gap-2 text-right">
                    <p class="text-lg font-bold text-[var(--event-accent,#b45309)]">{price}</p>
                    <SaleBadge state=tt.sale_state />
                    {left.map(|s| view! { <p class="text-sm font-semibold text-red-800">{s}</p> })}
                    {stepper}
                </div>
            </li>
        }
    };

    let count = move || selection.with(Selection::count);
    let subtotal = move || {
        let sel = selection.get();
        types.with(|list| {
            let mut total: Option<Money> = None;
            for (tt, _) in list {
                let q = sel.quantity(tt.id);
                if q == 0 {
                    continue;
                }
                let line = tt.price.amount * Decimal::from(q);
                total = Some(match total {
                    Some(m) => Money {
                        amount: m.amount + line,
                        ..m
                    },
                    None => Money {
                        amount: line,
                        currency: tt.price.currency,
                    },
                });
            }
            total
        })
    };
    let checkout_slug = slug.clone();
    let on_checkout = move |_| {
        let sel = selection.get_untracked();
        if sel.count() == 0 {
            return;
        }
        checkout::save(&checkout_slug, &sel);
        navigate(&format!("/e/{checkout_slug}/checkout"), Default::default());
    };
    let any_on_sale =
        move || types.with(|l| l.iter().any(|(t, _)| t.sale_state == SaleState::OnSale));

    view! {
        <section id="tickets" aria-labelledby="tickets-heading" class="space-y-4">
            <h2 id="tickets-heading" class="text-xl font-bold text-gray-900">{t(pb::TICKETS)}</h2>
            {move || {
                let list = types.get();
                lang.track();
                if list.is_empty() {
                    view! { <p class="text-gray-700">{t(pb::NO_TICKETS)}</p> }.into_any()
                } else {
                    view! { <ul class="space-y-3">{list.into_iter().map(item.clone()).collect_view()}</ul> }.into_any()
                }
            }}
            <Show when=move || !closed && any_on_sale()>
                <div class="flex flex-wrap items-center justify-end gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                    <p class="text-sm text-gray-800" aria-live="polite">
                        {move || {
                            let l = lang.get();
                            match (count(), subtotal()) {
                                (0, _) => co::NONE_SELECTED.get(l).to_owned(),
                                (n, Some(m)) => co::SELECTED.fill(l, &[("n", &n.to_string()), ("total", &format_money(&m, l))]),
                                (n, None) => co::SELECTED_COUNT.fill(l, &[("n", &n.to_string())]),
                            }
                        }}
                    </p>
                    <button type="button" class=EVENT_BUTTON disabled=move || count() == 0 on:click=on_checkout.clone()>
                        {t(co::CHECKOUT)}
                    </button>
                </div>
            </Show>
            {(!closed)
                .then(|| {
                    view! {
                        <form class="flex flex-wrap items-start gap-3 rounded-lg border border-dashed border-gray-300 bg-white p-4" novalidate=true on:submit=on_unlock>
                            <div class="min-w-[12rem] flex-1">
                                <TextField id="access-code" label=pb::ACCESS_CODE value=code field="code" error hint=pb::ACCESS_CODE_HINT autocomplete="off" />
                            </div>
                            <button type="submit" class=format!("mt-6 {EVENT_BUTTON}") disabled=move || pending.get()>
                                {t(pb::UNLOCK)}
                            </button>
                            <div class="w-full"><FlashMessage flash /></div>
                        </form>
                    }
                })}
        </section>
    }
}
