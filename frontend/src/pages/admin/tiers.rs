//! Admin › Tiers: for each tier, the fee percent, who pays it, and a fixed fee per currency.

use std::str::FromStr;

use common::admin::{FeePayer, TierSettings, UpdateTierSettings};
use common::{Currency, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::api::{self, ApiError};
use crate::components::field::HINT;
use crate::components::status::LoadError;
use crate::components::{
    ErrSignal, ErrorAlert, Flash, FlashMessage, Loading, SelectField, SubmitButton, TextField,
};
use crate::i18n::{admin, t, tier_name, ui, use_lang};

#[component]
pub fn AdminTiers() -> impl IntoView {
    let tiers = RwSignal::new(None::<Result<Vec<TierSettings>, ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move { tiers.set(Some(api::admin::list_tiers().await)) });
    });
    move || {
        match tiers.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => view! { <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) /> }.into_any(),
        Some(Ok(list)) => view! {
            <div class="grid gap-6 lg:grid-cols-2">{list.into_iter().map(|s| view! { <TierForm settings=s /> }).collect_view()}</div>
        }
        .into_any(),
    }
    }
}

/// Parses a decimal typed with a dot or a comma; `None` for anything else.
fn parse_decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(&s.trim().replace(',', ".")).ok()
}

#[component]
fn TierForm(settings: TierSettings) -> impl IntoView {
    let lang = use_lang();
    let tier = settings.tier;
    let key = tier.as_str();
    let percent = RwSignal::new(settings.fee_percent.to_string());
    let payer = RwSignal::new(payer_key(settings.fee_payer).to_owned());
    let fixed: Vec<(Currency, RwSignal<String>)> = Currency::ALL
        .into_iter()
        .map(|c| {
            let v = settings
                .fee_fixed
                .iter()
                .find(|m| m.currency == c)
                .map(|m| m.amount.to_string())
                .unwrap_or_default();
            (c, RwSignal::new(v))
        })
        .collect();
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None);
    let pending = RwSignal::new(false);
    let payers = Signal::derive(move || {
        let l = lang.get();
        vec![
            ("buyer".to_owned(), admin::BUYER.get(l).to_owned()),
            ("organizer".to_owned(), admin::ORGANIZER.get(l).to_owned()),
        ]
    });
    let amounts = fixed.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems: Vec<(String, &str)> = Vec::new();
        let fee_percent = parse_decimal(&percent.get_untracked());
        if fee_percent.is_none_or(|p| p < Decimal::ZERO || p > Decimal::ONE_HUNDRED) {
            problems.push(("fee_percent".into(), "invalid_number"));
        }
        let mut fee_fixed = Vec::new();
        for (c, v) in &amounts {
            let raw = v.get_untracked();
            if raw.trim().is_empty() {
                continue;
            }
            match parse_decimal(&raw).filter(|d| *d >= Decimal::ZERO) {
                Some(amount)
                    if (Money {
                        amount,
                        currency: *c,
                    })
                    .to_minor()
                    .is_ok() =>
                {
                    fee_fixed.push(Money {
                        amount,
                        currency: *c,
                    })
                }
                Some(_) => problems.push((format!("fee_fixed.{}", c.code()), "too_precise")),
                None => problems.push((format!("fee_fixed.{}", c.code()), "invalid_number")),
            }
        }
        let refs: Vec<(&str, &str)> = problems.iter().map(|(f, c)| (f.as_str(), *c)).collect();
        if let Some(e) = ApiError::invalid(&refs) {
            error.set(Some(e));
            return;
        }
        let fee_payer = if payer.get_untracked() == "organizer" {
            FeePayer::Organizer
        } else {
            FeePayer::Buyer
        };
        let body = UpdateTierSettings {
            fee_percent,
            fee_fixed: Some(fee_fixed),
            fee_payer: Some(fee_payer),
        };
        pending.set(true);
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::admin::update_tier(tier, &body).await {
                Ok(saved) => {
                    percent.set(saved.fee_percent.to_string());
                    flash.set(Some(Flash::with(move |l| {
                        admin::TIER_SAVED.fill(l, &[("tier", tier_name(tier).get(l))])
                    })));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let percent_id = format!("tier-{key}-percent");
    let payer_id = format!("tier-{key}-payer");
    view! {
        <form class="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm" novalidate=true on:submit=on_submit>
            <h2 class="text-lg font-semibold text-gray-900">{t(tier_name(tier))}</h2>
            <ErrorAlert error />
            <FlashMessage flash />
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField id=percent_id label=admin::FEE_PERCENT value=percent field="fee_percent" error inputmode="decimal" />
                <SelectField id=payer_id label=admin::FEE_PAYER value=payer options=payers field="fee_payer" error />
            </div>
            <fieldset class="space-y-2">
                <legend class="text-sm font-medium text-gray-900">{t(admin::FIXED_FEES)}</legend>
                <p class=HINT>{t(admin::FIXED_FEES_HINT)}</p>
                <div class="grid grid-cols-2 gap-3 sm:grid-cols-3">
                    {fixed
                        .into_iter()
                        .map(|(c, v)| {
                            let id = format!("tier-{key}-fixed-{}", c.code());
                            let field = format!("fee_fixed.{}", c.code());
                            view! { <TextField id label=crate::i18n::Tr(c.code(), c.code()) value=v field error inputmode="decimal" /> }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <SubmitButton label=ui::SAVE pending />
        </form>
    }
}

fn payer_key(p: FeePayer) -> &'static str {
    match p {
        FeePayer::Buyer => "buyer",
        FeePayer::Organizer => "organizer",
    }
}
