//! `/reset-password?token=`: "New password", "Set new password".

use common::auth::ConfirmPasswordReset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, precheck};
use crate::api;
use crate::components::button::{LINK, PRIMARY};
use crate::components::{ErrSignal, ErrorAlert, SubmitButton, TextField};
use crate::i18n::{auth, t, ui};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = query
        .read_untracked()
        .get("token")
        .filter(|t| !t.is_empty());
    let password = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let done = RwSignal::new(false);
    let has_token = token.is_some();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = token.clone() else { return };
        let body = ConfirmPasswordReset {
            token,
            password: password.get_untracked(),
        };
        if let Some(e) = precheck(&[], Some(("password", &body.password))) {
            error.set(Some(e));
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::auth::confirm_password_reset(&body).await {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <AuthCard title=auth::RESET_TITLE>
            <Show when=move || has_token fallback=|| view! {
                <p role="alert" class="text-gray-800">{t(auth::MISSING_TOKEN)}</p>
                <a href="/forgot-password" class=LINK>{t(auth::FORGOT)}</a>
            }>
                <Show
                    when=move || done.get()
                    fallback={
                        let on_submit = on_submit.clone();
                        move || {
                            let on_submit = on_submit.clone();
                            view! {
                                <form class="space-y-4" novalidate=true on:submit=on_submit>
                                    <ErrorAlert error />
                                    <TextField
                                        id="reset-password"
                                        label=auth::NEW_PASSWORD
                                        kind="password"
                                        value=password
                                        field="password"
                                        error
                                        hint=auth::PASSWORD_HINT
                                        autocomplete="new-password"
                                        required=true
                                    />
                                    <SubmitButton label=auth::SET_PASSWORD pending />
                                </form>
                                <a href="/forgot-password" class=LINK>{t(auth::FORGOT)}</a>
                            }
                        }
                    }
                >
                    <div role="status" class="space-y-4">
                        <p class="text-gray-800">{t(auth::RESET_DONE)}</p>
                        <a href="/login" class=PRIMARY>{t(ui::SIGN_IN)}</a>
                    </div>
                </Show>
            </Show>
        </AuthCard>
    }
}
