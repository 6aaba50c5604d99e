//! A pawaPay v2 stand-in: deposits, payouts, refunds (with their status checks and
//! resend-callback), predict-provider, the payment page, and `GET /v2/public-key/http`. Bearer
//! auth; unknown request fields are refused like pawaPay does (`UNSUPPORTED_PARAMETER`); business
//! refusals are HTTP 200 `REJECTED`. Callbacks are POSTed JSON signed as pawaPay signs them:
//! RFC 9421 over `Content-Digest` with an ECDSA P-256 key (DER signatures) whose public half the
//! key endpoint serves. Payers follow pawaPay's sandbox numbers (`237653456789` succeeds,
//! `...029` payer not found, `...039` not approved, `...019` limit reached, `...069` failure,
//! `...129` never finishes; payouts to `...089` find no recipient); others succeed unless
//! [`PawapayStub::script`]ed.

use std::collections::HashMap;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use p256::ecdsa::SigningKey;
use p256::pkcs8::{EncodePublicKey as _, LineEnding};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Core, Knobs, Outcome, Outgoing, Running, lock, serve};
use crate::payments::pawapay::signature;
use crate::payments::{TxKind, amount};

#[derive(Debug, Clone)]
pub struct PawapayStubConfig {
    pub api_token: String,
    /// The id the signing key is published under.
    pub key_id: String,
    /// Where callbacks go (the dashboard's callback URL, the same for all three kinds here).
    pub callback_url: Option<String>,
    /// How long a payer takes to approve, and a payout or refund to finish.
    pub confirm_after: Duration,
}

impl Default for PawapayStubConfig {
    fn default() -> Self {
        PawapayStubConfig {
            api_token: "stub-pawapay-token".into(),
            key_id: "HTTP_EC_P256_KEY:1".into(),
            callback_url: None,
            confirm_after: Duration::from_millis(20),
        }
    }
}

/// One deposit, payout or refund as the stub keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubTransaction {
    pub kind: TxKind,
    pub id: Uuid,
    /// `ACCEPTED`, `COMPLETED`, `FAILED`.
    pub status: String,
    /// The amount text as received.
    pub amount: String,
    pub currency: String,
    pub country: String,
    pub phone_number: String,
    pub provider: String,
    pub failure_code: Option<String>,
    /// For refunds: the refunded deposit.
    pub deposit_id: Option<Uuid>,
    pub customer_message: Option<String>,
    pub client_reference_id: Option<String>,
    pub created: String,
}

pub struct PawapayStub {
    running: Running,
    state: web::Data<State>,
}

struct State {
    core: Core,
    config: PawapayStubConfig,
    key: SigningKey,
    transactions: std::sync::Mutex<HashMap<Uuid, StubTransaction>>,
    scripts: std::sync::Mutex<HashMap<String, Outcome>>,
    /// Payment-page deposits: id -> return URL.
    pages: std::sync::Mutex<HashMap<Uuid, String>>,
    /// Signatures claim to be this much older than they are.
    backdate: std::sync::Mutex<Duration>,
}

/// (provider, country, dialling code, currency, takes decimals)
const PROVIDERS: &[(&str, &str, &str, &str, bool)] = &[
    ("MTN_MOMO_CMR", "CMR", "237", "XAF", false),
    ("ORANGE_CMR", "CMR", "237", "XAF", false),
    ("MTN_MOMO_UGA", "UGA", "256", "UGX", false),
    ("AIRTEL_OAPI_UGA", "UGA", "256", "UGX", false),
    ("MTN_MOMO_GHA", "GHA", "233", "GHS", true),
    ("MTN_MOMO_CIV", "CIV", "225", "XOF", false),
    ("ORANGE_CIV", "CIV", "225", "XOF", false),
    ("ORANGE_SEN", "SEN", "221", "XOF", false),
    ("WAVE_SEN", "SEN", "221", "XOF", false),
    ("MPESA_KEN", "KEN", "254", "KES", false),
    ("MTN_MOMO_ZMB", "ZMB", "260", "ZMW", true),
];

