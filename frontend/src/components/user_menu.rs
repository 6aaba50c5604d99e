//! The signed-in person's menu (a disclosure button): account, my tickets, admin area for
//! platform admins, sign out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::i18n::{checkout, t, ui};
use crate::state::use_session;

const ITEM: &str = "block w-full px-4 py-2 text-left text-sm text-gray-900 hover:bg-gray-100 focus-visible:bg-gray-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-emerald-600";

#[component]
pub fn UserMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let name = move || {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())
    };
    let sign_out = move |_| {
        open.set(false);
        // Leave guarded pages first, so they do not bounce to the sign-in page.
        navigate("/", Default::default());
        spawn_local(session.sign_out());
    };
    let container = NodeRef::<leptos::html::Div>::new();
    // Close when focus leaves the menu (a click elsewhere, Tab away). Later, so that a click on
    // an item in browsers that do not focus links still lands.
    let on_focus_out = move |ev: leptos::ev::FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
        let inside = match (container.get_untracked(), to) {
            (Some(c), Some(to)) => c.contains(Some(&to)),
            _ => false,
        };
        if !inside {
            set_timeout(
                move || open.set(false),
                std::time::Duration::from_millis(200),
            );
        }
    };
    view! {
        <div
            class="relative"
            node_ref=container
            on:focusout=on_focus_out
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    open.set(false);
                }
            }
        >
            <button
                type="button"
                id="user-menu-button"
                class="inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm font-medium text-gray-900 hover:bg-gray-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                aria-expanded=move || open.get().to_string()
                aria-controls="user-menu"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="max-w-[10rem] truncate">{name}</span>
                <span aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <ul id="user-menu" class="absolute right-0 z-20 mt-2 w-56 rounded-md border border-gray-200 bg-white py-1 shadow-lg">
                    <li>
                        <a href="/account" class=ITEM on:click=move |_| open.set(false)>
                            {t(ui::ACCOUNT)}
                        </a>
                    </li>
                    <li>
                        <a href="/me/tickets" class=ITEM on:click=move |_| open.set(false)>
                            {t(checkout::MY_TICKETS)}
                        </a>
                    </li>
                    <Show when=move || session.is_platform_admin()>
                        <li>
                            <a href="/admin" class=ITEM on:click=move |_| open.set(false)>
                                {t(ui::ADMIN_AREA)}
                            </a>
                        </li>
                    </Show>
                    <li>
                        <button type="button" class=ITEM on:click=sign_out.clone()>
                            {t(ui::SIGN_OUT)}
                        </button>
                    </li>
                </ul>
            </Show>
        </div>
    }
}
