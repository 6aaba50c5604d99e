//! `/account`: "Full name", "Phone" (E.164), "Language"; "Save". The email is shown, not edited.

use common::Lang;
use common::users::{UpdateMe, is_e164};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::PageTitle;
use crate::components::field::{HINT, INPUT, LABEL};
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, SelectField, SubmitButton, TextField,
};
use crate::i18n::{auth, t, ui, use_lang};
use crate::state::{self, use_session};

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let Some(me) = session.me.get_untracked() else {
        return ().into_any();
    };
    let name = RwSignal::new(me.name.clone());
    let phone = RwSignal::new(me.phone.clone().unwrap_or_default());
    let language = RwSignal::new(lang.get_untracked().as_str().to_owned());
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let languages = Signal::derive(|| {
        vec![
            ("en".to_owned(), "English".to_owned()),
            ("fr".to_owned(), "Français".to_owned()),
        ]
    });
    // Follow the top-bar switch while the form is open.
    Effect::new(move |_| language.set(lang.get().as_str().to_owned()));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name_v = name.get_untracked().trim().to_owned();
        let phone_v = phone.get_untracked().replace([' ', '-', '.'], "");
        let lang_v = Lang::from_tag(&language.get_untracked());
        let mut problems: Vec<(&str, &str)> = Vec::new();
        if name_v.is_empty() {
            problems.push(("name", "required"));
        }
        if !phone_v.is_empty() && !is_e164(&phone_v) {
            problems.push(("phone", "invalid_phone"));
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let body = UpdateMe {
            name: Some(name_v),
            phone: Some((!phone_v.is_empty()).then_some(phone_v)),
            language: lang_v,
        };
        pending.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::me::update_me(&body).await {
                Ok(me) => {
                    if me.language != lang.get_untracked() {
                        state::lang::apply(me.language);
                        state::lang::remember(me.language);
                        lang.set(me.language);
                    }
                    session.me.set(Some(me));
                    flash.set(Some(Flash::new(ui::SAVED)));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    view! {
        <PageTitle tr=auth::ACCOUNT_TITLE />
        <section class="mx-auto w-full max-w-xl space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 class="text-2xl font-bold text-gray-900">{t(auth::ACCOUNT_TITLE)}</h1>
            <form class="space-y-4" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <FlashMessage flash />
                <div class="space-y-1">
                    <label for="account-email" class=LABEL>{t(auth::EMAIL)}</label>
                    <input id="account-email" type="email" class=INPUT readonly=true value=me.email.clone() aria-describedby="account-email-hint" />
                    <p id="account-email-hint" class=HINT>{t(auth::EMAIL_READONLY)}</p>
                </div>
                <TextField id="account-name" label=auth::FULL_NAME value=name field="name" error autocomplete="name" required=true />
                <TextField
                    id="account-phone"
                    label=auth::PHONE
                    kind="tel"
                    value=phone
                    field="phone"
                    error
                    hint=auth::PHONE_HINT
                    autocomplete="tel"
                    inputmode="tel"
                />
                <SelectField id="account-language" label=ui::LANGUAGE value=language options=languages field="language" error />
                <SubmitButton label=ui::SAVE pending />
            </form>
        </section>
    }
    .into_any()
}
