//! `/invitations/accept?token=`: shows the invitation (organization, role, inviter, address,
//! expiry). Signed out: sign in / create an account, coming back here after. Signed in:
//! "Accept invitation", then the organization's dashboard.

use common::orgs::{AcceptInvitation, InvitationPreview};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::PageTitle;
use crate::components::button::{LINK, PRIMARY, SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, Loading};
use crate::i18n::{members as m, role_name, t, ui, use_lang};
use crate::pages::auth::AuthCard;
use crate::state::{AuthStatus, use_session};
use crate::util::{encode, format_date};

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = query
        .read_untracked()
        .get("token")
        .filter(|t| !t.is_empty())
        .unwrap_or_default();
    let preview = RwSignal::new(None::<Result<InvitationPreview, ApiError>>);
    if token.is_empty() {
        preview.set(Some(Err(ApiError::from_code(
            common::ErrorCode::InvitationInvalid,
        ))));
    } else {
        let token = token.clone();
        spawn_local(async move { preview.set(Some(api::members::get_invitation(&token).await)) });
    }
    move || match preview.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => view! {
            <AuthCard title=m::ACCEPT>
                <ErrorAlert error=RwSignal::new(Some(e)) />
                <a href="/" class=LINK>{t(ui::BACK_HOME)}</a>
            </AuthCard>
        }
        .into_any(),
        Some(Ok(p)) => view! { <Preview preview=p token=token.clone() /> }.into_any(),
    }
}

#[component]
fn Preview(preview: InvitationPreview, token: String) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let here = format!("/invitations/accept?token={}", encode(&token));
    let login_href = format!("/login?next={}", encode(&here));
    let signup_href = format!("/signup?next={}", encode(&here));
    let org = preview.organization_name.clone();
    let email = preview.email.clone();
    let expires = preview.expires_at;
    let heading = move || m::INVITED_HEADING.fill(lang.get(), &[("org", &org)]);
    let signed_out_text = {
        let email = email.clone();
        move || m::ACCEPT_SIGNED_OUT.fill(lang.get(), &[("email", &email)])
    };
    let accept = move |_| {
        pending.set(true);
        error.set(None);
        let body = AcceptInvitation {
            token: token.clone(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::members::accept_invitation(&body).await {
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
        <PageTitle tr=m::ACCEPT />
        <section class="mx-auto w-full max-w-md space-y-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 class="text-2xl font-bold text-gray-900">{heading}</h1>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt class="font-medium text-gray-600">{t(m::ROLE)}</dt>
                <dd class="text-gray-900">{t(role_name(preview.role))}</dd>
                {preview
                    .invited_by
                    .clone()
                    .map(|by| {
                        view! {
                            <dt class="font-medium text-gray-600">{t(m::INVITED_BY)}</dt>
                            <dd class="text-gray-900">{by}</dd>
                        }
                    })}
                <dt class="font-medium text-gray-600">{t(m::SENT_TO)}</dt>
                <dd class="text-gray-900">{email}</dd>
                <dt class="font-medium text-gray-600">{t(m::EXPIRES)}</dt>
                <dd class="text-gray-900">{move || format_date(&expires, lang.get())}</dd>
            </dl>
            <ErrorAlert error />
            {move || match session.status.get() {
                AuthStatus::Unknown => view! { <Loading /> }.into_any(),
                AuthStatus::SignedIn => view! {
                    <button type="button" class=PRIMARY disabled=move || pending.get() on:click=accept.clone()>
                        {move || if pending.get() { t(m::ACCEPTING)() } else { t(m::ACCEPT)() }}
                    </button>
                }
                .into_any(),
                AuthStatus::SignedOut => view! {
                    <p class="text-gray-700">{signed_out_text.clone()}</p>
                    <div class="flex flex-wrap gap-3">
                        <a href=login_href.clone() class=PRIMARY>{t(ui::SIGN_IN)}</a>
                        <a href=signup_href.clone() class=SECONDARY>{t(m::CREATE_ACCOUNT)}</a>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
