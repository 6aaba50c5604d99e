//! `/orgs/new`: "Organization name", "Web address" (suggested from the name until edited),
//! "Country", "Currency" (preselected from the country), "Create organization". On success the
//! new organization becomes the current one and its dashboard opens.

use common::Currency;
use common::orgs::CreateOrganization;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::PageTitle;
use crate::components::{ErrSignal, ErrorAlert, SelectField, SubmitButton, TextField};
use crate::i18n::countries::{COUNTRIES, currency_label, default_currency};
use crate::i18n::{orgs, t, ui, use_lang};
use crate::state::use_session;
use crate::util::{is_valid_slug, slugify};

/// `(code, name)` pairs of the countries, in the reader's language.
pub fn country_options(lang: RwSignal<common::Lang>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let l = lang.get();
        COUNTRIES
            .iter()
            .map(|(code, name)| ((*code).to_owned(), name.get(l).to_owned()))
            .collect()
    })
}

/// `(code, label)` pairs of the currencies.
pub fn currency_options(lang: RwSignal<common::Lang>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let l = lang.get();
        Currency::ALL
            .iter()
            .map(|c| (c.code().to_owned(), currency_label(*c, l)))
            .collect()
    })
}

#[component]
pub fn NewOrgPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let currency = RwSignal::new(String::new());
    let slug_edited = RwSignal::new(false);
    let auto_currency = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);

    // Suggest the web address from the name until the person edits it.
    Effect::new(move |_| {
        let suggestion = slugify(&name.get());
        if !slug_edited.get_untracked() && slug.get_untracked() != suggestion {
            slug.set(suggestion);
        }
    });
    Effect::new(move |_| {
        let s = slug.get();
        let edited = !s.is_empty() && s != slugify(&name.get_untracked());
        if edited != slug_edited.get_untracked() {
            slug_edited.set(edited);
        }
    });
    // Preselect the country's currency unless the person chose another.
    Effect::new(move |_| {
        let Some(c) = default_currency(&country.get()) else {
            return;
        };
        let current = currency.get_untracked();
        if current.is_empty() || current == auto_currency.get_untracked() {
            currency.set(c.code().to_owned());
            auto_currency.set(c.code().to_owned());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let name_v = name.get_untracked().trim().to_owned();
        let slug_v = slug.get_untracked().trim().to_owned();
        let currency_v = Currency::from_code(&currency.get_untracked());
        let mut problems: Vec<(&str, &str)> = Vec::new();
        if name_v.is_empty() {
            problems.push(("name", "required"));
        }
        if !slug_v.is_empty() && !is_valid_slug(&slug_v) {
            problems.push(("slug", "slug_invalid"));
        }
        if country.get_untracked().is_empty() {
            problems.push(("country", "required"));
        }
        if currency_v.is_none() {
            problems.push(("currency", "required"));
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let Some(currency_v) = currency_v else { return };
        let body = CreateOrganization {
            name: name_v,
            slug: (!slug_v.is_empty()).then_some(slug_v),
            country: country.get_untracked(),
            currency: currency_v,
        };
        pending.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::orgs::create_org(&body).await {
                Ok(org) => {
                    let id = org.id;
                    session.upsert_org(org);
                    session.set_current_org(Some(id));
                    navigate(&format!("/orgs/{id}"), Default::default());
                }
                Err(e) => {
                    error.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };

    view! {
        <PageTitle tr=orgs::NEW_ORG_TITLE />
        <section class="mx-auto w-full max-w-xl space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
            <div class="space-y-2">
                <h1 class="text-2xl font-bold text-gray-900">{t(orgs::NEW_ORG_TITLE)}</h1>
                <p class="text-gray-700">{t(orgs::NEW_ORG_INTRO)}</p>
            </div>
            <form class="space-y-4" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <TextField id="org-name" label=orgs::ORG_NAME value=name field="name" error autocomplete="organization" required=true />
                <TextField id="org-slug" label=orgs::WEB_ADDRESS value=slug field="slug" error hint=orgs::WEB_ADDRESS_HINT />
                <SelectField
                    id="org-country"
                    label=orgs::COUNTRY
                    value=country
                    options=country_options(lang)
                    field="country"
                    error
                    placeholder=ui::CHOOSE
                />
                <SelectField
                    id="org-currency"
                    label=orgs::CURRENCY
                    value=currency
                    options=currency_options(lang)
                    field="currency"
                    error
                    placeholder=ui::CHOOSE
                />
                <SubmitButton label=orgs::CREATE_ORG pending />
            </form>
        </section>
    }
}
