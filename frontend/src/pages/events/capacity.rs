//! The "Capacity" section of the event page: each capacity group with its capacity, sold count
//! and the ticket types drawing from it; the ticket types with their own quantity; a sold /
//! quantity bar for each; and, for editors, "Add group" (name, capacity), edit and delete.

use common::Lang;
use common::events::{CapacityGroup, CreateCapacityGroup, TicketType, UpdateCapacityGroup};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::form::CARD;
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, TextField};
use crate::i18n::{events as ev, t, ui, use_lang};

const BAR: &str = "h-2.5 w-full overflow-hidden rounded-full bg-gray-200 [&::-webkit-progress-bar]:bg-gray-200 [&::-webkit-progress-value]:bg-emerald-600 [&::-moz-progress-bar]:bg-emerald-600";

/// A labelled sold / total bar (`<progress>`: no inline widths under the CSP).
fn bar(label: String, sold: u32, total: u32, lang: Lang) -> impl IntoView {
    let text = ev::SOLD_OF.fill(
        lang,
        &[("sold", &sold.to_string()), ("total", &total.to_string())],
    );
    view! {
        <div class="space-y-1">
            <div class="flex justify-between gap-3 text-sm">
                <span class="font-medium text-gray-900">{label.clone()}</span>
                <span class="text-gray-700">{text}</span>
            </div>
            <progress
                class=BAR
                max=total.max(1).to_string()
                value=sold.min(total.max(1)).to_string()
                aria-label=ev::SOLD_LABEL.fill(lang, &[("name", &label)])
            ></progress>
        </div>
    }
}

fn parse_capacity(s: &str) -> Option<u32> {
    s.trim().parse::<u32>().ok()
}

