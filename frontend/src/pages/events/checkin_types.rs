//! Ticket types as the check-in and swag screens use them: checkboxes choosing some (none = all)
//! and the names of the chosen ones for a table cell.

use common::Lang;
use common::events::TicketType;
use leptos::prelude::*;
use uuid::Uuid;

use crate::components::field::{HINT, LABEL};
use crate::i18n::{Tr, checkin as ci, t, use_lang};

/// `All tickets`, or the names of `ids` among `types`.
pub fn types_text(ids: &[Uuid], types: &[TicketType], lang: Lang) -> String {
    if ids.is_empty() {
        return ci::ALL_TICKETS.get(lang).to_owned();
    }
    types
        .iter()
        .filter(|t| ids.contains(&t.id))
        .map(|t| t.name.get(lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fieldset of one checkbox per ticket type, with the "none checked = all" hint.
#[component]
pub fn TicketTypeBoxes(
    /// Prefix of the inputs' ids, unique in the page.
    id: &'static str,
    legend: Tr,
    types: StoredValue<Vec<TicketType>>,
    selected: RwSignal<Vec<Uuid>>,
) -> impl IntoView {
    let lang = use_lang();
    let hint_id = format!("{id}-hint");
    let described = hint_id.clone();
    let boxes = move || {
        let l = lang.get();
        types.with_value(|ts| {
            ts.iter()
                .map(|tt| {
                    let type_id = tt.id;
                    let input_id = format!("{id}-{type_id}");
                    view! {
                        <div class="flex items-center gap-2">
                            <input
                                id=input_id.clone()
                                type="checkbox"
                                class="h-4 w-4 rounded border-gray-400 text-emerald-700 focus:ring-2 focus:ring-emerald-600"
                                prop:checked=move || selected.with(|v| v.contains(&type_id))
                                on:change=move |_| selected.update(|v| {
                                    if v.contains(&type_id) {
                                        v.retain(|x| *x != type_id)
                                    } else {
                                        v.push(type_id)
                                    }
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
        <fieldset class="space-y-2" aria-describedby=described>
            <legend class=LABEL>{t(legend)}</legend>
            <p id=hint_id class=HINT>{t(ci::TYPES_HINT)}</p>
            <div class="flex flex-wrap gap-x-6 gap-y-2">{boxes}</div>
        </fieldset>
    }
}
