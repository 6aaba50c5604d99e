//! A CamPay stand-in: `POST /api/token/`, `collect/`, `withdraw/`, `get_payment_link/`,
//! `GET /api/transaction/{reference}/` (with or without the trailing slash), `Token` auth with
//! expiring temporary tokens, CamPay's `ERxxx` refusals, an app balance that withdrawals draw
//! on, and callbacks as `GET <callback>?status=...&reference=...&signature=<HS256 JWT>` signed
//! with the webhook key. Payers approve by default; [`CampayStub::script`] changes that by number.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Value, json};

use super::{Core, Knobs, Outcome, Outgoing, Running, lock, serve};
use crate::payments::amount;

#[derive(Debug, Clone)]
pub struct CampayStubConfig {
    pub username: String,
    pub password: String,
    /// A permanent token accepted besides the temporary ones.
    pub permanent_token: Option<String>,
    pub webhook_key: String,
    /// Lifetime of temporary tokens (`expires_in`).
    pub token_ttl: Duration,
    /// Where callbacks go (the dashboard's webhook URL).
    pub callback_url: Option<String>,
    /// How long a payer takes to approve or refuse, and a withdrawal to finish.
    pub confirm_after: Duration,
    /// The app balance in XAF, for withdrawals.
    pub balance: i64,
}

impl Default for CampayStubConfig {
    fn default() -> Self {
        CampayStubConfig {
            username: "stub-app".into(),
            password: "stub-password".into(),
            permanent_token: None,
            webhook_key: "stub-webhook-key".into(),
            token_ttl: Duration::from_secs(3600),
            callback_url: None,
            confirm_after: Duration::from_millis(20),
            balance: 1_000_000,
        }
    }
}

/// One transaction as the stub keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubTransaction {
    pub reference: String,
    pub external_reference: String,
    /// `PENDING`, `SUCCESSFUL` or `FAILED`.
    pub status: String,
    /// Whole XAF.
    pub amount: i64,
    pub operator: String,
    pub phone_number: String,
    pub reason: String,
    /// `collect` or `withdraw`.
    pub kind: &'static str,
    pub code: String,
}

pub struct CampayStub {
    running: Running,
    state: web::Data<State>,
}

struct State {
    core: Core,
    config: CampayStubConfig,
    tokens: std::sync::Mutex<HashMap<String, Instant>>,
    tokens_issued: std::sync::Mutex<u32>,
    transactions: std::sync::Mutex<HashMap<String, StubTransaction>>,
    scripts: std::sync::Mutex<HashMap<String, Outcome>>,
    balance: std::sync::Mutex<i64>,
    /// Payment-link reference -> redirect URL.
    links: std::sync::Mutex<HashMap<String, String>>,
}

impl CampayStub {
    pub async fn start(config: CampayStubConfig) -> std::io::Result<CampayStub> {
        let state = web::Data::new(State {
            core: Core::new(config.callback_url.clone())?,
            balance: std::sync::Mutex::new(config.balance),
            config,
            tokens: Default::default(),
            tokens_issued: Default::default(),
            transactions: Default::default(),
            scripts: Default::default(),
            links: Default::default(),
        });
        let running = serve(state.clone(), routes)?;
        Ok(CampayStub { running, state })
    }

    /// The API base, like `https://demo.campay.net/api/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/", self.running.addr)
    }

    pub fn set_knobs(&self, knobs: Knobs) {
        *lock(&self.state.core.knobs) = knobs;
    }

    pub fn set_callback_url(&self, url: &str) {
        *lock(&self.state.core.callback_url) = Some(url.to_owned());
    }

    /// What the payer (or recipient) with this number does.
    pub fn script(&self, phone: &str, outcome: Outcome) {
        lock(&self.state.scripts).insert(phone.to_owned(), outcome);
    }

    /// Makes every token issued so far invalid (as if CamPay expired them early).
    pub fn revoke_tokens(&self) {
        lock(&self.state.tokens).clear();
    }

    pub fn tokens_issued(&self) -> u32 {
        *lock(&self.state.tokens_issued)
    }

    pub fn transaction(&self, reference: &str) -> Option<StubTransaction> {
        lock(&self.state.transactions).get(reference).cloned()
    }

    pub fn transactions(&self) -> Vec<StubTransaction> {
        lock(&self.state.transactions).values().cloned().collect()
    }

    pub fn balance(&self) -> i64 {
        *lock(&self.state.balance)
    }

    /// Delivers held callbacks (knob `reorder_callbacks`), newest first.
    pub async fn release_callbacks(&self) {
        self.state.core.dispatcher.release().await;
    }

    /// The callbacks lost on purpose (knob `lose_callbacks`).
    pub fn lost_callbacks(&self) -> Vec<Outgoing> {
        self.state.core.dispatcher.lost()
    }
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/token", web::post().to(token))
        .route("/api/collect", web::post().to(collect))
        .route("/api/withdraw", web::post().to(withdraw))
        .route("/api/get_payment_link", web::post().to(payment_link))
        .route("/api/transaction/{reference}", web::get().to(transaction))
        .route("/pay/{reference}", web::get().to(hosted_page));
}

