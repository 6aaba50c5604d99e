//! `/login`: "Email", "Password", "Sign in", "Forgot your password?". On success goes to `?next=`
//! (same-site paths only), else the current organization's dashboard, else `/orgs/new`.
//! An unconfirmed address gets a "Resend the email" button.

use common::ErrorCode;
use common::auth::Login;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{AuthCard, precheck, resend};
use crate::api;
use crate::components::button::{LINK, SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, FlashMessage, SubmitButton, TextField};
use crate::i18n::{auth, t, ui, use_lang};
use crate::state::{AuthStatus, use_session};
use crate::util::{encode, safe_next};

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = move || safe_next(query.read_untracked().get("next"));
    let signup_href = move || match safe_next(query.read().get("next")) {
        Some(n) => format!("/signup?next={}", encode(&n)),
        None => "/signup".to_owned(),
    };
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let resend_pending = RwSignal::new(false);
    let flash = RwSignal::new(None);

    // Already signed in (e.g. session restored): go on.
    let go_on = navigate.clone();
    Effect::new(move |_| {
        if session.status.get() == AuthStatus::SignedIn && !pending.get_untracked() {
            let target = next().unwrap_or_else(|| session.home_path());
            go_on(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = Login {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        if let Some(e) = precheck(
            &[("email", &body.email), ("password", &body.password)],
            None,
        ) {
            error.set(Some(e));
            return;
        }
        pending.set(true);
        error.set(None);
        flash.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match api::auth::login(&body).await {
                Ok(token) => session.sign_in(token.access_token, lang).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => navigate(
                    &next().unwrap_or_else(|| session.home_path()),
                    Default::default(),
                ),
                Err(e) => {
                    error.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };
    let unverified = move || {
        error.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.is(ErrorCode::EmailNotVerified))
        })
    };

    view! {
        <AuthCard title=auth::LOGIN_TITLE>
            <form class="space-y-4" novalidate=true on:submit=on_submit>
                <ErrorAlert error />
                <FlashMessage flash />
                <Show when=unverified>
                    <button
                        type="button"
                        class=SECONDARY
                        disabled=move || resend_pending.get()
                        on:click=move |_| resend(email.get_untracked().trim().to_owned(), resend_pending, flash, error)
                    >
                        {t(auth::RESEND_EMAIL)}
                    </button>
                </Show>
                <TextField id="login-email" label=auth::EMAIL kind="email" value=email field="email" error autocomplete="email" required=true />
                <TextField
                    id="login-password"
                    label=auth::PASSWORD
                    kind="password"
                    value=password
                    field="password"
                    error
                    autocomplete="current-password"
                    required=true
                />
                <div class="flex flex-wrap items-center justify-between gap-3">
                    <SubmitButton label=auth::SIGN_IN pending pending_label=ui::LOADING />
                    <a href="/forgot-password" class=LINK>{t(auth::FORGOT)}</a>
                </div>
            </form>
            <p class="text-sm text-gray-700">
                {t(auth::NO_ACCOUNT)} " " <a href=signup_href class=LINK>{t(ui::SIGN_UP)}</a>
            </p>
        </AuthCard>
    }
}