impl PawapayStub {
    pub async fn start(config: PawapayStubConfig) -> std::io::Result<PawapayStub> {
        let key = SigningKey::from_slice(&rand::random::<[u8; 32]>())
            .map_err(|_| std::io::Error::other("could not make a P-256 key"))?;
        let state = web::Data::new(State {
            core: Core::new(config.callback_url.clone())?,
            config,
            key,
            transactions: Default::default(),
            scripts: Default::default(),
            pages: Default::default(),
            backdate: Default::default(),
        });
        let running = serve(state.clone(), routes)?;
        Ok(PawapayStub { running, state })
    }

    /// The API base, like `https://api.sandbox.pawapay.io`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.running.addr)
    }

    pub fn set_knobs(&self, knobs: Knobs) {
        *lock(&self.state.core.knobs) = knobs;
    }

    pub fn set_callback_url(&self, url: &str) {
        *lock(&self.state.core.callback_url) = Some(url.to_owned());
    }

    /// What the payer (or recipient) with this number (E.164 digits) does.
    pub fn script(&self, phone: &str, outcome: Outcome) {
        lock(&self.state.scripts).insert(phone.to_owned(), outcome);
    }

    /// Callbacks signed from now on claim to have been signed this long ago.
    pub fn backdate_signatures(&self, by: Duration) {
        *lock(&self.state.backdate) = by;
    }

    pub fn transaction(&self, id: Uuid) -> Option<StubTransaction> {
        lock(&self.state.transactions).get(&id).cloned()
    }

    pub fn transactions(&self) -> Vec<StubTransaction> {
        lock(&self.state.transactions).values().cloned().collect()
    }

    /// The public key callbacks verify with, as `GET /v2/public-key/http` serves it.
    pub fn public_key_pem(&self) -> String {
        public_pem(&self.state.key)
    }

    pub async fn release_callbacks(&self) {
        self.state.core.dispatcher.release().await;
    }

    pub fn lost_callbacks(&self) -> Vec<Outgoing> {
        self.state.core.dispatcher.lost()
    }
}

fn public_pem(key: &SigningKey) -> String {
    key.verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap_or_default()
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/v2/deposits", web::post().to(deposit))
        .route("/v2/payouts", web::post().to(payout))
        .route("/v2/refunds", web::post().to(refund))
        .route("/v2/predict-provider", web::post().to(predict))
        .route("/v2/paymentpage", web::post().to(payment_page))
        .route("/v2/public-key/http", web::get().to(public_keys))
        .route("/v2/{kind}/resend-callback/{id}", web::post().to(resend))
        .route("/v2/{kind}/{id}", web::get().to(status))
        .route("/paywith/{id}", web::get().to(hosted_page));
}

fn rejected(
    http: u16,
    id: Option<&str>,
    id_field: &str,
    code: &str,
    message: &str,
) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(http)
        .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
    HttpResponse::build(status).json(json!({
        id_field: id,
        "status": "REJECTED",
        "failureReason": { "failureCode": code, "failureMessage": message },
    }))
}

fn authorized(state: &State, request: &HttpRequest) -> Result<(), HttpResponse> {
    let header = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    match header {
        None => Err(HttpResponse::Unauthorized().json(json!({
            "failureReason": { "failureCode": "NO_AUTHENTICATION", "failureMessage": "No token" }
        }))),
        Some(value) if value.strip_prefix("Bearer ") == Some(state.config.api_token.as_str()) => Ok(()),
        Some(_) => Err(HttpResponse::Unauthorized().json(json!({
            "failureReason": { "failureCode": "AUTHENTICATION_ERROR", "failureMessage": "Bad token" }
        }))),
    }
}

