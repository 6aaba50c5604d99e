//! `/verify-email?token=`: confirms the address at load. Success: "Your email is confirmed" and a
//! "Sign in" link; failure: the reason and a form to get a new link.

use common::auth::VerifyEmail;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, ResendForm};
use crate::api::{self, ApiError};
use crate::components::button::PRIMARY;
use crate::components::{ErrSignal, ErrorAlert, Loading};
use crate::i18n::{auth, t, ui};

#[derive(Clone, PartialEq)]
enum State {
    Checking,
    Confirmed,
    Failed,
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let state = RwSignal::new(State::Checking);
    let error: ErrSignal = RwSignal::new(None);
    let token = query
        .read_untracked()
        .get("token")
        .filter(|t| !t.is_empty());
    match token {
        Some(token) => spawn_local(async move {
            match api::auth::verify_email(&VerifyEmail { token }).await {
                Ok(()) => state.set(State::Confirmed),
                Err(e) => {
                    error.set(Some(e));
                    state.set(State::Failed);
                }
            }
        }),
        None => {
            error.set(ApiError::invalid(&[("token", "required")]));
            state.set(State::Failed);
        }
    }
    view! {
        <AuthCard title=auth::VERIFY_TITLE>
            {move || match state.get() {
                State::Checking => view! { <Loading /> }.into_any(),
                State::Confirmed => view! {
                    <div role="status" class="space-y-4">
                        <h2 class="text-xl font-semibold text-emerald-800">{t(auth::VERIFIED)}</h2>
                        <p class="text-gray-700">{t(auth::VERIFIED_TEXT)}</p>
                        <a href="/login" class=PRIMARY>{t(ui::SIGN_IN)}</a>
                    </div>
                }
                .into_any(),
                State::Failed => view! {
                    <div class="space-y-4">
                        <h2 class="text-xl font-semibold text-gray-900">{t(auth::VERIFY_FAILED)}</h2>
                        <ErrorAlert error />
                        <ResendForm />
                    </div>
                }
                .into_any(),
            }}
        </AuthCard>
    }
}
