//! `/orgs/:org_id/events/:event_id/coupons`: the event's coupons with their usage (uses of the
//! limit, held by pending orders, discount given, revenue), each with Edit and Delete (confirmed);
//! the form below. People without `ManageSales` read the list only.

use common::coupons::{Coupon, DiscountKind};
use common::events::{Event, TicketType};
use common::{Lang, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::bookings::{WithEvent, route_ids};
use super::coupon_form::CouponForm;
use super::nav::EventTabs;
use crate::api;
use crate::components::button::{LINK, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, PageTitle};
use crate::i18n::{events as ev, members, sales as sa, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orgs::layout::use_org;
use crate::time::format_short;

const PILL: &str = "inline-flex rounded-full px-2 py-0.5 text-xs font-semibold";

/// `15 %` or `1,000 XAF` off.
pub fn discount_text(c: &Coupon, lang: Lang) -> String {
    match c.kind {
        DiscountKind::Percent => c
            .percent
            .map(|p| sa::PERCENT_VALUE.fill(lang, &[("n", &p.normalize().to_string())]))
            .unwrap_or_default(),
        DiscountKind::Fixed => c
            .amount
            .as_ref()
            .map(|m| format_money(m, lang))
            .unwrap_or_default(),
    }
}

#[component]
pub fn CouponsPage() -> impl IntoView {
    let (org_id, event_id) = route_ids();
    let Some(org_id) = org_id else {
        return ().into_any();
    };
    view! {
        <PageTitle tr=sa::COUPONS />
        <WithEvent org_id event_id page=|org_id, event, types| view! { <Coupons org_id event types /> }.into_any() />
    }
    .into_any()
}

#[component]
fn Coupons(org_id: Uuid, event: Event, types: Vec<TicketType>) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let can_manage = ctx.can(Permission::ManageSales);
    let event_id = event.id;
    let tz = StoredValue::new(event.timezone.clone());
    let title = event.title.clone();
    let types = StoredValue::new(types);
    let coupons = RwSignal::new(Vec::<Coupon>::new());
    let loaded = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let editing = RwSignal::new(None::<Coupon>);
    let to_delete = RwSignal::new(None::<Coupon>);
    let dialog_open = RwSignal::new(false);

    spawn_local(async move {
        match api::coupons::list_coupons(org_id, event_id).await {
            Ok(list) => coupons.set(list),
            Err(e) => error.set(Some(e)),
        }
        loaded.set(true);
    });

    let on_saved = Callback::new(move |(saved, was_new): (Coupon, bool)| {
        let code = saved.code.clone();
        coupons.update(|list| match list.iter_mut().find(|c| c.id == saved.id) {
            Some(slot) => *slot = saved,
            None => list.push(saved),
        });
        let tr = if was_new {
            sa::COUPON_ADDED
        } else {
            sa::COUPON_SAVED
        };
        flash.set(Some(Flash::fill(tr, "code", code)));
    });
    let on_delete = Callback::new(move |()| {
        let Some(c) = to_delete.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::coupons::delete_coupon(org_id, event_id, c.id).await {
                Ok(()) => {
                    coupons.update(|l| l.retain(|x| x.id != c.id));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == c.id)) {
                        editing.set(None);
                    }
                    flash.set(Some(Flash::fill(sa::COUPON_DELETED, "code", c.code)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let row = move |c: Coupon, l: Lang| {
        let applies = if c.ticket_type_ids.is_empty() {
            sa::ALL_TYPES.get(l).to_owned()
        } else {
            types.with_value(|ts| {
                ts.iter()
                    .filter(|t| c.ticket_type_ids.contains(&t.id))
                    .map(|t| t.name.get(l).to_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        };
        let uses = match c.max_uses {
            Some(max) => format!("{} / {max}", c.stats.uses),
            None => c.stats.uses.to_string(),
        };
        let held = (c.stats.reserved > 0)
            .then(|| sa::HELD.fill(l, &[("n", &c.stats.reserved.to_string())]));
        let z = tz.get_value();
        let window = match (c.starts_at, c.ends_at) {
            (None, None) => sa::ALWAYS.get(l).to_owned(),
            (a, b) => format!(
                "{} → {}",
                a.map(|d| format_short(&d, &z, l)).unwrap_or_default(),
                b.map(|d| format_short(&d, &z, l)).unwrap_or_default()
            ),
        };
        let (state, colors) = if c.active {
            (sa::ACTIVE_STATE, "bg-emerald-100 text-emerald-900")
        } else {
            (sa::INACTIVE_STATE, "bg-gray-200 text-gray-900")
        };
        let edit_label = sa::EDIT_NAMED.fill(l, &[("code", &c.code)]);
        let delete_label = sa::DELETE_NAMED.fill(l, &[("code", &c.code)]);
        let (for_edit, for_delete) = (c.clone(), c.clone());
        view! {
            <tr>
                <td class=format!("{TD} font-mono font-semibold")>{c.code.clone()}</td>
                <td class=TD>{discount_text(&c, l)}</td>
                <td class="px-4 py-3 text-sm text-gray-900">{applies}</td>
                <td class=TD>
                    {uses}
                    {held.map(|h| view! { <span class="block text-xs text-gray-700">{h}</span> })}
                </td>
                <td class=TD>{format_money(&c.stats.discount_total, l)}</td>
                <td class=TD>{format_money(&c.stats.revenue, l)}</td>
                <td class=TD>{window}</td>
                <td class=TD><span class=format!("{PILL} {colors}")>{state.get(l)}</span></td>
                <Show when=move || can_manage>
                    <td class=TD>
                        <div class="flex gap-2">
                            <button
                                type="button"
                                class=SMALL_SECONDARY
                                aria-label=edit_label.clone()
                                on:click={
                                    let c = for_edit.clone();
                                    move |_| editing.set(Some(c.clone()))
                                }
                            >
                                {ev::EDIT.get(l)}
                            </button>
                            <button
                                type="button"
                                class=SMALL_DANGER
                                aria-label=delete_label.clone()
                                on:click={
                                    let c = for_delete.clone();
                                    move |_| {
                                        to_delete.set(Some(c.clone()));
                                        dialog_open.set(true);
                                    }
                                }
                            >
                                {ev::DELETE.get(l)}
                            </button>
                        </div>
                    </td>
                </Show>
            </tr>
        }
    };
    let delete_title = Signal::derive(move || {
        let code = to_delete.with(|c| c.as_ref().map(|c| c.code.clone()).unwrap_or_default());
        sa::DELETE_COUPON_TITLE.fill(lang.get(), &[("code", &code)])
    });
    let delete_text = Signal::derive(move || sa::DELETE_COUPON_TEXT.get(lang.get()).to_owned());

    view! {
        <section class="space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <h1 class="text-2xl font-bold text-gray-900">
                {move || sa::COUPONS_OF.fill(lang.get(), &[("event", title.get(lang.get()))])}
            </h1>
            <EventTabs org_id event_id />
            <ErrorAlert error />
            <FlashMessage flash />
            <Show
                when=move || !coupons.with(Vec::is_empty)
                fallback=move || view! {
                    <Show when=move || loaded.get()>
                        <p class="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t(sa::NO_COUPONS)}</p>
                    </Show>
                }
            >
                <div
                    role="region"
                    aria-label=t(sa::COUPONS)
                    tabindex="0"
                    class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                >
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(sa::CODE)}</th>
                                <th scope="col" class=TH>{t(sa::DISCOUNT)}</th>
                                <th scope="col" class=TH>{t(sa::APPLIES_TO)}</th>
                                <th scope="col" class=TH>{t(sa::USES)}</th>
                                <th scope="col" class=TH>{t(sa::DISCOUNT_GIVEN)}</th>
                                <th scope="col" class=TH>{t(sa::REVENUE)}</th>
                                <th scope="col" class=TH>{t(sa::VALIDITY)}</th>
                                <th scope="col" class=TH>{t(sa::STATUS)}</th>
                                <Show when=move || can_manage>
                                    <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                                </Show>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                coupons.get().into_iter().map(|c| row(c, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || can_manage>
                <CouponForm
                    org_id
                    event_id
                    currency=event.currency
                    timezone=tz.get_value()
                    ticket_types=types
                    editing
                    on_saved
                    flash
                />
            </Show>
            <ConfirmDialog
                id="delete-coupon-dialog"
                open=dialog_open
                title=delete_title
                message=delete_text
                confirm_label=ev::DELETE
                danger=true
                on_confirm=on_delete
            />
        </section>
    }
}