/// Knobs and auth, shared by every API route.
async fn admit(state: &State, request: &HttpRequest) -> Result<(), HttpResponse> {
    if let Some(response) = state.core.gate().await {
        return Err(response);
    }
    authorized(state, request)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PartyIn {
    #[serde(rename = "type")]
    kind: String,
    account_details: AccountIn,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AccountIn {
    phone_number: String,
    provider: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MoneyIn {
    #[serde(alias = "depositId", alias = "payoutId")]
    id: String,
    amount: String,
    currency: String,
    #[serde(alias = "payer", alias = "recipient")]
    party: PartyIn,
    #[serde(default)]
    client_reference_id: Option<String>,
    #[serde(default)]
    customer_message: Option<String>,
    #[serde(default)]
    metadata: Option<Vec<Value>>,
    #[serde(default)]
    pre_authorisation_code: Option<String>,
}

/// The body as `T`, or pawaPay's 400 (`INVALID_INPUT` for bad JSON, `UNSUPPORTED_PARAMETER` for
/// unknown fields, `MISSING_PARAMETER` for missing ones).
fn parse<T: serde::de::DeserializeOwned>(body: &[u8], id_field: &str) -> Result<T, HttpResponse> {
    serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        let code = if text.contains("unknown field") {
            "UNSUPPORTED_PARAMETER"
        } else if text.contains("missing field") {
            "MISSING_PARAMETER"
        } else if e.is_syntax() || e.is_eof() {
            "INVALID_INPUT"
        } else {
            "INVALID_PARAMETER"
        };
        rejected(400, None, id_field, code, &text)
    })
}

/// pawaPay's amount rules: no leading zeros, 0 to 2 decimals (none for providers that take none).
fn valid_amount(text: &str, decimals: bool) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole_ok = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'));
    let fraction_ok = if text.contains('.') {
        decimals
            && (1..=2).contains(&fraction.len())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    } else {
        true
    };
    text.len() <= 23 && whole_ok && fraction_ok && text != "0"
}

fn provider(code: &str) -> Option<(&'static str, &'static str, &'static str, &'static str, bool)> {
    PROVIDERS.iter().copied().find(|p| p.0 == code)
}

/// Checks the money movement; `Ok((country, outcome))` or the rejection.
fn check(
    state: &State,
    input: &MoneyIn,
    id_field: &str,
) -> Result<(String, Outcome), HttpResponse> {
    let id = Some(input.id.as_str());
    let reject = |code: &str, message: &str| rejected(200, id, id_field, code, message);
    if input.party.kind != "MMO" {
        return Err(rejected(
            400,
            id,
            id_field,
            "INVALID_PARAMETER",
            "type must be MMO",
        ));
    }
    if let Some(message) = &input.customer_message
        && !(4..=22).contains(&message.chars().count())
    {
        return Err(rejected(
            400,
            id,
            id_field,
            "INVALID_PARAMETER",
            "customerMessage must be 4 to 22 characters",
        ));
    }
    let Some((_, country, dial, currency, decimals)) =
        provider(&input.party.account_details.provider)
    else {
        return Err(reject("INVALID_PROVIDER", "Unknown provider"));
    };
    let phone = &input.party.account_details.phone_number;
    if !phone.starts_with(dial)
        || !phone.bytes().all(|b| b.is_ascii_digit())
        || !(11..=13).contains(&phone.len())
    {
        return Err(reject(
            "INVALID_PHONE_NUMBER",
            "The phone number does not belong to the provider's country",
        ));
    }
    if input.currency != currency {
        return Err(reject(
            "INVALID_CURRENCY",
            "The provider does not take this currency",
        ));
    }
    if !valid_amount(&input.amount, decimals) {
        return Err(reject(
            "INVALID_AMOUNT",
            "The amount is not valid for this provider",
        ));
    }
    let outcome = lock(&state.scripts)
        .get(phone)
        .cloned()
        .unwrap_or_else(|| sandbox_outcome(phone, id_field));
    if let Outcome::Reject(code) = &outcome {
        return Err(reject(code, "Refused by the stub's script"));
    }
    Ok((country.to_owned(), outcome))
}

