//! Every text a person reads, in English and French. Pages refer to constants such as
//! `i18n::auth::SIGN_IN`; [`t`] turns one into a reactive text that follows the language switch.
//! Error codes (problem `code` and field-error codes) are translated here too.

pub mod admin;
pub mod auth;
pub mod checkin;
pub mod checkout;
pub mod countries;
pub mod errors;
pub mod events;
pub mod finance;
pub mod members;
pub mod orgs;
pub mod public;
pub mod sales;
pub mod scanner;
pub mod ui;

use common::Lang;
use leptos::prelude::*;

pub use errors::{error_text, field_error_text};

/// One text in both languages: `Tr(english, french)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub &'static str, pub &'static str);

impl Tr {
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }

    /// The text with `{name}` placeholders filled in.
    pub fn fill(self, lang: Lang, vars: &[(&str, &str)]) -> String {
        vars.iter().fold(self.get(lang).to_owned(), |s, (k, v)| {
            s.replace(&format!("{{{k}}}"), v)
        })
    }
}

/// The interface language, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<I18n>().0
}

/// A reactive text for `view!`: `{t(ui::SAVE)}` or `aria-label=t(ui::LANGUAGE)`.
pub fn t(tr: Tr) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || tr.get(lang.get())
}

/// Role names as organizers read them.
pub fn role_name(role: common::Role) -> Tr {
    use common::Role;
    match role {
        Role::Owner => members::OWNER,
        Role::Admin => members::ADMIN,
        Role::Manager => members::MANAGER,
        Role::CheckinStaff => members::CHECKIN_STAFF,
        Role::Viewer => members::VIEWER,
    }
}

/// Tier (plan) names.
pub fn tier_name(tier: common::orgs::Tier) -> Tr {
    use common::orgs::Tier;
    match tier {
        Tier::Free => admin::FREE,
        Tier::Starter => admin::STARTER,
        Tier::Pro => admin::PRO,
        Tier::Enterprise => admin::ENTERPRISE,
    }
}
