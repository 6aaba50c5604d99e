//! Admin › Payment gateways: one card per gateway (test, CamPay, pawaPay, Flutterwave) with
//! whether it is active, where its configuration comes from, the currencies it serves and which
//! credentials are set (names only: the API never returns their values). CamPay, pawaPay and
//! Flutterwave have a "Configure" dialog: on or off, currencies, and one password input per
//! credential (empty keeps the stored value; "Remove" clears it). The test gateway is read-only.

use std::collections::BTreeMap;

use common::gateways::{GatewayConfig, GatewaySource, UpdateGatewayConfig};
use common::orders::PaymentMethod;
use common::{Currency, ErrorCode, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::button::SMALL_SECONDARY;
use crate::components::field::{HINT, field_message};
use crate::components::status::LoadError;
use crate::components::{
    CheckboxField, ErrSignal, Flash, FlashMessage, FormDialog, Loading, TextField,
};
use crate::i18n::{Tr, admin, t, use_lang};
use crate::pages::orders::order_parts::method_name;
use crate::time::format_datetime;

const PILL: &str = "inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold";
const FIELD_ERROR: &str = "text-sm font-medium text-red-800";

/// A credential field's label, by the API's name.
pub fn credential_label(name: &str) -> Tr {
    match name {
        "base_url" => admin::CRED_BASE_URL,
        "token" => admin::CRED_TOKEN,
        "username" => admin::CRED_USERNAME,
        "password" => admin::CRED_PASSWORD,
        "webhook_key" => admin::CRED_WEBHOOK_KEY,
        "api_token" => admin::CRED_API_TOKEN,
        "callback_url" => admin::CRED_CALLBACK_URL,
        "secret_key" => admin::CRED_SECRET_KEY,
        "secret_hash" => admin::CRED_SECRET_HASH,
        _ => admin::CRED_OTHER,
    }
}

pub fn source_text(s: GatewaySource) -> Tr {
    match s {
        GatewaySource::None => admin::SOURCE_NONE,
        GatewaySource::Environment => admin::SOURCE_ENVIRONMENT,
        GatewaySource::Admin => admin::SOURCE_ADMIN,
    }
}

/// Only the real gateways are configured here; the test gateway follows `TEST_GATEWAY`.
pub fn configurable(method: PaymentMethod) -> bool {
    method != PaymentMethod::Test
}

/// One credential as the dialog holds it: the typed value and whether "Remove" is ticked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CredentialInput {
    pub value: String,
    pub remove: bool,
}