fn sandbox_outcome(phone: &str, id_field: &str) -> Outcome {
    let fail = |code: &str| Outcome::Fail(code.to_owned());
    match (phone, id_field) {
        ("237653456029", "depositId") => fail("PAYER_NOT_FOUND"),
        ("237653456039", "depositId") => fail("PAYMENT_NOT_APPROVED"),
        ("237653456019", "depositId") => fail("PAYER_LIMIT_REACHED"),
        ("237653456069", _) => fail("UNSPECIFIED_FAILURE"),
        ("237653456129", _) => Outcome::Stay,
        ("237653456089", "payoutId") => fail("RECIPIENT_NOT_FOUND"),
        _ => Outcome::Succeed,
    }
}

async fn deposit(state: web::Data<State>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    initiate(state, request, body, TxKind::Payment).await
}

async fn payout(state: web::Data<State>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    initiate(state, request, body, TxKind::Payout).await
}

async fn initiate(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Bytes,
    kind: TxKind,
) -> HttpResponse {
    let id_field = if kind == TxKind::Payment {
        "depositId"
    } else {
        "payoutId"
    };
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let input: MoneyIn = match parse(&body, id_field) {
        Ok(input) => input,
        Err(response) => return response,
    };
    let Ok(id) = Uuid::parse_str(&input.id) else {
        return rejected(
            400,
            Some(&input.id),
            id_field,
            "INVALID_PARAMETER",
            "the id must be a UUID",
        );
    };
    let created = now();
    if lock(&state.transactions).contains_key(&id) {
        return HttpResponse::Ok()
            .json(json!({ id_field: id, "status": "DUPLICATE_IGNORED", "created": created }));
    }
    let (country, outcome) = match check(&state, &input, id_field) {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    let _ = (&input.metadata, &input.pre_authorisation_code);
    let tx = StubTransaction {
        kind,
        id,
        status: "ACCEPTED".into(),
        amount: input.amount.clone(),
        currency: input.currency.clone(),
        country,
        phone_number: input.party.account_details.phone_number.clone(),
        provider: input.party.account_details.provider.clone(),
        failure_code: None,
        deposit_id: None,
        customer_message: input.customer_message.clone(),
        client_reference_id: input.client_reference_id.clone(),
        created: created.clone(),
    };
    lock(&state.transactions).insert(id, tx);
    settle_later(state.clone(), id, outcome);
    HttpResponse::Ok().json(json!({ id_field: id, "status": "ACCEPTED", "created": created }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RefundIn {
    refund_id: String,
    deposit_id: String,
    amount: String,
    currency: String,
    #[serde(default)]
    metadata: Option<Vec<Value>>,
}

async fn refund(state: web::Data<State>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let input: RefundIn = match parse(&body, "refundId") {
        Ok(input) => input,
        Err(response) => return response,
    };
    let _ = &input.metadata;
    let id_text = Some(input.refund_id.as_str());
    let reject = |code: &str, message: &str| rejected(200, id_text, "refundId", code, message);
    let (Ok(id), Ok(deposit_id)) = (
        Uuid::parse_str(&input.refund_id),
        Uuid::parse_str(&input.deposit_id),
    ) else {
        return rejected(
            400,
            id_text,
            "refundId",
            "INVALID_PARAMETER",
            "ids must be UUIDs",
        );
    };
    let created = now();
    let mut transactions = lock(&state.transactions);
    if transactions.contains_key(&id) {
        return HttpResponse::Ok()
            .json(json!({ "refundId": id, "status": "DUPLICATE_IGNORED", "created": created }));
    }
    let Some(deposit) = transactions
        .get(&deposit_id)
        .filter(|t| t.kind == TxKind::Payment)
        .cloned()
    else {
        return reject("NOT_FOUND", "The deposit does not exist");
    };
    if deposit.status != "COMPLETED" {
        return reject("INVALID_STATE", "Only completed deposits can be refunded");
    }
    let paid = amount::parse_amount(&deposit.amount, &deposit.currency).unwrap_or_default();
    let refunded: i64 = transactions
        .values()
        .filter(|t| t.deposit_id == Some(deposit_id) && t.status != "FAILED")
        .map(|t| amount::parse_amount(&t.amount, &t.currency).unwrap_or_default())
        .sum();
    let asked = amount::parse_amount(&input.amount, &input.currency);
    let decimals = provider(&deposit.provider).is_some_and(|p| p.4);
    if input.currency != deposit.currency {
        return reject(
            "INVALID_CURRENCY",
            "The refund must be in the deposit's currency",
        );
    }
    match asked {
        Ok(asked) if valid_amount(&input.amount, decimals) && asked + refunded <= paid => {}
        _ => {
            return reject(
                "INVALID_AMOUNT",
                "The amount exceeds what is left to refund",
            );
        }
    }
    transactions.insert(
        id,
        StubTransaction {
            kind: TxKind::Refund,
            id,
            status: "ACCEPTED".into(),
            amount: input.amount.clone(),
            currency: input.currency.clone(),
            deposit_id: Some(deposit_id),
            created: created.clone(),
            failure_code: None,
            ..deposit
        },
    );
    drop(transactions);
    settle_later(state.clone(), id, Outcome::Succeed);
    HttpResponse::Ok().json(json!({ "refundId": id, "status": "ACCEPTED", "created": created }))
}

/// The provider for a number, as pawaPay's prediction would have it.
fn predict_provider(phone: &str) -> Option<&'static str> {
    let after = |dial: &str| {
        phone.strip_prefix(dial).map(|rest| {
            rest.get(..3)
                .unwrap_or(rest)
                .parse::<u32>()
                .unwrap_or_default()
        })
    };
    if let Some(prefix) = after("237") {
        return match prefix {
            670..=689 | 650..=654 => Some("MTN_MOMO_CMR"),
            690..=699 | 655..=659 | 640 => Some("ORANGE_CMR"),
            _ => None,
        };
    }
    if let Some(prefix) = after("256") {
        return match prefix / 10 {
            76..=78 => Some("MTN_MOMO_UGA"),
            70 | 74 | 75 => Some("AIRTEL_OAPI_UGA"),
            _ => None,
        };
    }
    if let Some(prefix) = after("225") {
        return Some(if prefix / 10 == 7 {
            "ORANGE_CIV"
        } else {
            "MTN_MOMO_CIV"
        });
    }
    if let Some(prefix) = after("221") {
        return Some(if matches!(prefix / 10, 77 | 78) {
            "ORANGE_SEN"
        } else {
            "WAVE_SEN"
        });
    }
    [
        ("233", "MTN_MOMO_GHA"),
        ("254", "MPESA_KEN"),
        ("260", "MTN_MOMO_ZMB"),
    ]
    .iter()
    .find(|(dial, _)| phone.starts_with(dial))
    .map(|(_, provider)| *provider)
}

async fn predict(state: web::Data<State>, request: HttpRequest, body: web::Bytes) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let input: Value = serde_json::from_slice(&body).unwrap_or_default();
    let digits: String = input
        .get("phoneNumber")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    match predict_provider(&digits).and_then(provider) {
        Some((code, country, ..)) if (11..=13).contains(&digits.len()) => HttpResponse::Ok().json(json!({
            "country": country, "provider": code, "phoneNumber": digits,
        })),
        _ => HttpResponse::BadRequest().json(json!({
            "failureReason": { "failureCode": "INVALID_PHONE_NUMBER", "failureMessage": "Cannot predict the provider" }
        })),
    }
}

async fn payment_page(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let deposit_id = body
        .get("depositId")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok());
    let return_url = body.get("returnUrl").and_then(Value::as_str);
    let details = body.get("amountDetails");
    let amount = details
        .and_then(|d| d.get("amount"))
        .and_then(Value::as_str);
    let currency = details
        .and_then(|d| d.get("currency"))
        .and_then(Value::as_str);
    let (Some(id), Some(return_url), Some(amount), Some(currency)) =
        (deposit_id, return_url, amount, currency)
    else {
        return rejected(
            400,
            None,
            "depositId",
            "MISSING_PARAMETER",
            "depositId, returnUrl and amountDetails are required",
        );
    };
    let tx = StubTransaction {
        kind: TxKind::Payment,
        id,
        status: "ACCEPTED".into(),
        amount: amount.to_owned(),
        currency: currency.to_owned(),
        country: body
            .get("country")
            .and_then(Value::as_str)
            .unwrap_or("CMR")
            .to_owned(),
        phone_number: String::new(),
        provider: String::new(),
        failure_code: None,
        deposit_id: None,
        customer_message: body
            .get("customerMessage")
            .and_then(Value::as_str)
            .map(str::to_owned),
        client_reference_id: None,
        created: now(),
    };
    lock(&state.transactions).insert(id, tx);
    lock(&state.pages).insert(id, return_url.to_owned());
    let host = request.connection_info().host().to_owned();
    HttpResponse::Ok().json(json!({ "redirectUrl": format!("http://{host}/paywith/{id}") }))
}

/// The payment page: the buyer pays with MTN Cameroon and is sent back with `?depositId=`.
async fn hosted_page(state: web::Data<State>, path: web::Path<Uuid>) -> HttpResponse {
    let id = path.into_inner();
    let Some(return_url) = lock(&state.pages).get(&id).cloned() else {
        return HttpResponse::NotFound().finish();
    };
    if let Some(tx) = lock(&state.transactions).get_mut(&id) {
        tx.phone_number = "237653456789".into();
        tx.provider = "MTN_MOMO_CMR".into();
    }
    finish(&state, id, &Outcome::Succeed);
    let separator = if return_url.contains('?') { '&' } else { '?' };
    HttpResponse::Found()
        .insert_header(("location", format!("{return_url}{separator}depositId={id}")))
        .finish()
}

async fn public_keys(state: web::Data<State>, request: HttpRequest) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    HttpResponse::Ok().json(json!([{ "id": state.config.key_id, "key": public_pem(&state.key) }]))
}

