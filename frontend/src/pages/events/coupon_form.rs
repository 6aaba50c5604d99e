//! The coupon form ("Add coupon", or editing one): code and kind (fixed once created), the
//! percentage or the amount off, the ticket types it applies to (none checked = all), the
//! minimum order, the validity window in the event's time zone, the use limits, the allowed
//! emails and "Active".

use common::Currency;
use common::coupons::{Coupon, CreateCoupon, UpdateCoupon};
use common::events::TicketType;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::coupon_fields::Fields;
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY};
use crate::components::field::{HINT, LABEL};
use crate::components::{
    CheckboxField, ErrSignal, ErrorAlert, Flash, SelectField, TextAreaField, TextField,
};
use crate::i18n::{sales as sa, t, ui, use_lang};
use crate::time::zone_label;

#[component]
pub fn CouponForm(
    org_id: Uuid,
    event_id: Uuid,
    currency: Currency,
    timezone: String,
    ticket_types: StoredValue<Vec<TicketType>>,
    /// The coupon being edited; `None` adds one.
    editing: RwSignal<Option<Coupon>>,
    on_saved: Callback<(Coupon, bool)>,
    flash: RwSignal<Option<Flash>>,
) -> impl IntoView {
    let lang = use_lang();
    let f = Fields::new();
    let tz = StoredValue::new(timezone);
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        editing.with(|c| f.fill(c.as_ref(), &tz.get_value()));
        error.set(None);
    });
    let is_edit = move || editing.with(Option::is_some);
    let kind_options = Signal::derive(move || {
        let l = lang.get();
        vec![
            ("percent".to_owned(), sa::KIND_PERCENT.get(l).to_owned()),
            ("fixed".to_owned(), sa::KIND_FIXED.get(l).to_owned()),
        ]
    });
    let value_label = Signal::derive(move || {
        if f.kind.get() == "fixed" {
            sa::AMOUNT_OFF
        } else {
            sa::PERCENT_OFF
        }
    });
    let money_hint =
        Signal::derive(move || sa::IN_CURRENCY.fill(lang.get(), &[("currency", currency.code())]));
    let window_hint = Signal::derive(move || {
        sa::WINDOW_HINT.fill(lang.get(), &[("tz", &zone_label(&tz.get_value()))])
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let p = match f.parse(currency, &tz.get_value()) {
            Ok(p) => p,
            Err(problems) => {
                error.set(ApiError::invalid(&problems));
                return;
            }
        };
        error.set(None);
        pending.set(true);
        let current = editing.get_untracked();
        spawn_local(async move {
            let result = match &current {
                None => {
                    let body = CreateCoupon {
                        code: p.code,
                        kind: p.kind,
                        percent: p.percent,
                        amount: p.amount,
                        ticket_type_ids: p.types,
                        min_order: p.min_order,
                        starts_at: p.starts_at,
                        ends_at: p.ends_at,
                        max_uses: p.max_uses,
                        max_uses_per_email: p.max_per_email,
                        allowed_emails: p.emails,
                        active: p.active,
                    };
                    api::coupons::create_coupon(org_id, event_id, &body).await
                }
                Some(c) => {
                    let body = UpdateCoupon {
                        percent: p.percent,
                        amount: p.amount,
                        ticket_type_ids: Some(p.types),
                        min_order: Some(p.min_order),
                        starts_at: Some(p.starts_at),
                        ends_at: Some(p.ends_at),
                        max_uses: Some(p.max_uses),
                        max_uses_per_email: Some(p.max_per_email),
                        allowed_emails: Some(p.emails),
                        active: Some(p.active),
                    };
                    api::coupons::update_coupon(org_id, event_id, c.id, &body).await
                }
            };
            match result {
                Ok(saved) => {
                    let was_new = current.is_none();
                    if was_new {
                        f.fill(None, "");
                    } else {
                        editing.set(None);
                    }
                    on_saved.run((saved, was_new));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let type_boxes = move || {
        let l = lang.get();
        ticket_types.with_value(|ts| {
            ts.iter()
                .map(|tt| {
                    let id = tt.id;
                    let input_id = format!("coupon-type-{id}");
                    let checked = move || f.types.with(|v| v.contains(&id));
                    view! {
                        <div class="flex items-center gap-2">
                            <input
                                id=input_id.clone()
                                type="checkbox"
                                class="h-4 w-4 rounded border-gray-400 text-emerald-700 focus:ring-2 focus:ring-emerald-600"
                                prop:checked=checked
                                on:change=move |_| f.types.update(|v| {
                                    if v.contains(&id) { v.retain(|x| *x != id) } else { v.push(id) }
                                })
                            />
                            <label for=input_id class="text-sm text-gray-900">{tt.name.get(l).to_owned()}</label>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <form id="coupon-form" class="space-y-4 rounded-lg border border-gray-200 bg-gray-50 p-4" novalidate=true on:submit=on_submit>
            <h3 class="text-base font-semibold text-gray-900">
                {move || if is_edit() { t(sa::EDIT_COUPON)() } else { t(sa::ADD_COUPON)() }}
            </h3>
            <ErrorAlert error />
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField id="coupon-code" label=sa::CODE value=f.code field="code" error autocomplete="off" hint=sa::CODE_HINT disabled=Signal::derive(is_edit) />
                <SelectField id="coupon-kind" label=sa::KIND value=f.kind options=kind_options field="kind" error disabled=Signal::derive(is_edit) />
                {move || {
                    let label = value_label.get();
                    let fixed = label == sa::AMOUNT_OFF;
                    let field = if fixed { "amount.amount" } else { "percent" };
                    if fixed {
                        view! { <TextField id="coupon-value" label value=f.value field error inputmode="decimal" hint_text=money_hint /> }.into_any()
                    } else {
                        view! { <TextField id="coupon-value" label value=f.value field error inputmode="decimal" hint=sa::PERCENT_HINT /> }.into_any()
                    }
                }}
                <TextField id="coupon-min" label=sa::MIN_ORDER value=f.min_order field="min_order.amount" error inputmode="decimal" hint_text=money_hint />
                <TextField id="coupon-starts" label=sa::VALID_FROM value=f.starts field="starts_at" error kind="datetime-local" hint_text=window_hint />
                <TextField id="coupon-ends" label=sa::VALID_UNTIL value=f.ends field="ends_at" error kind="datetime-local" hint_text=window_hint />
                <TextField id="coupon-max" label=sa::MAX_USES value=f.max_uses field="max_uses" error kind="number" inputmode="numeric" min="1" hint=sa::UNLIMITED_HINT />
                <TextField id="coupon-max-email" label=sa::MAX_PER_EMAIL value=f.max_per_email field="max_uses_per_email" error kind="number" inputmode="numeric" min="1" hint=sa::UNLIMITED_HINT />
            </div>
            <fieldset class="space-y-2" aria-describedby="coupon-types-hint">
                <legend class=LABEL>{t(sa::APPLIES_TO)}</legend>
                <p id="coupon-types-hint" class=HINT>{t(sa::APPLIES_TO_HINT)}</p>
                <div class="flex flex-wrap gap-x-6 gap-y-2">{type_boxes}</div>
            </fieldset>
            <TextAreaField id="coupon-emails" label=sa::ALLOWED_EMAILS value=f.emails field="allowed_emails" error hint=sa::ALLOWED_EMAILS_HINT rows=3 />
            <CheckboxField id="coupon-active" label=sa::ACTIVE checked=f.active hint=sa::ACTIVE_HINT />
            <div class="flex flex-wrap gap-3">
                <button type="submit" class=PRIMARY disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || {
                        if pending.get() {
                            t(ui::SAVING)()
                        } else if is_edit() {
                            t(sa::SAVE_COUPON)()
                        } else {
                            t(sa::ADD_COUPON)()
                        }
                    }}
                </button>
                <Show when=is_edit>
                    <button type="button" class=SECONDARY on:click=move |_| editing.set(None)>{t(ui::CANCEL)}</button>
                </Show>
            </div>
        </form>
    }
}
