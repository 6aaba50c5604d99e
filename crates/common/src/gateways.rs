//! The platform admins' payment gateway configuration: which gateways are on, which currencies
//! each serves, and their credentials. Credentials are write-only: the API says which are set,
//! never their values.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Currency;
use crate::orders::PaymentMethod;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewaySource {
    /// Not configured anywhere: off.
    None,
    /// From the server's environment (set at deployment).
    Environment,
    /// Set by a platform admin here (overrides the environment).
    Admin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GatewayConfig {
    pub method: PaymentMethod,
    /// Whether buyers can pay (and organizers be paid) through it now.
    pub active: bool,
    pub source: GatewaySource,
    /// Admin configuration only: switched off by an admin (the environment's is ignored too).
    pub enabled: bool,
    /// The currencies it serves; empty: every currency it can take.
    pub currencies: Vec<Currency>,
    /// The currencies this gateway can take at all.
    pub supported_currencies: Vec<Currency>,
    /// Names of the credential fields this gateway uses.
    pub credential_fields: Vec<String>,
    /// Names of the credential fields that are set (admin configuration); values never leave
    /// the server.
    pub credentials_set: Vec<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// `PUT /admin/gateways/{method}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateGatewayConfig {
    pub enabled: bool,
    /// Empty: every currency the gateway can take.
    #[serde(default)]
    pub currencies: Vec<Currency>,
    /// Write-only. CamPay: `base_url`, `token` or `username` + `password`, `webhook_key`;
    /// pawaPay: `base_url`, `api_token`, `callback_url`; Flutterwave: `base_url`, `secret_key`,
    /// `secret_hash`. A field left out keeps its stored value; an empty string removes it.
    #[serde(default)]
    pub credentials: BTreeMap<String, String>,
}