/// The request from the dialog: ticked currencies in the gateway's order (none: all it
/// supports); a credential is sent empty when removed, sent when typed, left out otherwise
/// (the stored value stays).
pub fn update_body(
    enabled: bool,
    supported: &[Currency],
    ticked: &[Currency],
    credentials: &[(String, CredentialInput)],
) -> UpdateGatewayConfig {
    UpdateGatewayConfig {
        enabled,
        currencies: supported
            .iter()
            .copied()
            .filter(|c| ticked.contains(c))
            .collect(),
        credentials: credentials
            .iter()
            .filter_map(|(name, input)| {
                if input.remove {
                    Some((name.clone(), String::new()))
                } else if input.value.trim().is_empty() {
                    None
                } else {
                    Some((name.clone(), input.value.trim().to_owned()))
                }
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

/// "XAF, XOF" from a list of currencies.
fn codes(list: &[Currency]) -> String {
    list.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
}

/// The currencies a gateway serves, as the card says it.
pub fn currencies_text(g: &GatewayConfig, lang: Lang) -> String {
    if g.currencies.is_empty() {
        admin::ALL_SUPPORTED.fill(lang, &[("list", &codes(&g.supported_currencies))])
    } else {
        codes(&g.currencies)
    }
}

/// Which credentials are set, as the card says it (names, never values).
pub fn credentials_text(g: &GatewayConfig, lang: Lang) -> String {
    if !g.credentials_set.is_empty() {
        let names: Vec<&str> = g
            .credentials_set
            .iter()
            .map(|n| credential_label(n).get(lang))
            .collect();
        admin::CREDENTIALS_SET.fill(lang, &[("list", &names.join(", "))])
    } else if g.source == GatewaySource::Environment {
        admin::CREDENTIALS_FROM_ENV.get(lang).to_owned()
    } else {
        admin::CREDENTIALS_NONE.get(lang).to_owned()
    }
}

#[component]
pub fn AdminGateways() -> impl IntoView {
    let list = RwSignal::new(None::<Result<Vec<GatewayConfig>, ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move { list.set(Some(api::admin::list_gateway_configs().await)) });
    });
    let flash = RwSignal::new(None::<Flash>);
    let target = RwSignal::new(None::<GatewayConfig>);
    let open = RwSignal::new(false);
    // Closed (saved, cancelled or Escape): the form goes away with what was typed in it.
    Effect::new(move |_| {
        if !open.get() {
            target.set(None);
        }
    });
    let configure = Callback::new(move |g: GatewayConfig| {
        flash.set(None);
        target.set(Some(g));
        open.set(true);
    });
    let on_saved = Callback::new(move |fresh: GatewayConfig| {
        let method = fresh.method;
        list.update(|l| {
            if let Some(Ok(all)) = l
                && let Some(slot) = all.iter_mut().find(|g| g.method == method)
            {
                *slot = fresh;
            }
        });
        flash.set(Some(Flash::with(move |l| {
            admin::GATEWAY_SAVED.fill(l, &[("gateway", method_name(method, l))])
        })));
        open.set(false);
    });

    view! {
        <div class="space-y-4">
            <p class="max-w-3xl text-sm text-gray-700">{t(admin::GATEWAYS_INTRO)}</p>
            <p class="max-w-3xl text-sm text-gray-700">{t(admin::VALUES_NEVER_SHOWN)}</p>
            <FlashMessage flash />
            {move || match list.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(e)) => {
                    view! { <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }
                        .into_any()
                }
                Some(Ok(all)) => {
                    view! {
                        <div class="grid gap-6 lg:grid-cols-2">
                            {all.into_iter().map(|g| view! { <GatewayCard gateway=g configure /> }).collect_view()}
                        </div>
                    }
                        .into_any()
                }
            }}
            {move || target.get().map(|g| view! { <GatewayDialog gateway=g open on_saved /> })}
        </div>
    }
}

#[component]
fn GatewayCard(gateway: GatewayConfig, configure: Callback<GatewayConfig>) -> impl IntoView {
    let lang = use_lang();
    let method = gateway.method;
    let key = method.as_str();
    let heading_id = format!("gateway-{key}-title");
    let labelled_by = heading_id.clone();
    let (pill, state) = if gateway.active {
        ("bg-emerald-100 text-emerald-900", admin::GATEWAY_ACTIVE)
    } else {
        ("bg-gray-200 text-gray-900", admin::GATEWAY_INACTIVE)
    };
    let switched_off = gateway.source == GatewaySource::Admin && !gateway.enabled;
    let g = gateway.clone();
    let details = move || {
        let l = lang.get();
        (
            source_text(g.source).get(l),
            currencies_text(&g, l),
            credentials_text(&g, l),
            g.updated_at.map(|at| {
                admin::GATEWAY_UPDATED.fill(l, &[("when", &format_datetime(&at, None, l))])
            }),
        )
    };
    let action = if configurable(method) {
        let for_click = gateway.clone();
        view! {
            <button
                type="button"
                class=SMALL_SECONDARY
                aria-label=move || admin::CONFIGURE_GATEWAY.fill(lang.get(), &[("gateway", method_name(method, lang.get()))])
                on:click=move |_| configure.run(for_click.clone())
            >
                {t(admin::CONFIGURE)}
            </button>
        }
        .into_any()
    } else {
        view! { <p class=HINT>{t(admin::TEST_READ_ONLY)}</p> }.into_any()
    };
    view! {
        <article
            aria-labelledby=labelled_by
            data-gateway=key
            class="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
        >
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 id=heading_id class="text-lg font-semibold text-gray-900">
                    {move || method_name(method, lang.get())}
                </h2>
                <span class=format!("{PILL} {pill}")>{t(state)}</span>
            </div>
            {move || {
                let (source, currencies, credentials, updated) = details();
                view! {
                    <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                        <dt class="font-medium text-gray-700">{t(admin::SOURCE)}</dt>
                        <dd class="text-gray-900">{source}</dd>
                        <dt class="font-medium text-gray-700">{t(admin::CURRENCIES)}</dt>
                        <dd class="text-gray-900">{currencies}</dd>
                        <dt class="font-medium text-gray-700">{t(admin::CREDENTIALS)}</dt>
                        <dd class="text-gray-900">{credentials}</dd>
                    </dl>
                    {updated.map(|u| view! { <p class=HINT>{u}</p> })}
                }
            }}
            {switched_off.then(|| view! { <p class="text-sm font-medium text-amber-900">{t(admin::SWITCHED_OFF)}</p> })}
            {action}
        </article>
    }
}

