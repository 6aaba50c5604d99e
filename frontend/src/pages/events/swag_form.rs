//! The swag item form ("Add swag item", or editing one): name, stock (only when adding: later it
//! moves through adjustments, which keep a history), allowance per attendee and eligible ticket
//! types (none checked = all).

use common::events::TicketType;
use common::swag::{CreateSwagItem, SwagItem, UpdateSwagItem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin_types::TicketTypeBoxes;
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, Flash, TextField};
use crate::i18n::{checkin as ci, t, ui};

/// A whole number within `range`, or the problem for `field`.
pub fn count_in(
    value: &str,
    range: std::ops::RangeInclusive<i64>,
    field: &'static str,
    problems: &mut Vec<(&'static str, &'static str)>,
) -> Option<i64> {
    let v = value
        .trim()
        .replace(['\u{2212}', ' ', '\u{a0}', '\u{202f}'], "");
    // A typed minus sign (−) counts as one; a leading `+` is fine too.
    let v = v.strip_prefix('+').unwrap_or(&v).to_owned();
    if v.is_empty() {
        problems.push((field, "required"));
        return None;
    }
    let v = if value.trim().starts_with('\u{2212}') {
        format!("-{v}")
    } else {
        v
    };
    match v.parse::<i64>() {
        Ok(n) if range.contains(&n) => Some(n),
        Ok(_) => {
            problems.push((field, "out_of_range"));
            None
        }
        Err(_) => {
            problems.push((field, "invalid_number"));
            None
        }
    }
}

#[component]
pub fn SwagItemForm(
    org_id: Uuid,
    event_id: Uuid,
    ticket_types: StoredValue<Vec<TicketType>>,
    /// The item being edited; `None` adds one.
    editing: RwSignal<Option<SwagItem>>,
    on_saved: Callback<(SwagItem, bool)>,
    flash: RwSignal<Option<Flash>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let stock = RwSignal::new(String::new());
    let allowance = RwSignal::new("1".to_owned());
    let types = RwSignal::new(Vec::<Uuid>::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let fill = move |item: Option<&SwagItem>| {
        name.set(item.map(|i| i.name.clone()).unwrap_or_default());
        stock.set(item.map(|i| i.stock.to_string()).unwrap_or_default());
        allowance.set(item.map_or(1, |i| i.allowance_per_attendee).to_string());
        types.set(item.map(|i| i.ticket_type_ids.clone()).unwrap_or_default());
    };
    Effect::new(move |_| {
        editing.with(|i| fill(i.as_ref()));
        error.set(None);
    });
    let is_edit = move || editing.with(Option::is_some);

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let current = editing.get_untracked();
        let mut problems = Vec::new();
        let item_name = name.get_untracked().trim().to_owned();
        if item_name.is_empty() {
            problems.push(("name", "required"));
        } else if item_name.chars().count() > 100 {
            problems.push(("name", "too_long"));
        }
        let initial = if current.is_none() {
            count_in(
                &stock.get_untracked(),
                0..=1_000_000,
                "stock",
                &mut problems,
            )
        } else {
            None
        };
        let per = count_in(
            &allowance.get_untracked(),
            1..=100,
            "allowance_per_attendee",
            &mut problems,
        );
        if let Some(err) = ApiError::invalid(&problems) {
            error.set(Some(err));
            return;
        }
        // Within the checked ranges, so these fit.
        let per = per.unwrap_or(1) as u32;
        let type_ids = types.get_untracked();
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = match &current {
                None => {
                    let body = CreateSwagItem {
                        name: item_name,
                        stock: initial.unwrap_or(0) as u32,
                        allowance_per_attendee: per,
                        ticket_type_ids: type_ids,
                    };
                    api::swag::create_swag_item(org_id, event_id, &body).await
                }
                Some(item) => {
                    let body = UpdateSwagItem {
                        name: Some(item_name),
                        allowance_per_attendee: Some(per),
                        ticket_type_ids: Some(type_ids),
                    };
                    api::swag::update_swag_item(org_id, event_id, item.id, &body).await
                }
            };
            match result {
                Ok(saved) => {
                    let was_new = current.is_none();
                    if was_new {
                        fill(None);
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

    view! {
        <form
            id="swag-item-form"
            class="space-y-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
            aria-labelledby="swag-item-form-title"
            novalidate=true
            on:submit=on_submit
        >
            <h2 id="swag-item-form-title" class="text-lg font-semibold text-gray-900">
                {move || if is_edit() { t(ci::EDIT_ITEM)() } else { t(ci::ADD_ITEM)() }}
            </h2>
            <ErrorAlert error />
            <div class="grid gap-4 sm:grid-cols-3">
                <TextField id="swag-name" label=ci::ITEM_NAME value=name field="name" error autocomplete="off" hint=ci::ITEM_NAME_HINT required=true />
                {move || if is_edit() {
                    view! { <TextField id="swag-stock" label=ci::INITIAL_STOCK value=stock field="stock" error kind="number" hint=ci::STOCK_FIXED_HINT disabled=true /> }.into_any()
                } else {
                    view! { <TextField id="swag-stock" label=ci::INITIAL_STOCK value=stock field="stock" error kind="number" inputmode="numeric" min="0" hint=ci::INITIAL_STOCK_HINT required=true /> }.into_any()
                }}
                <TextField id="swag-allowance" label=ci::ALLOWANCE value=allowance field="allowance_per_attendee" error kind="number" inputmode="numeric" min="1" hint=ci::ALLOWANCE_HINT />
            </div>
            <TicketTypeBoxes id="swag-type" legend=ci::ELIGIBLE_TYPES types=ticket_types selected=types />
            <div class="flex flex-wrap gap-3">
                <button type="submit" class=PRIMARY disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || {
                        if pending.get() {
                            t(ui::SAVING)()
                        } else if is_edit() {
                            t(ci::SAVE_ITEM)()
                        } else {
                            t(ci::ADD_ITEM)()
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

#[cfg(test)]
mod tests {
    use super::count_in;

    #[test]
    fn counts_accept_signs_and_spaces_and_check_the_range() {
        let mut p = Vec::new();
        assert_eq!(count_in("+20", -100..=100, "d", &mut p), Some(20));
        assert_eq!(count_in("\u{2212}3", -100..=100, "d", &mut p), Some(-3));
        assert_eq!(count_in("-3", -100..=100, "d", &mut p), Some(-3));
        assert_eq!(count_in("1 000", 0..=1_000_000, "d", &mut p), Some(1000));
        assert!(p.is_empty());
        assert_eq!(count_in("", 0..=1, "d", &mut p), None);
        assert_eq!(count_in("2.5", 0..=10, "d", &mut p), None);
        assert_eq!(count_in("101", 1..=100, "d", &mut p), None);
        assert_eq!(
            p,
            vec![
                ("d", "required"),
                ("d", "invalid_number"),
                ("d", "out_of_range")
            ]
        );
    }
}