#[component]
pub fn CapacitySection(
    org_id: Uuid,
    event_id: Uuid,
    tickets: RwSignal<Vec<TicketType>>,
    groups: RwSignal<Vec<CapacityGroup>>,
    can_edit: bool,
    /// After a group changed or went away (ticket types lose their group).
    on_changed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let name = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let editing = RwSignal::new(None::<Uuid>);
    let edit_name = RwSignal::new(String::new());
    let edit_capacity = RwSignal::new(String::new());
    let edit_error: ErrSignal = RwSignal::new(None);
    let to_delete = RwSignal::new(None::<CapacityGroup>);
    let dialog_open = RwSignal::new(false);

    let check = |n: &str, c: &str| -> Result<(String, u32), ApiError> {
        let mut problems = Vec::new();
        if n.trim().is_empty() {
            problems.push(("name", "required"));
        }
        let cap = parse_capacity(c);
        if cap.is_none() {
            problems.push(("capacity", "invalid_number"));
        }
        match (ApiError::invalid(&problems), cap) {
            (None, Some(cap)) => Ok((n.trim().to_owned(), cap)),
            (Some(e), _) => Err(e),
            (None, None) => Err(ApiError::from_code(common::ErrorCode::ValidationFailed)),
        }
    };

    let on_add = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let (n, cap) = match check(&name.get_untracked(), &capacity.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            let body = CreateCapacityGroup {
                name: n,
                capacity: cap,
            };
            match api::events::create_capacity_group(org_id, event_id, &body).await {
                Ok(g) => {
                    flash.set(Some(Flash::fill(ev::GROUP_ADDED, "name", g.name.clone())));
                    groups.update(|l| l.push(g));
                    name.set(String::new());
                    capacity.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let on_save_edit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let Some(id) = editing.get_untracked() else {
            return;
        };
        let (n, cap) = match check(&edit_name.get_untracked(), &edit_capacity.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                edit_error.set(Some(e));
                return;
            }
        };
        edit_error.set(None);
        spawn_local(async move {
            let body = UpdateCapacityGroup {
                name: Some(n),
                capacity: Some(cap),
            };
            match api::events::update_capacity_group(org_id, event_id, id, &body).await {
                Ok(g) => {
                    flash.set(Some(Flash::fill(ev::GROUP_SAVED, "name", g.name.clone())));
                    groups.update(|l| {
                        if let Some(slot) = l.iter_mut().find(|x| x.id == g.id) {
                            *slot = g;
                        }
                    });
                    editing.set(None);
                }
                Err(e) => edit_error.set(Some(e)),
            }
        });
    };

    let on_delete = Callback::new(move |()| {
        let Some(g) = to_delete.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::events::delete_capacity_group(org_id, event_id, g.id).await {
                Ok(()) => {
                    groups.update(|l| l.retain(|x| x.id != g.id));
                    flash.set(Some(Flash::new(ev::GROUP_DELETED)));
                    on_changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let delete_title = Signal::derive(move || {
        let n = to_delete.with(|g| g.as_ref().map(|g| g.name.clone()).unwrap_or_default());
        ev::DELETE_GROUP_TITLE.fill(lang.get(), &[("name", &n)])
    });
    let delete_text = Signal::derive(move || ev::DELETE_GROUP_TEXT.get(lang.get()).to_owned());

    let group_card = move |g: CapacityGroup, l: Lang| {
        let members: Vec<TicketType> = tickets.with(|ts| {
            ts.iter()
                .filter(|t| t.capacity_group_id == Some(g.id) || g.ticket_type_ids.contains(&t.id))
                .cloned()
                .collect()
        });
        let id = g.id;
        let (for_edit, for_delete) = (g.clone(), g.clone());
        let heading_id = format!("group-{id}");
        let is_editing = move || editing.get() == Some(id);
        view! {
            <li class="space-y-3 rounded-lg border border-gray-200 p-4">
                <div class="flex flex-wrap items-start justify-between gap-3">
                    <div>
                        <h3 id=heading_id class="font-semibold text-gray-900">{g.name.clone()}</h3>
                        <p class="text-sm text-gray-700">{t(ev::GROUP_CAPACITY)} ": " {g.capacity}</p>
                    </div>
                    {can_edit
                        .then(|| {
                            let edit_label = ev::EDIT_NAMED.fill(l, &[("name", &g.name)]);
                            let delete_label = ev::DELETE_NAMED.fill(l, &[("name", &g.name)]);
                            view! {
                                <div class="flex gap-2">
                                    <button
                                        type="button"
                                        class=SMALL_SECONDARY
                                        aria-label=edit_label
                                        on:click=move |_| {
                                            edit_name.set(for_edit.name.clone());
                                            edit_capacity.set(for_edit.capacity.to_string());
                                            edit_error.set(None);
                                            editing.set(Some(id));
                                        }
                                    >
                                        {ev::EDIT.get(l)}
                                    </button>
                                    <button
                                        type="button"
                                        class=SMALL_DANGER
                                        aria-label=delete_label
                                        on:click=move |_| {
                                            to_delete.set(Some(for_delete.clone()));
                                            dialog_open.set(true);
                                        }
                                    >
                                        {ev::DELETE.get(l)}
                                    </button>
                                </div>
                            }
                        })}
                </div>
                <Show when=is_editing>
                    <form class="grid gap-3 rounded-md bg-gray-50 p-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end" novalidate=true on:submit=on_save_edit>
                        <div class="sm:col-span-3"><ErrorAlert error=edit_error /></div>
                        <TextField id=format!("group-{id}-name") label=ev::GROUP_NAME value=edit_name field="name" error=edit_error />
                        <TextField id=format!("group-{id}-capacity") label=ev::GROUP_CAPACITY value=edit_capacity field="capacity" error=edit_error kind="number" inputmode="numeric" min="0" />
                        <div class="flex gap-2 pb-6">
                            <button type="submit" class=PRIMARY>{t(ev::SAVE_GROUP)}</button>
                            <button type="button" class=SECONDARY on:click=move |_| editing.set(None)>{t(ui::CANCEL)}</button>
                        </div>
                    </form>
                </Show>
                {bar(g.name.clone(), g.sold, g.capacity, l)}
                <div class="space-y-2 border-l-2 border-gray-200 pl-4">
                    <p class="text-sm font-medium text-gray-700">{t(ev::GROUP_TYPES)}</p>
                    {if members.is_empty() {
                        view! { <p class="text-sm text-gray-600">{t(ev::NO_TYPES_IN_GROUP)}</p> }.into_any()
                    } else {
                        members
                            .into_iter()
                            .map(|tt| bar(tt.name.get(l).to_owned(), tt.sold, tt.quantity, l))
                            .collect_view()
                            .into_any()
                    }}
                </div>
            </li>
        }
    };

    view! {
        <section id="capacity" aria-labelledby="capacity-heading" class=CARD>
            <h2 id="capacity-heading" class="text-lg font-semibold text-gray-900">{t(ev::CAPACITY)}</h2>
            <p class="text-sm text-gray-700">{t(ev::CAPACITY_INTRO)}</p>
            <ErrorAlert error />
            <FlashMessage flash />
            {move || {
                let l = lang.get();
                let list = groups.get();
                if list.is_empty() {
                    view! { <p class="text-gray-700">{t(ev::NO_GROUPS)}</p> }.into_any()
                } else {
                    view! { <ul class="space-y-4">{list.into_iter().map(|g| group_card(g, l)).collect_view()}</ul> }.into_any()
                }
            }}
            {move || {
                let l = lang.get();
                let own: Vec<TicketType> = tickets.with(|ts| ts.iter().filter(|t| t.capacity_group_id.is_none()).cloned().collect());
                (!own.is_empty())
                    .then(|| {
                        view! {
                            <div class="space-y-2">
                                <h3 class="font-semibold text-gray-900">{t(ev::UNGROUPED)}</h3>
                                {own.into_iter().map(|tt| bar(tt.name.get(l).to_owned(), tt.sold, tt.quantity, l)).collect_view()}
                            </div>
                        }
                    })
            }}
            {can_edit
                .then(|| {
                    view! {
                        <form class="grid gap-3 rounded-lg border border-gray-200 bg-gray-50 p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start" novalidate=true on:submit=on_add>
                            <h3 class="text-base font-semibold text-gray-900 sm:col-span-3">{t(ev::ADD_GROUP)}</h3>
                            <TextField id="group-name" label=ev::GROUP_NAME value=name field="name" error />
                            <TextField id="group-capacity" label=ev::GROUP_CAPACITY value=capacity field="capacity" error kind="number" inputmode="numeric" min="0" />
                            <div class="sm:pt-6">
                                <button type="submit" class=PRIMARY disabled=move || pending.get()>{t(ev::ADD_GROUP)}</button>
                            </div>
                        </form>
                    }
                })}
            <ConfirmDialog
                id="delete-group-dialog"
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