/// The "Configure" form of one gateway, fresh each time it opens (nothing typed is kept).
#[component]
fn GatewayDialog(
    gateway: GatewayConfig,
    open: RwSignal<bool>,
    on_saved: Callback<GatewayConfig>,
) -> impl IntoView {
    let lang = use_lang();
    let method = gateway.method;
    let key = method.as_str();
    let enabled = RwSignal::new(gateway.enabled);
    let supported = gateway.supported_currencies.clone();
    let ticked: Vec<(Currency, RwSignal<bool>)> = supported
        .iter()
        .map(|c| (*c, RwSignal::new(gateway.currencies.contains(c))))
        .collect();
    let fields: Vec<(String, RwSignal<String>, RwSignal<bool>, bool)> = gateway
        .credential_fields
        .iter()
        .map(|name| {
            let set = gateway.credentials_set.contains(name);
            (
                name.clone(),
                RwSignal::new(String::new()),
                RwSignal::new(false),
                set,
            )
        })
        .collect();
    let pending = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let title = Signal::derive(move || {
        admin::CONFIGURE_GATEWAY.fill(lang.get(), &[("gateway", method_name(method, lang.get()))])
    });
    let replaces_env = gateway.source == GatewaySource::Environment;

    let (for_submit_ticked, for_submit_fields) = (ticked.clone(), fields.clone());
    let on_submit = Callback::new(move |()| {
        let chosen: Vec<Currency> = for_submit_ticked
            .iter()
            .filter(|(_, on)| on.get_untracked())
            .map(|(c, _)| *c)
            .collect();
        let inputs: Vec<(String, CredentialInput)> = for_submit_fields
            .iter()
            .map(|(name, value, remove, _)| {
                (
                    name.clone(),
                    CredentialInput {
                        value: value.get_untracked(),
                        remove: remove.get_untracked(),
                    },
                )
            })
            .collect();
        let body = update_body(enabled.get_untracked(), &supported, &chosen, &inputs);
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::admin::update_gateway_config(method, &body).await {
                Ok(fresh) => on_saved.run(fresh),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    });

    // The only conflict from this dialog: the server has no key to seal credentials with.
    let no_key = move || {
        error.with(|e| matches!(e, Some(ApiError::Problem(p)) if p.code == ErrorCode::Conflict))
    };
    let currencies_error = field_message(Some(error), "currencies".to_owned());
    let credentials_error = field_message(Some(error), "credentials".to_owned());
    let currencies_err_id = format!("gateway-{key}-currencies-error");
    let credentials_err_id = format!("gateway-{key}-credentials-error");
    let (currencies_described, credentials_described) =
        (currencies_err_id.clone(), credentials_err_id.clone());

    view! {
        <FormDialog
            id="gateway-dialog"
            open
            title
            submit_label=crate::i18n::ui::SAVE
            pending
            error
            on_submit
        >
            {move || no_key().then(|| view! { <p class=FIELD_ERROR>{t(admin::NO_CREDENTIALS_KEY)}</p> })}
            <CheckboxField id=format!("gateway-{key}-enabled") label=admin::GATEWAY_ENABLED checked=enabled hint=admin::GATEWAY_ENABLED_HINT />
            <fieldset class="space-y-2" aria-describedby=currencies_described>
                <legend class="text-sm font-medium text-gray-900">{t(admin::CURRENCIES_SERVED)}</legend>
                <p class=HINT>{t(admin::CURRENCIES_HINT)}</p>
                <div class="flex flex-wrap gap-x-5 gap-y-2">
                    {ticked
                        .into_iter()
                        .map(|(c, on)| {
                            let id = format!("gateway-{key}-currency-{}", c.code());
                            view! {
                                <div class="flex items-center gap-2">
                                    <input
                                        id=id.clone()
                                        type="checkbox"
                                        class="h-4 w-4 rounded border-gray-400 text-emerald-700 focus:ring-2 focus:ring-emerald-600"
                                        bind:checked=on
                                    />
                                    <label for=id class="text-sm text-gray-900">{c.code()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                <p id=currencies_err_id class=FIELD_ERROR>{currencies_error}</p>
            </fieldset>
            <fieldset class="space-y-3" aria-describedby=credentials_described>
                <legend class="text-sm font-medium text-gray-900">{t(admin::CREDENTIALS)}</legend>
                <p class=HINT>{t(admin::CREDENTIALS_HINT)}</p>
                {replaces_env.then(|| view! { <p class="text-sm font-medium text-amber-900">{t(admin::REPLACES_ENVIRONMENT)}</p> })}
                <p id=credentials_err_id class=FIELD_ERROR>{credentials_error}</p>
                {fields
                    .into_iter()
                    .map(|(name, value, remove, set)| {
                        let label = credential_label(&name);
                        let id = format!("gateway-{key}-{name}");
                        let field = format!("credentials.{name}");
                        let hint = if set { admin::CREDENTIAL_IS_SET } else { admin::CREDENTIAL_NOT_SET };
                        let remove_id = format!("gateway-{key}-{name}-remove");
                        view! {
                            <div class="space-y-1">
                                <TextField
                                    id
                                    label
                                    value
                                    field
                                    error
                                    kind="password"
                                    autocomplete="new-password"
                                    hint
                                    disabled=Signal::derive(move || remove.get())
                                />
                                {set.then(|| view! {
                                    <div class="flex items-center gap-2">
                                        <input
                                            id=remove_id.clone()
                                            type="checkbox"
                                            class="h-4 w-4 rounded border-gray-400 text-red-700 focus:ring-2 focus:ring-red-600"
                                            bind:checked=remove
                                        />
                                        <label for=remove_id class="text-sm text-gray-900">
                                            {move || admin::REMOVE_CREDENTIAL.fill(lang.get(), &[("name", label.get(lang.get()))])}
                                        </label>
                                    </div>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::{CredentialInput, update_body};
    use common::Currency;

    #[test]
    fn the_body_keeps_removes_or_sets_each_credential() {
        let creds = vec![
            ("base_url".to_owned(), CredentialInput::default()),
            (
                "secret_key".to_owned(),
                CredentialInput {
                    value: "  sk-1 ".into(),
                    remove: false,
                },
            ),
            (
                "secret_hash".to_owned(),
                CredentialInput {
                    value: "typed but removed".into(),
                    remove: true,
                },
            ),
        ];
        let body = update_body(true, &[Currency::XAF, Currency::NGN], &[], &creds);
        assert!(body.enabled);
        assert!(body.currencies.is_empty(), "none ticked: all it supports");
        assert_eq!(body.credentials.get("base_url"), None, "empty: kept");
        assert_eq!(body.credentials["secret_key"], "sk-1");
        assert_eq!(body.credentials["secret_hash"], "", "removed: sent empty");
    }

    #[test]
    fn the_body_lists_only_supported_currencies_in_their_order() {
        let body = update_body(
            false,
            &[Currency::XAF, Currency::XOF, Currency::NGN],
            &[Currency::NGN, Currency::USD, Currency::XAF],
            &[],
        );
        assert!(!body.enabled);
        assert_eq!(body.currencies, vec![Currency::XAF, Currency::NGN]);
        assert!(body.credentials.is_empty());
    }
}
