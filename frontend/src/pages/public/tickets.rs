//! The tickets of an event page: name, description, price (per the currency's minor units) or
//! "Free", sale state, "Only N left"; and the "Access code" form that unlocks hidden types.
//! Buying comes later: there is no buy button yet.

use common::ErrorCode;
use common::public::{PublicTicketType, SaleState, UnlockTicketTypes};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::api::{self, ApiError};
use crate::components::badge::SaleBadge;
use crate::components::{ErrSignal, Flash, FlashMessage, TextField};
use crate::i18n::{public as pb, t, use_lang};
use crate::money::format_money;
use crate::time::format_datetime;

/// A ticket type on the page, and whether a code revealed it.
pub type Shown = (PublicTicketType, bool);

#[component]
pub fn PublicTickets(
    slug: String,
    timezone: String,
    types: RwSignal<Vec<Shown>>,
    /// Sales are over for the whole event (cancelled or ended): no code form.
    closed: bool,
) -> impl IntoView {
    let lang = use_lang();
    let code = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let pending = RwSignal::new(false);
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
        let slug = slug.clone();
        spawn_local(async move {
            match api::public::unlock_ticket_types(&slug, &UnlockTicketTypes { code: value }).await
            {
                Ok(found) => {
                    let n = found.len();
                    types.update(|list| {
                        for t in found {
                            if !list.iter().any(|(x, _)| x.id == t.id) {
                                list.push((t, true));
                            }
                        }
                    });
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
        let l = lang.get();
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
        view! {
            <li class="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                <div class="min-w-0 flex-1 space-y-1">
                    <h3 class="font-semibold text-gray-900">
                        {tt.name.get(l).to_owned()}
                        {unlocked.then(|| view! { <span class="ml-2 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">{pb::UNLOCKED_BADGE.get(l)}</span> })}
                    </h3>
                    {(!description.is_empty()).then(|| view! { <p class="text-sm text-gray-700">{description}</p> })}
                    {opens.map(|o| view! { <p class="text-sm text-gray-700">{o}</p> })}
                </div>
                <div class="flex flex-col items-end gap-1 text-right">
                    <p class="text-lg font-bold text-[var(--event-accent,#b45309)]">{price}</p>
                    <SaleBadge state=tt.sale_state />
                    {left.map(|s| view! { <p class="text-sm font-semibold text-red-800">{s}</p> })}
                </div>
            </li>
        }
    };

    view! {
        <section id="tickets" aria-labelledby="tickets-heading" class="space-y-4">
            <h2 id="tickets-heading" class="text-xl font-bold text-gray-900">{t(pb::TICKETS)}</h2>
            {move || {
                let list = types.get();
                if list.is_empty() {
                    view! { <p class="text-gray-700">{t(pb::NO_TICKETS)}</p> }.into_any()
                } else {
                    view! { <ul class="space-y-3">{list.into_iter().map(item.clone()).collect_view()}</ul> }.into_any()
                }
            }}
            {(!closed)
                .then(|| {
                    view! {
                        <form class="flex flex-wrap items-start gap-3 rounded-lg border border-dashed border-gray-300 bg-white p-4" novalidate=true on:submit=on_unlock>
                            <div class="min-w-[12rem] flex-1">
                                <TextField id="access-code" label=pb::ACCESS_CODE value=code field="code" error hint=pb::ACCESS_CODE_HINT autocomplete="off" />
                            </div>
                            <button
                                type="submit"
                                class="mt-6 inline-flex items-center justify-center rounded-md bg-[var(--event-primary,#0f766e)] px-4 py-2 text-sm font-semibold text-white shadow-sm hover:opacity-90 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-offset-2 disabled:opacity-60"
                                disabled=move || pending.get()
                            >
                                {t(pb::UNLOCK)}
                            </button>
                            <div class="w-full"><FlashMessage flash /></div>
                        </form>
                    }
                })}
        </section>
    }
}
