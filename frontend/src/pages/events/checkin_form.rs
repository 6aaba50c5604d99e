//! The check-in list form ("Add list", or editing one): the name, the ticket types it admits
//! (none checked = all), the opening window in the event's time zone and re-entry. Checked here
//! with the API's rules first, so most mistakes show before sending.

use chrono::{DateTime, Utc};
use common::checkin::{CheckinList, CreateCheckinList, UpdateCheckinList};
use common::events::TicketType;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin_types::TicketTypeBoxes;
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY};
use crate::components::{CheckboxField, ErrSignal, ErrorAlert, Flash, TextField};
use crate::i18n::{checkin as ci, t, ui, use_lang};
use crate::time::{input_to_utc, utc_to_input, zone_label};

/// The checked values of the form.
struct Parsed {
    name: String,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
}

/// A `datetime-local` value in `tz`, or `None` when empty; a problem for `field` when unreadable.
fn when(
    value: &str,
    tz: &str,
    field: &'static str,
    problems: &mut Vec<(&'static str, &'static str)>,
) -> Option<DateTime<Utc>> {
    if value.trim().is_empty() {
        return None;
    }
    let at = input_to_utc(value, tz);
    if at.is_none() {
        problems.push((field, "invalid_date"));
    }
    at
}

fn parse(
    name: &str,
    starts: &str,
    ends: &str,
    tz: &str,
) -> Result<Parsed, Vec<(&'static str, &'static str)>> {
    let mut problems = Vec::new();
    let name = name.trim().to_owned();
    if name.is_empty() {
        problems.push(("name", "required"));
    } else if name.chars().count() > 100 {
        problems.push(("name", "too_long"));
    }
    let starts_at = when(starts, tz, "starts_at", &mut problems);
    let ends_at = when(ends, tz, "ends_at", &mut problems);
    if let (Some(a), Some(b)) = (starts_at, ends_at)
        && b <= a
    {
        problems.push(("ends_at", "before_start"));
    }
    if problems.is_empty() {
        Ok(Parsed {
            name,
            starts_at,
            ends_at,
        })
    } else {
        Err(problems)
    }
}

#[component]
pub fn CheckinListForm(
    org_id: Uuid,
    event_id: Uuid,
    timezone: String,
    ticket_types: StoredValue<Vec<TicketType>>,
    /// The list being edited; `None` adds one.
    editing: RwSignal<Option<CheckinList>>,
    on_saved: Callback<(CheckinList, bool)>,
    flash: RwSignal<Option<Flash>>,
) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(timezone);
    let name = RwSignal::new(String::new());
    let types = RwSignal::new(Vec::<Uuid>::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let reentry = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let fill = move |l: Option<&CheckinList>| {
        let z = tz.get_value();
        let at = |v: Option<DateTime<Utc>>| v.map(|d| utc_to_input(&d, &z)).unwrap_or_default();
        name.set(l.map(|l| l.name.clone()).unwrap_or_default());
        types.set(l.map(|l| l.ticket_type_ids.clone()).unwrap_or_default());
        starts.set(at(l.and_then(|l| l.starts_at)));
        ends.set(at(l.and_then(|l| l.ends_at)));
        reentry.set(l.is_some_and(|l| l.allow_reentry));
    };
    Effect::new(move |_| {
        editing.with(|l| fill(l.as_ref()));
        error.set(None);
    });
    let is_edit = move || editing.with(Option::is_some);
    let window_hint = Signal::derive(move || {
        ci::EVENT_TIME.fill(lang.get(), &[("tz", &zone_label(&tz.get_value()))])
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let p = match parse(
            &name.get_untracked(),
            &starts.get_untracked(),
            &ends.get_untracked(),
            &tz.get_value(),
        ) {
            Ok(p) => p,
            Err(problems) => {
                error.set(ApiError::invalid(&problems));
                return;
            }
        };
        error.set(None);
        pending.set(true);
        let current = editing.get_untracked();
        let (type_ids, allow_reentry) = (types.get_untracked(), reentry.get_untracked());
        spawn_local(async move {
            let result = match &current {
                None => {
                    let body = CreateCheckinList {
                        name: p.name,
                        ticket_type_ids: type_ids,
                        starts_at: p.starts_at,
                        ends_at: p.ends_at,
                        allow_reentry,
                    };
                    api::checkin::create_checkin_list(org_id, event_id, &body).await
                }
                Some(l) => {
                    // Every field is sent: a cleared window bound goes as `null`.
                    let body = UpdateCheckinList {
                        name: Some(p.name),
                        ticket_type_ids: Some(type_ids),
                        starts_at: Some(p.starts_at),
                        ends_at: Some(p.ends_at),
                        allow_reentry: Some(allow_reentry),
                    };
                    api::checkin::update_checkin_list(org_id, event_id, l.id, &body).await
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
            id="checkin-list-form"
            class="space-y-4 rounded-lg border border-gray-200 bg-gray-50 p-4"
            aria-labelledby="checkin-list-form-title"
            novalidate=true
            on:submit=on_submit
        >
            <h3 id="checkin-list-form-title" class="text-base font-semibold text-gray-900">
                {move || if is_edit() { t(ci::EDIT_LIST)() } else { t(ci::ADD_LIST)() }}
            </h3>
            <ErrorAlert error />
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField id="checkin-list-name" label=ci::LIST_NAME value=name field="name" error autocomplete="off" hint=ci::LIST_NAME_HINT required=true />
                <div class="hidden sm:block" aria-hidden="true"></div>
                <TextField id="checkin-list-starts" label=ci::OPENS_AT value=starts field="starts_at" error kind="datetime-local" hint_text=window_hint />
                <TextField id="checkin-list-ends" label=ci::CLOSES_AT value=ends field="ends_at" error kind="datetime-local" hint_text=window_hint />
            </div>
            <TicketTypeBoxes id="checkin-list-type" legend=ci::TICKET_TYPES types=ticket_types selected=types />
            <CheckboxField id="checkin-list-reentry" label=ci::ALLOW_REENTRY checked=reentry hint=ci::ALLOW_REENTRY_HINT />
            <div class="flex flex-wrap gap-3">
                <button type="submit" class=PRIMARY disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || {
                        if pending.get() {
                            t(ui::SAVING)()
                        } else if is_edit() {
                            t(ci::SAVE_LIST)()
                        } else {
                            t(ci::ADD_LIST)()
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
