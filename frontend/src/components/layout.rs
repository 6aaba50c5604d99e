//! The app shell: skip link, top navigation (brand, organization switcher, language switch,
//! sign-in links or the user menu), the main region and a footer.

use leptos::prelude::*;

use super::button::{LINK, PRIMARY};
use super::lang_switch::LangSwitch;
use super::org_switcher::OrgSwitcher;
use super::user_menu::UserMenu;
use crate::i18n::{t, ui};
use crate::state::{AuthStatus, use_session};
use crate::util::encode;
use leptos_router::hooks::use_location;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    let signed_in = move || session.status.get() == AuthStatus::SignedIn;
    let signed_out = move || session.status.get() == AuthStatus::SignedOut;
    let location = use_location();
    // After a client-side navigation, move focus to the new page so screen readers announce it.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        location.pathname.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
        {
            let _ = main.focus();
        }
    });
    let login_href = move || {
        let path = location.pathname.get();
        if path == "/" || path.starts_with("/login") || path.starts_with("/signup") {
            "/login".to_owned()
        } else {
            let search = location.search.get();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            format!("/login?next={}", encode(&here))
        }
    };
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
            {t(ui::SKIP_TO_CONTENT)}
        </a>
        <header class="border-b border-gray-200 bg-white">
            <nav aria-label=t(ui::MAIN_NAV) class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                <a href="/" class="rounded-sm text-xl font-bold tracking-tight text-emerald-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
                    "Reckot"
                </a>
                <Show when=signed_in>
                    <OrgSwitcher />
                </Show>
                <div class="ml-auto flex items-center gap-3">
                    <LangSwitch />
                    <Show when=signed_in>
                        <UserMenu />
                    </Show>
                    <Show when=signed_out>
                        <a href=login_href class=LINK>
                            {t(ui::SIGN_IN)}
                        </a>
                        <a href="/signup" class=PRIMARY>
                            {t(ui::SIGN_UP)}
                        </a>
                    </Show>
                </div>
            </nav>
        </header>
        <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
            {children()}
        </main>
        <footer class="border-t border-gray-200 bg-white">
            <p class="mx-auto max-w-6xl px-4 py-4 text-sm text-gray-600">"Reckot · " {t(ui::FOOTER)}</p>
        </footer>
    }
}
