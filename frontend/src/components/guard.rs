//! Route guards: signed-in only (else to `/login?next=…`), platform admins only (else 403).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::status::{Forbidden, Loading};
use crate::state::{AuthStatus, use_session};
use crate::util::{current_path, encode};

/// Renders its children once the session is restored and signed in; sends others to sign in.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.status.get() == AuthStatus::SignedOut {
            let target = format!("/login?next={}", encode(&current_path()));
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match session.status.get() {
        AuthStatus::SignedIn => children().into_any(),
        _ => view! { <Loading /> }.into_any(),
    }
}

/// Renders its children for platform administrators, a 403 page for everyone else.
#[component]
pub fn RequireAdmin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    // A memo, so that profile updates (e.g. the language) do not re-mount the page.
    let is_admin = Memo::new(move |_| session.is_platform_admin());
    view! {
        <RequireAuth>
            {
                let children = children.clone();
                move || {
                    if is_admin.get() { children().into_any() } else { view! { <Forbidden /> }.into_any() }
                }
            }
        </RequireAuth>
    }
}
