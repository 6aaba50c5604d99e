//! One chosen ticket type on the checkout: its name and unit price, a quantity stepper, the
//! server's word on the line (below the minimum, no longer on sale…), and an optional attendee
//! name per ticket (kept per `(type, index)` so typed names survive quantity changes).

use common::public::PublicTicketType;
use leptos::prelude::*;
use uuid::Uuid;

use crate::components::ErrSignal;
use crate::components::field::{INPUT, LABEL, field_message};
use crate::components::stepper::QuantityStepper;
use crate::i18n::{checkout as co, t, use_lang};
use crate::money::format_money;
use crate::pages::public::tickets::max_for;
use crate::state::checkout::Selection;

/// A trimmed text, or `None` when blank.
pub fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The attendee-name fields, one signal per `(ticket type, index)`, created on first use so typed
/// names survive quantity changes.
#[derive(Clone, Copy)]
pub struct Attendees(StoredValue<Vec<(AttendeeKey, RwSignal<String>)>>);

impl Default for Attendees {
    fn default() -> Self {
        Attendees(StoredValue::new(Vec::new()))
    }
}

/// `(ticket type, index among its tickets)`.
type AttendeeKey = (Uuid, u32);

impl Attendees {
    pub fn get(self, id: Uuid, i: u32) -> RwSignal<String> {
        if let Some(s) = self
            .0
            .with_value(|v| v.iter().find(|(k, _)| *k == (id, i)).map(|(_, s)| *s))
        {
            return s;
        }
        let s = RwSignal::new(String::new());
        self.0.update_value(|v| v.push(((id, i), s)));
        s
    }

    pub fn names(self, id: Uuid, quantity: u32) -> Vec<Option<String>> {
        (0..quantity)
            .map(|i| opt(&self.get(id, i).get_untracked()))
            .collect()
    }
}

#[component]
pub fn TicketLine(
    id: Uuid,
    quantity: u32,
    types: RwSignal<Vec<PublicTicketType>>,
    selection: RwSignal<Selection>,
    attendees: Attendees,
    /// The order's error: field errors on `items[i]...` show on their line.
    form_error: ErrSignal,
) -> impl IntoView {
    let lang = use_lang();
    let Some(tt) = types.with_untracked(|l| l.iter().find(|t| t.id == id).cloned()) else {
        return ().into_any();
    };
    let l = lang.get_untracked();
    let tt_name = tt.name.clone();
    let unit = if tt.price.amount.is_zero() {
        co::FREE.get(l).to_owned()
    } else {
        co::EACH.fill(l, &[("price", &format_money(&tt.price, l))])
    };
    let type_name = tt.name.get(l).to_owned();
    let field = selection.with_untracked(|s| s.items.iter().position(|(t, _)| *t == id));
    // The server's word on this line (below the minimum, no longer on sale…).
    let line_msg = {
        let qty = field_message(
            Some(form_error),
            field
                .map(|f| format!("items[{f}].quantity"))
                .unwrap_or_default(),
        );
        let kind = field_message(
            Some(form_error),
            field
                .map(|f| format!("items[{f}].ticket_type_id"))
                .unwrap_or_default(),
        );
        move || qty().or_else(&kind)
    };
    let names = (0..quantity)
        .map(|i| {
            let value = attendees.get(id, i);
            let input_id = format!("attendee-{id}-{i}");
            let label = co::ATTENDEE_N.fill(l, &[("n", &(i + 1).to_string()), ("name", &type_name)]);
            let err_field = field.map(|f| format!("items[{f}].attendees[{i}]")).unwrap_or_default();
            let msg = field_message(Some(form_error), err_field);
            view! {
                <div class="space-y-1">
                    <label for=input_id.clone() class=LABEL>{label}</label>
                    <input id=input_id type="text" class=INPUT autocomplete="off" bind:value=value />
                    <p class="text-sm font-medium text-red-800">{msg}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <li class="space-y-3 border-b border-gray-200 pb-4 last:border-b-0 last:pb-0">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <div>
                    <h3 class="font-semibold text-gray-900">{type_name.clone()}</h3>
                    <p class="text-sm text-gray-700">{unit}</p>
                </div>
                <QuantityStepper
                    id=format!("qty-{id}")
                    name=Signal::derive(move || tt_name.get(lang.get()).to_owned())
                    value=Signal::derive(move || selection.with(|s| s.quantity(id)))
                    min=tt.min_per_order
                    max=max_for(&tt)
                    on_change=Callback::new(move |q| selection.update(|s| s.set(id, q)))
                />
            </div>
            <p class="text-sm font-medium text-red-800">{line_msg}</p>
            {(quantity > 0)
                .then(|| {
                    view! {
                        <fieldset class="space-y-3">
                            <legend class="text-sm text-gray-700">{t(co::ATTENDEES_HINT)}</legend>
                            <div class="grid gap-3 sm:grid-cols-2">{names}</div>
                        </fieldset>
                    }
                })}
        </li>
    }
    .into_any()
}
