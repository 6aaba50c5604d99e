//! Sign-up, email confirmation, sign-in and password reset pages, and their shared pieces.

pub mod forgot_password;
pub mod login;
pub mod reset_password;
pub mod signup;
pub mod verify_email;

pub use forgot_password::ForgotPasswordPage;
pub use login::LoginPage;
pub use reset_password::ResetPasswordPage;
pub use signup::SignupPage;
pub use verify_email::VerifyEmailPage;

use common::auth::{PASSWORD_MIN_LEN, ResendVerification};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, PageTitle, SubmitButton, TextField,
};
use crate::i18n::{Tr, auth, t, ui};

/// A narrow centered card with the page's `<h1>`.
#[component]
pub fn AuthCard(title: Tr, children: Children) -> impl IntoView {
    view! {
        <PageTitle tr=title />
        <section class="mx-auto w-full max-w-md space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 class="text-2xl font-bold text-gray-900">{t(title)}</h1>
            {children()}
        </section>
    }
}

/// Client-side checks before a call: empty required fields and short passwords.
pub fn precheck(
    required: &[(&'static str, &str)],
    password: Option<(&'static str, &str)>,
) -> Option<ApiError> {
    let mut errors: Vec<(&str, &str)> = required
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(f, _)| (*f, "required"))
        .collect();
    if let Some((field, pw)) = password
        && !errors.iter().any(|(f, _)| *f == field)
        && (pw.chars().count() as u64) < PASSWORD_MIN_LEN
    {
        errors.push((field, "password_length"));
    }
    ApiError::invalid(&errors)
}

/// Asks for a new confirmation email for `email`, reporting into `flash`/`error`.
pub fn resend(
    email: String,
    pending: RwSignal<bool>,
    flash: RwSignal<Option<Flash>>,
    error: ErrSignal,
) {
    if let Some(e) = precheck(&[("email", &email)], None) {
        error.set(Some(e));
        return;
    }
    pending.set(true);
    error.set(None);
    spawn_local(async move {
        match api::auth::resend_verification(&ResendVerification { email }).await {
            Ok(()) => flash.set(Some(Flash::new(auth::RESENT))),
            Err(e) => error.set(Some(e)),
        }
        pending.set(false);
    });
}

/// "Enter your email to get a new link": used when a confirmation link failed.
#[component]
pub fn ResendForm() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let flash = RwSignal::new(None);
    let error: ErrSignal = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        resend(
            email.get_untracked().trim().to_owned(),
            pending,
            flash,
            error,
        );
    };
    view! {
        <form class="space-y-4" novalidate=true on:submit=on_submit>
            <p class="text-gray-700">{t(auth::VERIFY_RESEND_INTRO)}</p>
            <ErrorAlert error />
            <FlashMessage flash />
            <TextField id="resend-email" label=auth::EMAIL kind="email" value=email field="email" error autocomplete="email" required=true />
            <SubmitButton label=auth::RESEND_EMAIL pending pending_label=ui::SENDING />
        </form>
    }
}
