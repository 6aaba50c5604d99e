//! Admin › Categories: the list (icon, slug, names, sort order) with Edit and Delete (confirmed),
//! and the form to add one (slug, names in English and French, icon, sort order) or edit it (the
//! slug never changes).

use common::Localized;
use common::events::{Category, CreateCategory, UpdateCategory};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::orgs::{TD, TH};
use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY, SMALL_DANGER, SMALL_SECONDARY};
use crate::components::field::{INPUT, LABEL};
use crate::components::icons::{ICONS, glyph};
use crate::components::{
    ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage, Loading, SelectField, TextField,
};
use crate::i18n::{admin, events as ev, members, t, ui, use_lang};
use crate::util::is_valid_slug;

#[component]
pub fn AdminCategories() -> impl IntoView {
    let lang = use_lang();
    let items = RwSignal::new(Vec::<Category>::new());
    let loading = RwSignal::new(true);
    let list_error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    spawn_local(async move {
        match api::admin::list_admin_categories().await {
            Ok(list) => items.set(list),
            Err(e) => list_error.set(Some(e)),
        }
        loading.set(false);
    });

    let editing = RwSignal::new(None::<Category>);
    let slug = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let name_fr = RwSignal::new(String::new());
    let icon = RwSignal::new("music".to_owned());
    let sort = RwSignal::new("0".to_owned());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        editing.with(|c| match c {
            Some(c) => {
                slug.set(c.slug.clone());
                name_en.set(c.name.en.clone().unwrap_or_default());
                name_fr.set(c.name.fr.clone().unwrap_or_default());
                icon.set(c.icon.clone());
                sort.set(c.sort_order.to_string());
            }
            None => {
                for s in [slug, name_en, name_fr] {
                    s.set(String::new());
                }
                icon.set("music".into());
                sort.set("0".into());
            }
        });
        error.set(None);
    });
    let icon_options = Signal::derive(move || {
        let mut v: Vec<(String, String)> = ICONS
            .iter()
            .map(|(n, g)| ((*n).to_owned(), format!("{g} {n}")))
            .collect();
        let current = icon.get();
        if !current.is_empty() && !ICONS.iter().any(|(n, _)| *n == current) {
            v.insert(0, (current.clone(), current));
        }
        v
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let current = editing.get_untracked();
        let slug_v = slug.get_untracked().trim().to_owned();
        let name = Localized {
            en: Some(name_en.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
            fr: Some(name_fr.get_untracked().trim().to_owned()).filter(|s| !s.is_empty()),
        };
        let sort_v = sort.get_untracked().trim().parse::<i32>().ok();
        let mut problems = Vec::new();
        if current.is_none() && !is_valid_slug(&slug_v) {
            problems.push(("slug", "slug_invalid"));
        }
        if name.is_empty() {
            problems.push(("name", "required"));
        }
        if sort_v.is_none() {
            problems.push(("sort_order", "invalid_number"));
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let sort_order = sort_v.unwrap_or(0);
        let icon_v = icon.get_untracked();
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = match &current {
                None => {
                    let body = CreateCategory {
                        slug: slug_v,
                        name,
                        icon: icon_v,
                        sort_order,
                    };
                    api::admin::create_category(&body).await
                }
                Some(c) => {
                    let body = UpdateCategory {
                        name: Some(name),
                        icon: Some(icon_v),
                        sort_order: Some(sort_order),
                    };
                    api::admin::update_category(c.id, &body).await
                }
            };
            match result {
                Ok(saved) => {
                    let label = saved.name.get(lang.get_untracked()).to_owned();
                    let added = current.is_none();
                    items.update(|l| {
                        match l.iter_mut().find(|c| c.id == saved.id) {
                            Some(slot) => *slot = saved,
                            None => l.push(saved),
                        }
                        l.sort_by_key(|c| c.sort_order);
                    });
                    flash.set(Some(Flash::fill(
                        if added {
                            admin::CATEGORY_ADDED
                        } else {
                            admin::CATEGORY_SAVED
                        },
                        "name",
                        label,
                    )));
                    editing.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    let to_delete = RwSignal::new(None::<Category>);
    let dialog_open = RwSignal::new(false);
    let on_delete = Callback::new(move |()| {
        let Some(c) = to_delete.get_untracked() else {
            return;
        };
        list_error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::admin::delete_category(c.id).await {
                Ok(()) => {
                    items.update(|l| l.retain(|x| x.id != c.id));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == c.id)) {
                        editing.set(None);
                    }
                    flash.set(Some(Flash::new(admin::CATEGORY_DELETED)));
                }
                Err(e) => list_error.set(Some(e)),
            }
        });
    });
    let delete_title = Signal::derive(move || {
        let n = to_delete.with(|c| {
            c.as_ref()
                .map(|c| c.name.get(lang.get()).to_owned())
                .unwrap_or_default()
        });
        admin::DELETE_CATEGORY_TITLE.fill(lang.get(), &[("name", &n)])
    });
    let delete_text =
        Signal::derive(move || admin::DELETE_CATEGORY_TEXT.get(lang.get()).to_owned());

    let row = move |c: Category| {
        let l = lang.get();
        let name = c.name.get(l).to_owned();
        let (for_edit, for_delete) = (c.clone(), c.clone());
        view! {
            <tr>
                <td class=TD><span aria-hidden="true" class="text-xl">{glyph(&c.icon)}</span> <span class="text-xs text-gray-600">{c.icon.clone()}</span></td>
                <td class=TD><span class="font-mono">{c.slug.clone()}</span></td>
                <td class=TD>{c.name.en.clone().unwrap_or_default()}</td>
                <td class=TD>{c.name.fr.clone().unwrap_or_default()}</td>
                <td class=TD>{c.sort_order}</td>
                <td class=TD>
                    <div class="flex gap-2">
                        <button
                            type="button"
                            class=SMALL_SECONDARY
                            aria-label=ev::EDIT_NAMED.fill(l, &[("name", &name)])
                            on:click=move |_| {
                                editing.set(Some(for_edit.clone()));
                                if let Some(el) = document().get_element_by_id("category-name-en")
                                    && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
                                {
                                    let _ = el.focus();
                                }
                            }
                        >
                            {ev::EDIT.get(l)}
                        </button>
                        <button
                            type="button"
                            class=SMALL_DANGER
                            aria-label=ev::DELETE_NAMED.fill(l, &[("name", &name)])
                            on:click=move |_| {
                                to_delete.set(Some(for_delete.clone()));
                                dialog_open.set(true);
                            }
                        >
                            {ev::DELETE.get(l)}
                        </button>
                    </div>
                </td>
            </tr>
        }
    };
    let is_edit = move || editing.with(Option::is_some);

    view! {
        <div class="space-y-6">
            <ErrorAlert error=list_error />
            <FlashMessage flash />
            <div
                role="region"
                aria-label=t(admin::TAB_CATEGORIES)
                tabindex="0"
                class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
            >
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(admin::CATEGORY_ICON)}</th>
                            <th scope="col" class=TH>{t(admin::CATEGORY_SLUG)}</th>
                            <th scope="col" class=TH>{t(admin::CATEGORY_NAME_EN)}</th>
                            <th scope="col" class=TH>{t(admin::CATEGORY_NAME_FR)}</th>
                            <th scope="col" class=TH>{t(admin::CATEGORY_SORT)}</th>
                            <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">{move || items.get().into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && items.with(Vec::is_empty) && list_error.with(Option::is_none)>
                <p class="text-gray-700">{t(admin::NO_CATEGORIES)}</p>
            </Show>
            <form class="max-w-2xl space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm" novalidate=true on:submit=on_submit>
                <h2 class="text-lg font-semibold text-gray-900">
                    {move || if is_edit() { t(admin::EDIT_CATEGORY)() } else { t(admin::ADD_CATEGORY)() }}
                </h2>
                <ErrorAlert error />
                {move || {
                    if is_edit() {
                        view! {
                            <div class="space-y-1">
                                <label for="category-slug" class=LABEL>{t(admin::CATEGORY_SLUG)}</label>
                                <input id="category-slug" class=INPUT readonly=true prop:value=move || slug.get() />
                            </div>
                        }
                        .into_any()
                    } else {
                        view! { <TextField id="category-slug" label=admin::CATEGORY_SLUG value=slug field="slug" error hint=admin::CATEGORY_SLUG_HINT /> }.into_any()
                    }
                }}
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField id="category-name-en" label=admin::CATEGORY_NAME_EN value=name_en field="name" error />
                    <TextField id="category-name-fr" label=admin::CATEGORY_NAME_FR value=name_fr field="name" error />
                    <SelectField id="category-icon" label=admin::CATEGORY_ICON value=icon options=icon_options field="icon" error />
                    <TextField id="category-sort" label=admin::CATEGORY_SORT value=sort field="sort_order" error kind="number" inputmode="numeric" />
                </div>
                <div class="flex flex-wrap gap-3">
                    <button type="submit" class=PRIMARY disabled=move || pending.get()>
                        {move || if is_edit() { t(admin::SAVE_CATEGORY)() } else { t(admin::ADD_CATEGORY)() }}
                    </button>
                    <Show when=is_edit>
                        <button type="button" class=SECONDARY on:click=move |_| editing.set(None)>{t(ui::CANCEL)}</button>
                    </Show>
                </div>
            </form>
            <ConfirmDialog
                id="delete-category-dialog"
                open=dialog_open
                title=delete_title
                message=delete_text
                confirm_label=ev::DELETE
                danger=true
                on_confirm=on_delete
            />
        </div>
    }
}