fn error(code: &str, message: &str) -> HttpResponse {
    HttpResponse::BadRequest().json(json!({ "message": message, "error_code": code }))
}

async fn token(state: web::Data<State>, body: web::Json<Value>) -> HttpResponse {
    if let Some(response) = state.core.gate().await {
        return response;
    }
    let username = body.get("username").and_then(Value::as_str);
    let password = body.get("password").and_then(Value::as_str);
    if username != Some(&state.config.username) || password != Some(&state.config.password) {
        return HttpResponse::BadRequest()
            .json(json!({ "non_field_errors": ["Unable to log in with provided credentials."] }));
    }
    let value = format!("stub.{:032x}", rand::random::<u128>());
    lock(&state.tokens).insert(value.clone(), Instant::now() + state.config.token_ttl);
    *lock(&state.tokens_issued) += 1;
    HttpResponse::Ok()
        .json(json!({ "token": value, "expires_in": state.config.token_ttl.as_secs() }))
}

/// `Authorization: Token <permanent or live temporary token>`, else 401.
fn authorized(state: &State, request: &HttpRequest) -> Result<(), HttpResponse> {
    let given = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Token "))
        .unwrap_or_default();
    let permanent = state.config.permanent_token.as_deref() == Some(given);
    let temporary = lock(&state.tokens)
        .get(given)
        .is_some_and(|expiry| Instant::now() < *expiry);
    if permanent || temporary {
        Ok(())
    } else {
        Err(HttpResponse::Unauthorized().json(json!({ "detail": "Invalid token." })))
    }
}

/// Whole XAF as a string or an integer; decimals are ER201.
fn whole_amount(value: Option<&Value>) -> Result<i64, HttpResponse> {
    let refused = || error("ER201", "Invalid amount. Decimal numbers are NOT allowed.");
    let value = value.ok_or_else(refused)?;
    let minor = amount::parse_json_amount(value, "XAF").map_err(|_| refused())?;
    if minor <= 0 || value.as_str().is_some_and(|s| s.contains('.')) || value.is_f64() {
        return Err(refused());
    }
    Ok(minor)
}

/// MTN or Orange Cameroon from the number, or the ER101/ER102 refusal.
fn operator(phone: &str) -> Result<&'static str, HttpResponse> {
    let valid =
        phone.len() == 12 && phone.starts_with("2376") && phone.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return Err(error(
            "ER101",
            "Invalid phone number. Phone number must start with country code 237.",
        ));
    }
    let national = &phone[3..];
    let prefix3: u32 = national[..3].parse().unwrap_or_default();
    match prefix3 {
        670..=689 | 650..=654 => Ok("MTN"),
        690..=699 | 655..=659 | 640 => Ok("ORANGE"),
        _ => Err(error(
            "ER102",
            "Unsupported carrier. Only MTN and Orange are supported.",
        )),
    }
}

fn new_transaction(
    kind: &'static str,
    amount: i64,
    phone: &str,
    operator: &str,
    external_reference: &str,
) -> StubTransaction {
    StubTransaction {
        reference: uuid::Uuid::new_v4().to_string(),
        external_reference: external_reference.to_owned(),
        status: "PENDING".into(),
        amount,
        operator: operator.to_owned(),
        phone_number: phone.to_owned(),
        reason: String::new(),
        kind,
        code: format!("CP{:010}", rand::random::<u32>()),
    }
}

