//! pawaPay v2 request and answer bodies, as the client sends and reads them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Party {
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) account_details: AccountDetails,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AccountDetails {
    pub(super) phone_number: String,
    pub(super) provider: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DepositBody<'a> {
    pub(super) deposit_id: Uuid,
    pub(super) amount: String,
    pub(super) currency: &'a str,
    pub(super) payer: Party,
    pub(super) client_reference_id: String,
    pub(super) customer_message: String,
    pub(super) metadata: Vec<serde_json::Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PaymentPageBody<'a> {
    pub(super) deposit_id: Uuid,
    pub(super) return_url: String,
    pub(super) customer_message: String,
    pub(super) amount_details: AmountDetails<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) country: Option<&'static str>,
    pub(super) reason: String,
    pub(super) metadata: Vec<serde_json::Value>,
}

#[derive(Serialize)]
pub(super) struct AmountDetails<'a> {
    pub(super) amount: String,
    pub(super) currency: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PayoutBody<'a> {
    pub(super) payout_id: Uuid,
    pub(super) amount: String,
    pub(super) currency: &'a str,
    pub(super) recipient: Party,
    pub(super) customer_message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RefundBody<'a> {
    pub(super) refund_id: Uuid,
    pub(super) deposit_id: &'a str,
    pub(super) amount: String,
    pub(super) currency: &'a str,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Initiated {
    pub(super) status: String,
    #[serde(default)]
    pub(super) failure_reason: Option<FailureReason>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct FailureReason {
    pub(super) failure_code: String,
    #[serde(default)]
    pub(super) failure_message: Option<String>,
}

impl FailureReason {
    pub(super) fn describe(&self) -> String {
        match &self.failure_message {
            Some(message) if !message.is_empty() => format!("{}: {message}", self.failure_code),
            _ => self.failure_code.clone(),
        }
    }
}

#[derive(Deserialize)]
pub(super) struct Found {
    pub(super) status: String,
    #[serde(default)]
    pub(super) data: Option<TxData>,
}

/// A deposit, payout or refund as status checks and callbacks describe it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TxData {
    #[serde(default)]
    pub(super) deposit_id: Option<String>,
    #[serde(default)]
    pub(super) payout_id: Option<String>,
    #[serde(default)]
    pub(super) refund_id: Option<String>,
    pub(super) status: String,
    pub(super) amount: String,
    pub(super) currency: String,
    #[serde(default)]
    pub(super) failure_reason: Option<FailureReason>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Predicted {
    pub(super) provider: String,
    pub(super) phone_number: String,
}

#[derive(Deserialize)]
pub(super) struct PublicKey {
    pub(super) id: String,
    pub(super) key: String,
}
