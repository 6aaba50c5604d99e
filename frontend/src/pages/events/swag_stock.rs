//! One swag item's stock: its figures, the adjustment form (a delivery +, breakage or loss −,
//! always with a reason) and the history of adjustments, newest first. The hand-out report sits
//! under it.

use common::swag::{AdjustSwagStock, SwagAdjustment, SwagItem};
use common::{ErrorCode, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin::{EMPTY, REGION};
use super::swag_form::count_in;
use super::swag_handouts::Handouts;
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SMALL_SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, Flash, Loading, TextField};
use crate::i18n::{Tr, checkin as ci, t, ui, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::time::format_short;

/// `+20` or `−3`.
fn signed(delta: i32) -> String {
    if delta > 0 {
        format!("+{delta}")
    } else {
        format!("\u{2212}{}", delta.unsigned_abs())
    }
}

/// [`ErrorAlert`], with the API's refusal (409) said in the reader's language: its own detail
/// is English only.
#[component]
pub fn SwagErrorAlert(error: ErrSignal, conflict: Tr) -> impl IntoView {
    let lang = use_lang();
    let is_conflict = move || error.with(|e| e.as_ref().is_some_and(|e| e.is(ErrorCode::Conflict)));
    view! {
        <Show when=is_conflict fallback=move || view! { <ErrorAlert error /> }>
            <div role="alert">
                <p class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm font-medium text-red-900">
                    {move || conflict.get(lang.get())}
                </p>
            </div>
        </Show>
    }
}

#[component]
pub fn ItemDetails(
    org_id: Uuid,
    item_id: Uuid,
    /// The event's items, for this one's current figures (reloaded after an adjustment).
    items: RwSignal<Vec<SwagItem>>,
    selected: RwSignal<Option<Uuid>>,
    timezone: String,
    can_manage: bool,
    on_adjusted: Callback<()>,
    flash: RwSignal<Option<Flash>>,
) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(timezone);
    let item = Memo::new(move |_| items.with(|all| all.iter().find(|i| i.id == item_id).cloned()));
    let name = move || item.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_default());
    let history = RwSignal::new(Vec::<SwagAdjustment>::new());
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let delta = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form_error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);

    spawn_local(async move {
        match api::swag::list_swag_adjustments(org_id, item_id).await {
            Ok(list) => {
                let _ = history.try_set(list);
            }
            Err(e) => {
                let _ = error.try_set(Some(e));
            }
        }
        let _ = loading.try_set(false);
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let mut problems = Vec::new();
        let d = count_in(
            &delta.get_untracked(),
            -1_000_000..=1_000_000,
            "delta",
            &mut problems,
        );
        if d == Some(0) {
            problems.push(("delta", "out_of_range"));
        }
        let why = reason.get_untracked().trim().to_owned();
        if why.is_empty() {
            problems.push(("reason", "required"));
        } else if why.chars().count() > 200 {
            problems.push(("reason", "too_long"));
        }
        if let Some(err) = ApiError::invalid(&problems) {
            form_error.set(Some(err));
            return;
        }
        // Within ±1,000,000, so it fits.
        let body = AdjustSwagStock {
            delta: d.unwrap_or(0) as i32,
            reason: why,
        };
        form_error.set(None);
        pending.set(true);
        spawn_local(async move {
            match api::swag::adjust_swag_stock(org_id, item_id, &body).await {
                Ok(adj) => {
                    let text = signed(adj.delta);
                    history.update(|h| h.insert(0, adj));
                    delta.set(String::new());
                    reason.set(String::new());
                    let item_name = name();
                    flash.set(Some(Flash::with(move |l| {
                        ci::ADJUSTED.fill(l, &[("name", &item_name), ("delta", &text)])
                    })));
                    on_adjusted.run(());
                }
                Err(e) => form_error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let figures = move || {
        let l = lang.get();
        item.with(|i| {
            i.as_ref().map(|i| {
                [
                    (ci::STOCK, i.stock),
                    (ci::HANDED_OUT, i.handed_out),
                    (ci::REMAINING, i.remaining),
                ]
                .into_iter()
                .map(|(label, n)| {
                    view! {
                        <div class="rounded-md bg-gray-50 px-4 py-2">
                            <dt class="text-sm text-gray-700">{label.get(l)}</dt>
                            <dd class="text-2xl font-semibold tabular-nums text-gray-900">{n}</dd>
                        </div>
                    }
                })
                .collect_view()
            })
        })
    };
    let row = move |a: SwagAdjustment, l: Lang| {
        let color = if a.delta > 0 {
            "text-emerald-800"
        } else {
            "text-red-800"
        };
        view! {
            <tr>
                <td class=TD>{format_short(&a.created_at, &tz.get_value(), l)}</td>
                <td class=format!("{TD} font-semibold tabular-nums {color}")>{signed(a.delta)}</td>
                <td class="px-4 py-3 text-sm text-gray-900">{a.reason.clone()}</td>
                <td class=TD>{a.by_name.clone().unwrap_or_default()}</td>
            </tr>
        }
    };

    view! {
        <section id="swag-details" class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" aria-labelledby="swag-details-title">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 id="swag-details-title" class="text-lg font-semibold text-gray-900">
                    {move || ci::STOCK_OF.fill(lang.get(), &[("name", &name())])}
                </h2>
                <button type="button" class=SMALL_SECONDARY on:click=move |_| selected.set(None)>{t(ci::CLOSE_DETAILS)}</button>
            </div>
            <dl class="grid grid-cols-3 gap-3">{figures}</dl>
            <Show when=move || can_manage>
                <form
                    class="space-y-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
                    aria-labelledby="swag-adjust-title"
                    novalidate=true
                    on:submit=on_submit
                >
                    <h3 id="swag-adjust-title" class="text-base font-semibold text-gray-900">{t(ci::ADJUST_STOCK)}</h3>
                    <SwagErrorAlert error=form_error conflict=ci::STOCK_BELOW_HANDED_OUT />
                    <div class="grid gap-4 sm:grid-cols-2">
                        <TextField id="swag-delta" label=ci::DELTA value=delta field="delta" error=form_error kind="number" hint=ci::DELTA_HINT required=true />
                        <TextField id="swag-reason" label=ci::REASON value=reason field="reason" error=form_error autocomplete="off" hint=ci::REASON_HINT required=true />
                    </div>
                    <button type="submit" class=PRIMARY disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                        {move || if pending.get() { t(ui::SAVING)() } else { t(ci::RECORD_ADJUSTMENT)() }}
                    </button>
                </form>
            </Show>
            <h3 class="text-base font-semibold text-gray-900">{t(ci::ADJUSTMENTS)}</h3>
            <ErrorAlert error />
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && history.with(Vec::is_empty) && error.with(Option::is_none)>
                <p class=EMPTY>{t(ci::NO_ADJUSTMENTS)}</p>
            </Show>
            <Show when=move || !history.with(Vec::is_empty)>
                <div role="region" aria-label=t(ci::ADJUSTMENTS) tabindex="0" class=REGION>
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(ci::WHEN)}</th>
                                <th scope="col" class=TH>{t(ci::DELTA)}</th>
                                <th scope="col" class=TH>{t(ci::REASON)}</th>
                                <th scope="col" class=TH>{t(ci::BY)}</th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                history.get().into_iter().map(|a| row(a, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <Handouts org_id item_id timezone=tz.get_value() />
        </section>
    }
}