fn kind_of(collection: &str) -> Option<(TxKind, &'static str)> {
    match collection {
        "deposits" => Some((TxKind::Payment, "depositId")),
        "payouts" => Some((TxKind::Payout, "payoutId")),
        "refunds" => Some((TxKind::Refund, "refundId")),
        _ => None,
    }
}

async fn status(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let (collection, id) = path.into_inner();
    let Some((kind, _)) = kind_of(&collection) else {
        return HttpResponse::NotFound().finish();
    };
    let tx = Uuid::parse_str(&id)
        .ok()
        .and_then(|id| lock(&state.transactions).get(&id).cloned())
        .filter(|tx| tx.kind == kind);
    match tx {
        Some(tx) => HttpResponse::Ok().json(json!({ "status": "FOUND", "data": data(&tx) })),
        None => HttpResponse::Ok().json(json!({ "status": "NOT_FOUND" })),
    }
}

async fn resend(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let (collection, id) = path.into_inner();
    let Some((kind, id_field)) = kind_of(&collection) else {
        return HttpResponse::NotFound().finish();
    };
    let tx = Uuid::parse_str(&id)
        .ok()
        .and_then(|id| lock(&state.transactions).get(&id).cloned())
        .filter(|tx| tx.kind == kind);
    match tx {
        None => rejected(200, Some(&id), id_field, "NOT_FOUND", "Not found"),
        Some(tx) if !matches!(tx.status.as_str(), "COMPLETED" | "FAILED") => {
            rejected(200, Some(&id), id_field, "INVALID_STATE", "Not final yet")
        }
        Some(tx) => {
            send_callback(&state, &tx);
            HttpResponse::Ok().json(json!({ id_field: tx.id, "status": "ACCEPTED" }))
        }
    }
}