async fn collect(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Some(response) = state.core.gate().await {
        return response;
    }
    if let Err(response) = authorized(&state, &request) {
        return response;
    }
    let amount = match whole_amount(body.get("amount")) {
        Ok(amount) => amount,
        Err(response) => return response,
    };
    if body
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or("XAF")
        != "XAF"
    {
        return error("ER201", "Only XAF is supported.");
    }
    let phone = body.get("from").and_then(Value::as_str).unwrap_or_default();
    let operator = match operator(phone) {
        Ok(operator) => operator,
        Err(response) => return response,
    };
    let outcome = lock(&state.scripts)
        .get(phone)
        .cloned()
        .unwrap_or(Outcome::Succeed);
    if let Outcome::Reject(code) = &outcome {
        return error(code, "Refused by the stub's script.");
    }
    let external = body
        .get("external_reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let tx = new_transaction("collect", amount, phone, operator, external);
    let reference = tx.reference.clone();
    lock(&state.transactions).insert(reference.clone(), tx);
    settle_later(state.clone(), reference.clone(), outcome);
    let ussd = if operator == "MTN" {
        "*126#"
    } else {
        "#150*50#"
    };
    HttpResponse::Ok()
        .json(json!({ "reference": reference, "ussd_code": ussd, "operator": operator }))
}

async fn withdraw(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Some(response) = state.core.gate().await {
        return response;
    }
    if let Err(response) = authorized(&state, &request) {
        return response;
    }
    let amount = match whole_amount(body.get("amount")) {
        Ok(amount) => amount,
        Err(response) => return response,
    };
    let phone = body.get("to").and_then(Value::as_str).unwrap_or_default();
    let operator = match operator(phone) {
        Ok(operator) => operator,
        Err(response) => return response,
    };
    {
        let mut balance = lock(&state.balance);
        if *balance < amount {
            return error("ER301", "Insufficient balance.");
        }
        *balance -= amount;
    }
    let outcome = lock(&state.scripts)
        .get(phone)
        .cloned()
        .unwrap_or(Outcome::Succeed);
    let external = body
        .get("external_reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let tx = new_transaction("withdraw", amount, phone, operator, external);
    let reference = tx.reference.clone();
    lock(&state.transactions).insert(reference.clone(), tx);
    settle_later(state.clone(), reference.clone(), outcome);
    HttpResponse::Ok().json(json!({ "reference": reference, "status": "PENDING" }))
}

async fn payment_link(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Some(response) = state.core.gate().await {
        return response;
    }
    if let Err(response) = authorized(&state, &request) {
        return response;
    }
    let amount = match whole_amount(body.get("amount")) {
        Ok(amount) => amount,
        Err(response) => return response,
    };
    let external = body
        .get("external_reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let tx = new_transaction("collect", amount, "", "MTN", external);
    let reference = tx.reference.clone();
    lock(&state.transactions).insert(reference.clone(), tx);
    let redirect = body
        .get("redirect_url")
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_owned();
    lock(&state.links).insert(reference.clone(), redirect);
    let host = request.connection_info().host().to_owned();
    HttpResponse::Ok()
        .json(json!({ "link": format!("http://{host}/pay/{reference}"), "reference": reference }))
}

/// The hosted page: the buyer pays at once and is sent back.
async fn hosted_page(state: web::Data<State>, path: web::Path<String>) -> HttpResponse {
    let reference = path.into_inner();
    let Some(redirect) = lock(&state.links).get(&reference).cloned() else {
        return HttpResponse::NotFound().json(json!({ "message": "not found" }));
    };
    if let Some(tx) = lock(&state.transactions).get_mut(&reference) {
        tx.phone_number = "237670000000".into();
    }
    finish(&state, &reference, &Outcome::Succeed);
    HttpResponse::Found()
        .insert_header(("location", redirect))
        .finish()
}

async fn transaction(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    if let Some(response) = state.core.gate().await {
        return response;
    }
    if let Err(response) = authorized(&state, &request) {
        return response;
    }
    match lock(&state.transactions).get(path.as_str()) {
        Some(tx) => HttpResponse::Ok().json(json!({
            "reference": tx.reference,
            "external_reference": tx.external_reference,
            "status": tx.status,
            "amount": tx.amount,
            "currency": "XAF",
            "operator": tx.operator,
            "code": tx.code,
            "operator_reference": "1880106956",
            "reason": tx.reason,
            "phone_number": tx.phone_number,
        })),
        None => HttpResponse::NotFound().json(json!({ "message": "Transaction not found." })),
    }
}

fn settle_later(state: web::Data<State>, reference: String, outcome: Outcome) {
    if outcome == Outcome::Stay {
        return;
    }
    let wait = state.config.confirm_after;
    tokio::spawn(async move {
        tokio::time::sleep(wait).await;
        finish(&state, &reference, &outcome);
    });
}

/// Makes a pending transaction final and sends its callback.
fn finish(state: &State, reference: &str, outcome: &Outcome) {
    let tx = {
        let mut transactions = lock(&state.transactions);
        let Some(tx) = transactions.get_mut(reference) else {
            return;
        };
        if tx.status != "PENDING" {
            return;
        }
        match outcome {
            Outcome::Succeed => tx.status = "SUCCESSFUL".into(),
            Outcome::Fail(reason) | Outcome::Reject(reason) => {
                tx.status = "FAILED".into();
                tx.reason = reason.clone();
            }
            Outcome::Stay => return,
        }
        tx.clone()
    };
    match (tx.kind, tx.status.as_str()) {
        ("collect", "SUCCESSFUL") => *lock(&state.balance) += tx.amount,
        ("withdraw", "FAILED") => *lock(&state.balance) += tx.amount,
        _ => {}
    }
    let Some(url) = state.core.callback_url() else {
        return;
    };
    let knobs = state.core.knobs();
    let key = if knobs.forge_callbacks {
        "not-the-webhook-key"
    } else {
        state.config.webhook_key.as_str()
    };
    let signature = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({}),
        &jsonwebtoken::EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap_or_default();
    let params = [
        ("status", tx.status.clone()),
        ("reference", tx.reference.clone()),
        ("amount", tx.amount.to_string()),
        ("currency", "XAF".to_owned()),
        ("operator", tx.operator.clone()),
        ("code", tx.code.clone()),
        ("operator_reference", "1880106956".to_owned()),
        ("external_reference", tx.external_reference.clone()),
        ("signature", signature),
    ];
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    let separator = if url.contains('?') { '&' } else { '?' };
    state.core.dispatcher.dispatch(
        &knobs,
        Outgoing {
            method: reqwest::Method::GET,
            url: format!("{url}{separator}{query}"),
            headers: Vec::new(),
            body: Vec::new(),
        },
    );
}
