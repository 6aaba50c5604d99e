//! `/orgs/:org_id/settings`: name, country, currency and logo; the web address (slug) is shown
//! read-only because it never changes. Only roles with `ManageSettings` may edit.

use common::orgs::UpdateOrganization;
use common::{Currency, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::layout::use_org;
use super::logo::LogoEditor;
use super::new::{country_options, currency_options};
use crate::api::{self, ApiError};
use crate::components::PageTitle;
use crate::components::field::{HINT, INPUT, LABEL};
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, Forbidden, SelectField, SubmitButton, TextField,
};
use crate::i18n::{orgs, t, ui, use_lang};
use crate::state::use_session;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_org();
    if !ctx.can(Permission::ManageSettings) {
        return view! {
            <Forbidden />
            <p class="text-center text-gray-700">{t(orgs::NO_PERMISSION_SETTINGS)}</p>
        }
        .into_any();
    }
    let Some(org) = ctx.org.get_untracked() else {
        return ().into_any();
    };
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(org.name.clone());
    let country = RwSignal::new(org.country.clone());
    let currency = RwSignal::new(org.currency.code().to_owned());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name_v = name.get_untracked().trim().to_owned();
        let currency_v = Currency::from_code(&currency.get_untracked());
        let mut problems: Vec<(&str, &str)> = Vec::new();
        if name_v.is_empty() {
            problems.push(("name", "required"));
        }
        if currency_v.is_none() {
            problems.push(("currency", "required"));
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let body = UpdateOrganization {
            name: Some(name_v),
            country: Some(country.get_untracked()),
            currency: currency_v,
        };
        pending.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::orgs::update_org(org.id, &body).await {
                Ok(updated) => {
                    session.upsert_org(updated.clone());
                    ctx.org.set(Some(updated));
                    flash.set(Some(Flash::new(ui::SAVED)));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    view! {
        <PageTitle tr=orgs::SETTINGS_TITLE />
        <section class="max-w-2xl space-y-8">
            <h1 class="text-2xl font-bold text-gray-900">{t(orgs::SETTINGS_TITLE)}</h1>
            <form class="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <FlashMessage flash />
                <TextField id="settings-name" label=orgs::ORG_NAME value=name field="name" error autocomplete="organization" required=true />
                <div class="space-y-1">
                    <label for="settings-slug" class=LABEL>{t(orgs::WEB_ADDRESS)}</label>
                    <input id="settings-slug" class=INPUT readonly=true value=org.slug.clone() aria-describedby="settings-slug-hint" />
                    <p id="settings-slug-hint" class=HINT>{t(orgs::SLUG_READONLY_HINT)}</p>
                </div>
                <SelectField id="settings-country" label=orgs::COUNTRY value=country options=country_options(lang) field="country" error />
                <SelectField id="settings-currency" label=orgs::CURRENCY value=currency options=currency_options(lang) field="currency" error />
                <SubmitButton label=ui::SAVE pending />
            </form>
            <LogoEditor />
        </section>
    }
    .into_any()
}
