//! `/signup`: "Full name", "Email", "Password", "Create account"; then "Check your email".
//! The server answers 202 for every valid body, so nothing here reveals whether an address exists.

use common::auth::Signup;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, precheck};
use crate::api;
use crate::components::button::LINK;
use crate::components::{ErrSignal, ErrorAlert, SubmitButton, TextField};
use crate::i18n::{auth, t, ui, use_lang};
use crate::util::{encode, safe_next};

#[component]
pub fn SignupPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let login_href = move || match safe_next(query.read().get("next")) {
        Some(next) => format!("/login?next={}", encode(&next)),
        None => "/login".to_owned(),
    };
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let sent_to = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = Signup {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            language: Some(lang.get_untracked()),
        };
        if let Some(e) = precheck(
            &[("name", &body.name), ("email", &body.email)],
            Some(("password", &body.password)),
        ) {
            error.set(Some(e));
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::auth::signup(&body).await {
                Ok(()) => sent_to.set(Some(body.email)),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    move || {
        match sent_to.get() {
        Some(address) => view! {
            <AuthCard title=auth::CHECK_EMAIL_TITLE>
                <div role="status" class="space-y-4">
                    <p class="text-gray-700">{move || auth::CHECK_EMAIL_TEXT.fill(lang.get(), &[("email", &address)])}</p>
                    <a href=login_href class=LINK>{t(ui::SIGN_IN)}</a>
                </div>
            </AuthCard>
        }
        .into_any(),
        None => view! {
            <AuthCard title=auth::SIGNUP_TITLE>
                <form class="space-y-4" novalidate=true on:submit=on_submit>
                    <ErrorAlert error />
                    <TextField id="signup-name" label=auth::FULL_NAME value=name field="name" error autocomplete="name" required=true />
                    <TextField id="signup-email" label=auth::EMAIL kind="email" value=email field="email" error autocomplete="email" required=true />
                    <TextField
                        id="signup-password"
                        label=auth::PASSWORD
                        kind="password"
                        value=password
                        field="password"
                        error
                        hint=auth::PASSWORD_HINT
                        autocomplete="new-password"
                        required=true
                    />
                    <SubmitButton label=auth::CREATE_ACCOUNT pending pending_label=ui::SENDING />
                </form>
                <p class="text-sm text-gray-700">
                    {t(auth::HAVE_ACCOUNT)} " " <a href=login_href class=LINK>{t(ui::SIGN_IN)}</a>
                </p>
            </AuthCard>
        }
        .into_any(),
    }
    }
}
