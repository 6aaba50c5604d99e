//! A Flutterwave v3 stand-in: Standard checkout (`POST /v3/payments` and the hosted page it links
//! to), verify by id and by `tx_ref`, refunds, mobile-money transfers and their status. Bearer
//! secret-key auth, the `{status, message, data}` envelope, amounts as JSON numbers in major units.
//! Webhooks (`charge.completed`, `transfer.completed`) are POSTed with `verif-hash` (the secret
//! hash) and `flutterwave-signature` (base64 HMAC-SHA256 of the body), or only the former when
//! `legacy_webhooks` is set. Buyers pay successfully on the hosted page unless scripted by email.

use std::collections::HashMap;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac as _};
use serde_json::{Value, json};
use sha2::Sha256;

use super::{Core, Knobs, Outcome, Outgoing, Running, lock, serve};
use crate::payments::amount;

#[derive(Debug, Clone)]
pub struct FlutterwaveStubConfig {
    pub secret_key: String,
    /// The dashboard's webhook secret hash.
    pub secret_hash: String,
    /// Where webhooks go.
    pub callback_url: Option<String>,
    /// How long a transfer takes to finish.
    pub confirm_after: Duration,
    /// Send only `verif-hash`, as older accounts receive (no HMAC over the body).
    pub legacy_webhooks: bool,
}

impl Default for FlutterwaveStubConfig {
    fn default() -> Self {
        FlutterwaveStubConfig {
            secret_key: "FLWSECK_TEST-stub".into(),
            secret_hash: "stub-secret-hash".into(),
            callback_url: None,
            confirm_after: Duration::from_millis(20),
            legacy_webhooks: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubCharge {
    pub id: u64,
    pub tx_ref: String,
    pub flw_ref: String,
    pub amount_minor: i64,
    pub currency: String,
    /// `pending`, `successful`, `failed`.
    pub status: String,
    pub processor_response: String,
    pub customer_email: String,
    pub customer_phone: Option<String>,
    pub redirect_url: String,
    pub refunded_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubTransfer {
    pub id: u64,
    pub reference: String,
    pub account_bank: String,
    pub account_number: String,
    pub amount_minor: i64,
    pub currency: String,
    /// `NEW`, `SUCCESSFUL`, `FAILED`.
    pub status: String,
    pub complete_message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct StubRefund {
    id: u64,
    tx_id: u64,
    amount_minor: i64,
    currency: String,
}

pub struct FlutterwaveStub {
    running: Running,
    state: web::Data<State>,
}

#[derive(Default)]
struct Books {
    next_id: u64,
    charges: HashMap<u64, StubCharge>,
    transfers: HashMap<u64, StubTransfer>,
    refunds: HashMap<u64, StubRefund>,
}

impl Books {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        4_193_428 + self.next_id
    }

    fn charge_by_ref(&mut self, tx_ref: &str) -> Option<&mut StubCharge> {
        self.charges.values_mut().find(|c| c.tx_ref == tx_ref)
    }
}

struct State {
    core: Core,
    config: FlutterwaveStubConfig,
    books: std::sync::Mutex<Books>,
    /// By customer email (charges) or account number (transfers).
    scripts: std::sync::Mutex<HashMap<String, Outcome>>,
}

impl FlutterwaveStub {
    pub async fn start(config: FlutterwaveStubConfig) -> std::io::Result<FlutterwaveStub> {
        let state = web::Data::new(State {
            core: Core::new(config.callback_url.clone())?,
            config,
            books: Default::default(),
            scripts: Default::default(),
        });
        let running = serve(state.clone(), routes)?;
        Ok(FlutterwaveStub { running, state })
    }

    /// The API base, like `https://api.flutterwave.com/v3/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v3/", self.running.addr)
    }

    pub fn set_knobs(&self, knobs: Knobs) {
        *lock(&self.state.core.knobs) = knobs;
    }

    pub fn set_callback_url(&self, url: &str) {
        *lock(&self.state.core.callback_url) = Some(url.to_owned());
    }

    /// What the buyer with this email (or the transfer to this account number) does.
    pub fn script(&self, key: &str, outcome: Outcome) {
        lock(&self.state.scripts).insert(key.to_owned(), outcome);
    }

    /// The buyer pays (or fails to) on the hosted page, without a browser.
    pub fn pay(&self, tx_ref: &str, outcome: &Outcome) -> bool {
        complete_charge(&self.state, tx_ref, outcome).is_some()
    }

    pub fn charge(&self, tx_ref: &str) -> Option<StubCharge> {
        lock(&self.state.books).charge_by_ref(tx_ref).cloned()
    }

    pub fn transfer(&self, id: u64) -> Option<StubTransfer> {
        lock(&self.state.books).transfers.get(&id).cloned()
    }

    pub async fn release_callbacks(&self) {
        self.state.core.dispatcher.release().await;
    }

    pub fn lost_callbacks(&self) -> Vec<Outgoing> {
        self.state.core.dispatcher.lost()
    }
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/v3/payments", web::post().to(create_payment))
        .route("/v3/hosted/pay/{tx_ref}", web::get().to(hosted_page))
        .route(
            "/v3/transactions/verify_by_reference",
            web::get().to(verify_by_reference),
        )
        .route("/v3/transactions/{id}/verify", web::get().to(verify_by_id))
        .route("/v3/transactions/{id}/refund", web::post().to(refund))
        .route("/v3/refunds/{id}", web::get().to(get_refund))
        .route("/v3/transfers", web::post().to(create_transfer))
        .route("/v3/transfers/{id}", web::get().to(get_transfer));
}

fn success(message: &str, data: Value) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "success", "message": message, "data": data }))
}