/// The transaction as status checks and callbacks show it.
fn data(tx: &StubTransaction) -> Value {
    let (id_field, party_field) = match tx.kind {
        TxKind::Payment => ("depositId", "payer"),
        TxKind::Payout => ("payoutId", "recipient"),
        TxKind::Refund => ("refundId", "recipient"),
    };
    let mut data = json!({
        id_field: tx.id,
        "status": tx.status,
        "amount": tx.amount,
        "currency": tx.currency,
        "country": tx.country,
        party_field: { "type": "MMO", "accountDetails": { "phoneNumber": tx.phone_number, "provider": tx.provider } },
        "created": tx.created,
        "providerTransactionId": format!("PT{}", &tx.id.simple().to_string()[..10]),
        "metadata": {},
    });
    if let Some(message) = &tx.customer_message {
        data["customerMessage"] = json!(message);
    }
    if let Some(reference) = &tx.client_reference_id {
        data["clientReferenceId"] = json!(reference);
    }
    if let Some(code) = &tx.failure_code {
        data["failureReason"] =
            json!({ "failureCode": code, "failureMessage": format!("Stub failure {code}") });
    }
    data
}

fn settle_later(state: web::Data<State>, id: Uuid, outcome: Outcome) {
    if outcome == Outcome::Stay {
        if let Some(tx) = lock(&state.transactions).get_mut(&id) {
            tx.status = "PROCESSING".into();
        }
        return;
    }
    let wait = state.config.confirm_after;
    tokio::spawn(async move {
        tokio::time::sleep(wait).await;
        finish(&state, id, &outcome);
    });
}

