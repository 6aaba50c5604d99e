//! Platform admins configure payment gateways: on or off, the currencies each serves, and
//! credentials that are sealed before they are stored (`crate::sealed`) and never returned.
//! A configuration is validated by building its client (half a configuration is refused, as at
//! boot), then applied to this instance at once and to the others on their worker's next tick.

use std::collections::BTreeMap;

use common::gateways::{GatewayConfig, GatewaySource, UpdateGatewayConfig};
use common::orders::PaymentMethod;
use common::{Currency, ErrorCode, FieldError};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::gateways::{AdminGateway, takes};
use crate::sealed::Sealer;
use crate::settings::GatewaySettings;
use crate::state::AppState;

/// The gateways an admin can configure, with their credential fields and env prefix.
const CONFIGURABLE: [(PaymentMethod, &str, &[&str]); 3] = [
    (
        PaymentMethod::Campay,
        "CAMPAY_",
        &["base_url", "token", "username", "password", "webhook_key"],
    ),
    (
        PaymentMethod::Pawapay,
        "PAWAPAY_",
        &["base_url", "api_token", "callback_url"],
    ),
    (
        PaymentMethod::Flutterwave,
        "FLUTTERWAVE_",
        &["base_url", "secret_key", "secret_hash"],
    ),
];

fn fields_of(method: PaymentMethod) -> Option<(&'static str, &'static [&'static str])> {
    CONFIGURABLE
        .iter()
        .find(|(m, _, _)| *m == method)
        .map(|(_, prefix, fields)| (*prefix, *fields))
}

fn sealer(state: &AppState) -> Option<Sealer> {
    state
        .settings
        .gateway_credentials_key
        .as_ref()
        .map(|k| Sealer::new(k.expose_secret()))
}

/// One stored configuration, opened.
struct Stored {
    method: PaymentMethod,
    enabled: bool,
    currencies: Vec<String>,
    credentials: BTreeMap<String, String>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

async fn stored(state: &AppState) -> AppResult<Vec<Stored>> {
    let rows = db::gateway_configs::all(&state.db).await?;
    let sealer = sealer(state);
    let mut out = Vec::new();
    for row in rows {
        let Some(method) = PaymentMethod::parse(&row.method) else {
            continue;
        };
        let credentials = match (&row.sealed_credentials, &sealer) {
            (None, _) => BTreeMap::new(),
            (Some(sealed), Some(sealer)) => match sealer.open(&row.method, sealed) {
                Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
                Err(e) => {
                    tracing::error!(gateway = %row.method, error = %e, "stored gateway credentials do not open: gateway left off");
                    BTreeMap::new()
                }
            },
            (Some(_), None) => {
                tracing::error!(gateway = %row.method, "GATEWAY_CREDENTIALS_KEY is not set: stored gateway credentials ignored");
                BTreeMap::new()
            }
        };
        out.push(Stored {
            method,
            enabled: row.enabled,
            currencies: serde_json::from_value(row.currencies.clone()).unwrap_or_default(),
            credentials,
            updated_at: row.updated_at,
        });
    }
    Ok(out)
}

/// The gateway's settings from its credential fields, validated like the environment's.
fn settings_of(
    state: &AppState,
    method: PaymentMethod,
    credentials: &BTreeMap<String, String>,
) -> Result<GatewaySettings, String> {
    let Some((prefix, _)) = fields_of(method) else {
        return Err("not configurable".into());
    };
    let lookup = |name: &str| {
        name.strip_prefix(prefix)
            .and_then(|field| credentials.get(&field.to_lowercase()))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    GatewaySettings::from_vars(lookup, state.settings.is_production()).map_err(|e| e.to_string())
}

fn admin_gateways(state: &AppState, all: &[Stored]) -> Vec<AdminGateway> {
    all.iter()
        .map(|s| AdminGateway {
            method: s.method,
            enabled: s.enabled,
            currencies: s.currencies.clone(),
            settings: settings_of(state, s.method, &s.credentials).unwrap_or_default(),
        })
        .collect()
}

/// Applies the stored configuration to this instance; when `only_if_changed`, only when it
/// changed since the last load (the worker's tick).
pub async fn apply(state: &AppState, only_if_changed: bool) -> AppResult<()> {
    let all = stored(state).await?;
    let latest = all.iter().map(|s| s.updated_at).max();
    if only_if_changed && !state.gateways.admin_version_changed(latest) {
        return Ok(());
    }
    state
        .gateways
        .reload(&state.settings, &admin_gateways(state, &all), latest);
    Ok(())
}

fn supported(method: PaymentMethod) -> Vec<Currency> {
    Currency::ALL
        .into_iter()
        .filter(|c| takes(method, c.code()))
        .collect()
}

fn env_configured(state: &AppState, method: PaymentMethod) -> bool {
    let g = &state.settings.gateways;
    match method {
        PaymentMethod::Campay => g.campay.is_some(),
        PaymentMethod::Pawapay => g.pawapay.is_some(),
        PaymentMethod::Flutterwave => g.flutterwave.is_some(),
        PaymentMethod::Test => state.settings.test_gateway,
    }
}

fn dto(state: &AppState, method: PaymentMethod, stored: Option<&Stored>) -> GatewayConfig {
    let fields = fields_of(method).map_or(&[][..], |(_, f)| f);
    GatewayConfig {
        method,
        active: state.gateways.get(method.as_str()).is_some(),
        source: match stored {
            Some(_) => GatewaySource::Admin,
            None if env_configured(state, method) => GatewaySource::Environment,
            None => GatewaySource::None,
        },
        enabled: stored.is_none_or(|s| s.enabled),
        currencies: stored
            .map(|s| {
                s.currencies
                    .iter()
                    .filter_map(|c| Currency::from_code(c))
                    .collect()
            })
            .unwrap_or_default(),
        supported_currencies: supported(method),
        credential_fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        credentials_set: stored
            .map(|s| s.credentials.keys().cloned().collect())
            .unwrap_or_default(),
        updated_at: stored.map(|s| s.updated_at),
    }
}

pub async fn list(state: &AppState) -> AppResult<Vec<GatewayConfig>> {
    let all = stored(state).await?;
    Ok(PaymentMethod::ALL
        .into_iter()
        .map(|m| dto(state, m, all.iter().find(|s| s.method == m)))
        .collect())
}

pub async fn update(
    state: &AppState,
    admin: Uuid,
    method: PaymentMethod,
    input: UpdateGatewayConfig,
) -> AppResult<GatewayConfig> {
    let Some((_, fields)) = fields_of(method) else {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "the test gateway is set by TEST_GATEWAY only",
        ));
    };
    let Some(sealer) = sealer(state) else {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "set GATEWAY_CREDENTIALS_KEY to store gateway credentials",
        ));
    };
    let mut errors = Vec::new();
    for (i, c) in input.currencies.iter().enumerate() {
        if !takes(method, c.code()) {
            errors.push(FieldError {
                field: format!("currencies[{i}]"),
                code: "unsupported_currency".into(),
                message: format!("{} cannot take {}", method.as_str(), c.code()),
            });
        }
    }
    for key in input.credentials.keys() {
        if !fields.contains(&key.as_str()) {
            errors.push(FieldError {
                field: format!("credentials.{key}"),
                code: "unknown_field".into(),
                message: format!("expected one of: {}", fields.join(", ")),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::fields(errors));
    }
    let all = stored(state).await?;
    let mut credentials = all
        .iter()
        .find(|s| s.method == method)
        .map(|s| s.credentials.clone())
        .unwrap_or_default();
    for (key, value) in &input.credentials {
        if value.trim().is_empty() {
            credentials.remove(key);
        } else {
            credentials.insert(key.clone(), value.trim().to_owned());
        }
    }
    if input.enabled {
        let built = settings_of(state, method, &credentials).map_err(|message| {
            AppError::fields(vec![FieldError {
                field: "credentials".into(),
                code: "incomplete".into(),
                message,
            }])
        })?;
        let configured = match method {
            PaymentMethod::Campay => built.campay.is_some(),
            PaymentMethod::Pawapay => built.pawapay.is_some(),
            PaymentMethod::Flutterwave => built.flutterwave.is_some(),
            PaymentMethod::Test => false,
        };
        if !configured {
            return Err(AppError::field(
                "credentials",
                "required",
                &format!("set {}", fields.join(", ")),
            ));
        }
    }
    let sealed = (!credentials.is_empty()).then(|| {
        sealer.seal(
            method.as_str(),
            &serde_json::to_vec(&credentials).unwrap_or_default(),
        )
    });
    let currencies: Vec<&str> = input.currencies.iter().map(|c| c.code()).collect();
    db::gateway_configs::upsert(
        &state.db,
        method.as_str(),
        input.enabled,
        serde_json::json!(currencies),
        sealed,
        Some(admin),
        state.now(),
    )
    .await?;
    tracing::info!(
        gateway = method.as_str(),
        enabled = input.enabled,
        "platform admin changed a payment gateway"
    );
    apply(state, false).await?;
    let all = stored(state).await?;
    Ok(dto(state, method, all.iter().find(|s| s.method == method)))
}