fn error(message: &str) -> HttpResponse {
    HttpResponse::BadRequest().json(json!({ "status": "error", "message": message, "data": null }))
}

async fn admit(state: &State, request: &HttpRequest) -> Result<(), HttpResponse> {
    if let Some(response) = state.core.gate().await {
        return Err(response);
    }
    let given = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given == Some(state.config.secret_key.as_str()) {
        Ok(())
    } else {
        Err(HttpResponse::Unauthorized().json(
            json!({ "status": "error", "message": "Invalid authorization key", "data": null }),
        ))
    }
}

/// A JSON amount in major units, exact for the currency (a fraction of a franc is refused).
fn amount_of(value: Option<&Value>, currency: &str) -> Option<i64> {
    amount::parse_json_amount(value?, currency)
        .ok()
        .filter(|a| *a > 0)
}

fn number(amount_minor: i64, currency: &str) -> Value {
    amount::json_number(amount_minor, currency)
        .ok()
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .unwrap_or(Value::Null)
}

async fn create_payment(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let currency = text("currency").unwrap_or_else(|| "NGN".into());
    let Some(tx_ref) = text("tx_ref").filter(|r| !r.is_empty() && r.len() <= 100) else {
        return error("tx_ref is required");
    };
    let Some(amount_minor) = amount_of(body.get("amount"), &currency) else {
        return error("Invalid amount");
    };
    let Some(redirect_url) = text("redirect_url") else {
        return error("redirect_url is required");
    };
    let customer = body.get("customer");
    let Some(email) = customer
        .and_then(|c| c.get("email"))
        .and_then(Value::as_str)
    else {
        return error("customer.email is required");
    };
    let phone = customer
        .and_then(|c| c.get("phonenumber"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut books = lock(&state.books);
    if let Some(existing) = books.charge_by_ref(&tx_ref) {
        if existing.status != "pending" {
            return error("Duplicate transaction reference");
        }
    } else {
        let id = books.id();
        books.charges.insert(
            id,
            StubCharge {
                id,
                tx_ref: tx_ref.clone(),
                flw_ref: format!("FLW-MOCK-{id}"),
                amount_minor,
                currency,
                status: "pending".into(),
                processor_response: "Transaction in progress".into(),
                customer_email: email.to_owned(),
                customer_phone: phone,
                redirect_url,
                refunded_minor: 0,
            },
        );
    }
    drop(books);
    let host = request.connection_info().host().to_owned();
    success(
        "Hosted Link",
        json!({ "link": format!("http://{host}/v3/hosted/pay/{tx_ref}") }),
    )
}

/// The hosted page: the buyer pays at once and is redirected with `status`, `tx_ref` and
/// `transaction_id`.
async fn hosted_page(state: web::Data<State>, path: web::Path<String>) -> HttpResponse {
    let tx_ref = path.into_inner();
    let email = lock(&state.books)
        .charge_by_ref(&tx_ref)
        .map(|c| c.customer_email.clone());
    let Some(email) = email else {
        return HttpResponse::NotFound().finish();
    };
    let outcome = lock(&state.scripts)
        .get(&email)
        .cloned()
        .unwrap_or(Outcome::Succeed);
    let Some(charge) = complete_charge(&state, &tx_ref, &outcome) else {
        return error("This payment link has been used");
    };
    let status = if charge.status == "pending" {
        "cancelled"
    } else {
        charge.status.as_str()
    };
    let query = serde_urlencoded::to_string([
        ("status", status.to_owned()),
        ("tx_ref", charge.tx_ref.clone()),
        ("transaction_id", charge.id.to_string()),
    ])
    .unwrap_or_default();
    let separator = if charge.redirect_url.contains('?') {
        '&'
    } else {
        '?'
    };
    HttpResponse::Found()
        .insert_header((
            "location",
            format!("{}{separator}{query}", charge.redirect_url),
        ))
        .finish()
}

/// Settles a pending charge and sends `charge.completed`.
fn complete_charge(state: &State, tx_ref: &str, outcome: &Outcome) -> Option<StubCharge> {
    let charge = {
        let mut books = lock(&state.books);
        let charge = books.charge_by_ref(tx_ref)?;
        if charge.status != "pending" {
            return None;
        }
        match outcome {
            Outcome::Succeed => {
                charge.status = "successful".into();
                charge.processor_response = "Transaction Successful".into();
            }
            Outcome::Fail(reason) | Outcome::Reject(reason) => {
                charge.status = "failed".into();
                charge.processor_response = reason.clone();
            }
            Outcome::Stay => return Some(charge.clone()),
        }
        charge.clone()
    };
    webhook(
        state,
        json!({ "event": "charge.completed", "data": charge_json(&charge), "event.type": "MOBILEMONEYSN_TRANSACTION" }),
    );
    Some(charge)
}

fn charge_json(charge: &StubCharge) -> Value {
    let amount = number(charge.amount_minor, &charge.currency);
    json!({
        "id": charge.id,
        "tx_ref": charge.tx_ref,
        "flw_ref": charge.flw_ref,
        "device_fingerprint": "N/A",
        "amount": amount,
        "currency": charge.currency,
        "charged_amount": amount,
        "app_fee": 0,
        "merchant_fee": 0,
        "processor_response": charge.processor_response,
        "auth_model": "AUTH",
        "ip": "::127.0.0.1",
        "narration": "Reckot",
        "status": charge.status,
        "payment_type": "mobilemoneysn",
        "created_at": "2026-01-10T11:17:01.000Z",
        "account_id": 20937,
        "customer": {
            "id": 1_998_112,
            "name": "Buyer",
            "phone_number": charge.customer_phone,
            "email": charge.customer_email,
            "created_at": "2026-01-10T11:17:01.000Z",
        },
    })
}

fn verified(charge: Option<StubCharge>) -> HttpResponse {
    match charge {
        Some(charge) => success("Transaction fetched successfully", charge_json(&charge)),
        None => error("No transaction was found for this id"),
    }
}

async fn verify_by_id(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<u64>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    verified(lock(&state.books).charges.get(&path.into_inner()).cloned())
}

async fn verify_by_reference(
    state: web::Data<State>,
    request: HttpRequest,
    query: web::Query<HashMap<String, String>>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let tx_ref = query.get("tx_ref").cloned().unwrap_or_default();
    verified(lock(&state.books).charge_by_ref(&tx_ref).cloned())
}

fn refund_json(refund: &StubRefund) -> Value {
    json!({
        "id": refund.id,
        "account_id": 73_362,
        "tx_id": refund.tx_id,
        "flw_ref": format!("URF_{}", refund.id),
        "wallet_id": 74_639,
        "amount_refunded": number(refund.amount_minor, &refund.currency),
        "status": "completed",
        "destination": "payment_source",
        "meta": { "source": "availablebalance" },
        "created_at": "2026-01-24T09:18:37.366Z",
    })
}

async fn refund(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<u64>,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let tx_id = path.into_inner();
    let mut books = lock(&state.books);
    let Some(charge) = books.charges.get(&tx_id).cloned() else {
        return error("No transaction was found for this id");
    };
    if charge.status != "successful" {
        return error("Only successful transactions can be refunded");
    }
    let left = charge.amount_minor - charge.refunded_minor;
    let amount_minor = match body.get("amount") {
        None | Some(Value::Null) => left,
        value => match amount_of(value, &charge.currency) {
            Some(amount) => amount,
            None => return error("Invalid amount"),
        },
    };
    if amount_minor > left || left == 0 {
        return error("Refund amount exceeds the amount left to refund");
    }
    let id = books.id();
    if let Some(charge) = books.charges.get_mut(&tx_id) {
        charge.refunded_minor += amount_minor;
    }
    let refund = StubRefund {
        id,
        tx_id,
        amount_minor,
        currency: charge.currency.clone(),
    };
    books.refunds.insert(id, refund.clone());
    success("Transaction refund initiated", refund_json(&refund))
}

async fn get_refund(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<u64>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    match lock(&state.books).refunds.get(&path.into_inner()) {
        Some(refund) => success("Refund fetched", refund_json(refund)),
        None => error("Refund not found"),
    }
}

fn transfer_json(transfer: &StubTransfer) -> Value {
    json!({
        "id": transfer.id,
        "account_number": transfer.account_number,
        "bank_code": transfer.account_bank,
        "full_name": "Recipient",
        "fullname": "Recipient",
        "currency": transfer.currency,
        "debit_currency": transfer.currency,
        "amount": number(transfer.amount_minor, &transfer.currency),
        "fee": 0,
        "status": transfer.status,
        "reference": transfer.reference,
        "meta": null,
        "narration": "Payout",
        "complete_message": transfer.complete_message,
        "requires_approval": 0,
        "is_approved": 1,
        "bank_name": transfer.account_bank,
    })
}

async fn create_transfer(
    state: web::Data<State>,
    request: HttpRequest,
    body: web::Json<Value>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let bank = text("account_bank").unwrap_or_default();
    if !["FMM", "MPS", "MTN", "VODAFONE", "TIGO", "AIRTELMW"].contains(&bank.as_str()) {
        return error("Invalid account_bank for a mobile money transfer");
    }
    let Some(number) =
        text("account_number").filter(|n| n.len() >= 10 && n.bytes().all(|b| b.is_ascii_digit()))
    else {
        return error("Invalid account number");
    };
    let currency = text("currency").unwrap_or_default();
    let Some(amount_minor) = amount_of(body.get("amount"), &currency) else {
        return error("Invalid amount");
    };
    let Some(reference) = text("reference") else {
        return error("reference is required");
    };
    let transfer = {
        let mut books = lock(&state.books);
        if books.transfers.values().any(|t| t.reference == reference) {
            return error("Duplicate transfer reference");
        }
        let id = books.id();
        let transfer = StubTransfer {
            id,
            reference,
            account_bank: bank,
            account_number: number.clone(),
            amount_minor,
            currency,
            status: "NEW".into(),
            complete_message: String::new(),
        };
        books.transfers.insert(id, transfer.clone());
        transfer
    };
    let outcome = lock(&state.scripts)
        .get(&number)
        .cloned()
        .unwrap_or(Outcome::Succeed);
    if outcome != Outcome::Stay {
        let state = state.clone();
        let id = transfer.id;
        tokio::spawn(async move {
            tokio::time::sleep(state.config.confirm_after).await;
            complete_transfer(&state, id, &outcome);
        });
    }
    success("Transfer Queued Successfully", transfer_json(&transfer))
}

fn complete_transfer(state: &State, id: u64, outcome: &Outcome) {
    let transfer = {
        let mut books = lock(&state.books);
        let Some(transfer) = books.transfers.get_mut(&id) else {
            return;
        };
        match outcome {
            Outcome::Succeed => {
                transfer.status = "SUCCESSFUL".into();
                transfer.complete_message = "Transaction was successful".into();
            }
            Outcome::Fail(reason) | Outcome::Reject(reason) => {
                transfer.status = "FAILED".into();
                transfer.complete_message = reason.clone();
            }
            Outcome::Stay => return,
        }
        transfer.clone()
    };
    webhook(
        state,
        json!({ "event": "transfer.completed", "event.type": "Transfer", "data": transfer_json(&transfer) }),
    );
}

async fn get_transfer(
    state: web::Data<State>,
    request: HttpRequest,
    path: web::Path<u64>,
) -> HttpResponse {
    if let Err(response) = admit(&state, &request).await {
        return response;
    }
    match lock(&state.books).transfers.get(&path.into_inner()) {
        Some(transfer) => success("Transfer fetched", transfer_json(transfer)),
        None => error("Transfer not found"),
    }
}

/// POSTs a webhook with `verif-hash` and (unless legacy) `flutterwave-signature`.
fn webhook(state: &State, payload: Value) {
    let Some(url) = state.core.callback_url() else {
        return;
    };
    let knobs = state.core.knobs();
    let secret = if knobs.forge_callbacks {
        "not-the-secret-hash"
    } else {
        state.config.secret_hash.as_str()
    };
    let body = serde_json::to_vec(&payload).unwrap_or_default();
    let mut headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("verif-hash".to_owned(), secret.to_owned()),
    ];
    if !state.config.legacy_webhooks
        && let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
    {
        mac.update(&body);
        headers.push((
            "flutterwave-signature".to_owned(),
            B64.encode(mac.finalize().into_bytes()),
        ));
    }
    state.core.dispatcher.dispatch(
        &knobs,
        Outgoing {
            method: reqwest::Method::POST,
            url,
            headers,
            body,
        },
    );
}