fn finish(state: &State, id: Uuid, outcome: &Outcome) {
    let tx = {
        let mut transactions = lock(&state.transactions);
        let Some(tx) = transactions.get_mut(&id) else {
            return;
        };
        if matches!(tx.status.as_str(), "COMPLETED" | "FAILED") {
            return;
        }
        match outcome {
            Outcome::Succeed => tx.status = "COMPLETED".into(),
            Outcome::Fail(code) | Outcome::Reject(code) => {
                tx.status = "FAILED".into();
                tx.failure_code = Some(code.clone());
            }
            Outcome::Stay => return,
        }
        tx.clone()
    };
    send_callback(state, &tx);
}

/// POSTs the final state, signed like pawaPay signs callbacks.
fn send_callback(state: &State, tx: &StubTransaction) {
    let Some(url) = state.core.callback_url() else {
        return;
    };
    let Ok(parsed) = reqwest::Url::parse(&url) else {
        return;
    };
    let knobs = state.core.knobs();
    let body = serde_json::to_vec(&data(tx)).unwrap_or_default();
    let digest = signature::content_digest(&body);
    let signed_at =
        chrono::Utc::now() - chrono::Duration::from_std(*lock(&state.backdate)).unwrap_or_default();
    let date = signed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let created = signed_at.timestamp();
    let params = signature::params_text(
        signature::CALLBACK_COMPONENTS,
        &state.config.key_id,
        created,
        created + 60,
    );
    let authority = match parsed.port() {
        Some(port) => format!("{}:{port}", parsed.host_str().unwrap_or_default()),
        None => parsed.host_str().unwrap_or_default().to_owned(),
    };
    let components: Vec<String> = signature::CALLBACK_COMPONENTS
        .iter()
        .map(|c| c.to_string())
        .collect();
    let base = signature::signature_base(&components, &params, |name| {
        Some(match name {
            "@method" => "POST".to_owned(),
            "@authority" => authority.clone(),
            "@path" => parsed.path().to_owned(),
            "signature-date" => date.clone(),
            "content-digest" => digest.clone(),
            "content-type" => "application/json".to_owned(),
            "content-length" => body.len().to_string(),
            _ => return None,
        })
    })
    .unwrap_or_default();
    let forged;
    let key = if knobs.forge_callbacks {
        forged = SigningKey::from_slice(&rand::random::<[u8; 32]>())
            .unwrap_or_else(|_| state.key.clone());
        &forged
    } else {
        &state.key
    };
    let (input, sig) = signature::sign(key, &params, &base);
    state.core.dispatcher.dispatch(
        &knobs,
        Outgoing {
            method: reqwest::Method::POST,
            url,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("content-digest".into(), digest),
                ("signature-date".into(), date),
                ("signature-input".into(), input),
                ("signature".into(), sig),
                (
                    "accept-signature".into(),
                    format!(
                        "{}=(\"@status\");alg=\"{}\"",
                        signature::LABEL,
                        signature::ALG
                    ),
                ),
            ],
            body,
        },
    );
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
