//! `/forgot-password`: "Email", "Send reset link". The answer is the same whether or not the address
//! has an account.

use common::auth::RequestPasswordReset;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AuthCard, precheck};
use crate::api;
use crate::components::button::LINK;
use crate::components::{ErrSignal, ErrorAlert, Flash, FlashMessage, SubmitButton, TextField};
use crate::i18n::{auth, t, ui};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let flash = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RequestPasswordReset {
            email: email.get_untracked().trim().to_owned(),
        };
        if let Some(e) = precheck(&[("email", &body.email)], None) {
            error.set(Some(e));
            return;
        }
        pending.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::auth::request_password_reset(&body).await {
                Ok(()) => flash.set(Some(Flash::new(auth::RESET_SENT))),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <AuthCard title=auth::FORGOT_TITLE>
            <form class="space-y-4" novalidate=true on:submit=on_submit>
                <p class="text-gray-700">{t(auth::FORGOT_INTRO)}</p>
                <ErrorAlert error />
                <FlashMessage flash />
                <TextField id="forgot-email" label=auth::EMAIL kind="email" value=email field="email" error autocomplete="email" required=true />
                <SubmitButton label=auth::SEND_RESET pending pending_label=ui::SENDING />
            </form>
            <a href="/login" class=LINK>{t(ui::SIGN_IN)}</a>
        </AuthCard>
    }
}
