//! Real gateways (CamPay and pawaPay, through their stub servers) on both databases: a payment
//! confirmed by the gateway's webhook, a decline, forged and replayed webhooks, a lost webhook
//! found by reconciliation, and an amount that does not match. The stubs call back over HTTP,
//! so the app also listens on a real port; callbacks a test wants to hold or replay go to a
//! recording sink instead and are delivered in-process.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use db::ConnectionTrait as _;
use futures_util::future::join_all;
use integrations::payments::stubs::campay::{CampayStub, CampayStubConfig};
use integrations::payments::stubs::flutterwave::{FlutterwaveStub, FlutterwaveStubConfig};
use integrations::payments::stubs::pawapay::{PawapayStub, PawapayStubConfig};
use integrations::payments::stubs::{CallbackSink, Knobs, Outcome};
use integrations::payments::{PaymentStatus, TxKind, TxReport, WebhookRequest};
use reckot_server::services::webhooks::{self, Applied};
use reckot_server::settings::{
    CampaySettings, FlutterwaveSettings, GatewaySettings, PawapaySettings,
};
use reckot_server::state::Gateways;
use serde_json::{Value, json};

use crate::checkout::{buy, order_body, shop};
use crate::db_test;
use crate::support::{Res, TestApp, assert_problem};

const WAIT: Duration = Duration::from_secs(10);
/// The buyer's mobile-money number, as the stubs see it (E.164 digits).
const PAYER: &str = "237670000001";

enum Stub {
    Campay(CampayStub),
    Pawapay(PawapayStub),
    /// With what the buyer will do on its hosted page.
    Flutterwave(FlutterwaveStub, std::sync::Mutex<Outcome>),
}

impl Stub {
    async fn start(method: &str) -> Stub {
        match method {
            "campay" => Stub::Campay(
                CampayStub::start(CampayStubConfig::default())
                    .await
                    .unwrap(),
            ),
            "flutterwave" => Stub::Flutterwave(
                FlutterwaveStub::start(FlutterwaveStubConfig::default())
                    .await
                    .unwrap(),
                std::sync::Mutex::new(Outcome::Succeed),
            ),
            _ => Stub::Pawapay(
                PawapayStub::start(PawapayStubConfig::default())
                    .await
                    .unwrap(),
            ),
        }
    }

    fn method(&self) -> &'static str {
        match self {
            Stub::Campay(_) => "campay",
            Stub::Pawapay(_) => "pawapay",
            Stub::Flutterwave(..) => "flutterwave",
        }
    }

    fn settings(&self) -> GatewaySettings {
        match self {
            Stub::Campay(stub) => GatewaySettings {
                campay: Some(CampaySettings {
                    base_url: stub.base_url(),
                    token: None,
                    username: Some("stub-app".into()),
                    password: Some("stub-password".to_owned().into()),
                    webhook_key: "stub-webhook-key".to_owned().into(),
                }),
                ..GatewaySettings::default()
            },
            Stub::Pawapay(stub) => GatewaySettings {
                pawapay: Some(PawapaySettings {
                    base_url: stub.base_url(),
                    api_token: "stub-pawapay-token".to_owned().into(),
                    callback_url: None,
                }),
                ..GatewaySettings::default()
            },
            Stub::Flutterwave(stub, _) => GatewaySettings {
                flutterwave: Some(FlutterwaveSettings {
                    base_url: stub.base_url(),
                    secret_key: "FLWSECK_TEST-stub".to_owned().into(),
                    secret_hash: "stub-secret-hash".to_owned().into(),
                }),
                ..GatewaySettings::default()
            },
        }
    }

    fn set_callback_url(&self, url: &str) {
        match self {
            Stub::Campay(stub) => stub.set_callback_url(url),
            Stub::Pawapay(stub) => stub.set_callback_url(url),
            Stub::Flutterwave(stub, _) => stub.set_callback_url(url),
        }
    }

    fn set_knobs(&self, knobs: Knobs) {
        match self {
            Stub::Campay(stub) => stub.set_knobs(knobs),
            Stub::Pawapay(stub) => stub.set_knobs(knobs),
            Stub::Flutterwave(stub, _) => stub.set_knobs(knobs),
        }
    }

    fn script(&self, phone: &str, outcome: Outcome) {
        match self {
            Stub::Campay(stub) => stub.script(phone, outcome),
            Stub::Pawapay(stub) => stub.script(phone, outcome),
            // Flutterwave scripts buyers by email, on its hosted page.
            Stub::Flutterwave(_, page) => *page.lock().unwrap() = outcome,
        }
    }

    /// Whether the gateway has finished every transaction.
    fn all_final(&self) -> bool {
        match self {
            Stub::Campay(stub) => stub.transactions().iter().all(|t| t.status != "PENDING"),
            Stub::Pawapay(stub) => stub.transactions().iter().all(|t| t.status != "ACCEPTED"),
            Stub::Flutterwave(..) => true,
        }
    }

    fn failure(&self) -> Outcome {
        Outcome::Fail(
            match self {
                Stub::Campay(_) => "Payer refused",
                Stub::Pawapay(_) => "PAYMENT_NOT_APPROVED",
                Stub::Flutterwave(..) => "Declined by issuer",
            }
            .into(),
        )
    }
}

/// The app with `method`'s gateway pointed at its stub, listening on a port the stub calls
/// back on; `sink`: callbacks go to a recording sink instead.
struct Pay {
    app: TestApp,
    stub: Stub,
    sink: Option<CallbackSink>,
    server: actix_web::dev::ServerHandle,
    order: String,
    token: String,
    shop: crate::checkout::Shop,
    /// Flutterwave: `pay()` also completes the hosted page.
    hosted_page_visits: bool,
}

impl Drop for Pay {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

async fn setup(app: TestApp, method: &str, sink: bool) -> Pay {
    let mut app = app;
    let stub = Stub::start(method).await;
    let mut settings = (*app.state.settings).clone();
    settings.gateways = stub.settings();
    app.state.gateways = Gateways::from_settings(&settings);
    app.state.settings = Arc::new(settings);

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let state = app.state.clone();
    let server = actix_web::HttpServer::new(move || reckot_server::http::app::build(state.clone()))
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let path = format!("/api/v1/webhooks/{method}");
    let sink = if sink {
        let sink = CallbackSink::start().await.unwrap();
        stub.set_callback_url(&sink.url(&path));
        Some(sink)
    } else {
        stub.set_callback_url(&format!("http://{addr}{path}"));
        None
    };

    let s = shop(&app, &[("Standard", "5000", 50)]).await;
    let res = buy(
        &app,
        &s.slug,
        order_body("amina@example.com", &[(&s.types[0], 2)]),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let order = res.body["id"].as_str().unwrap().to_owned();
    let token = res.body["access_token"].as_str().unwrap().to_owned();
    Pay {
        app,
        stub,
        sink,
        server: handle,
        order,
        token,
        shop: s,
        hosted_page_visits: true,
    }
}

impl Pay {
    /// Starts paying; on Flutterwave's hosted page the buyer then does what was scripted.
    async fn pay(&self) -> Res {
        let res = self.start_payment().await;
        if let (Stub::Flutterwave(stub, page), StatusCode::CREATED) = (&self.stub, res.status)
            && self.hosted_page_visits
        {
            let outcome = page.lock().unwrap().clone();
            assert!(stub.pay(res.body["id"].as_str().unwrap(), &outcome));
        }
        res
    }

    async fn start_payment(&self) -> Res {
        self.app
            .post(
                &format!(
                    "/api/v1/orders/{}/payments?token={}",
                    self.order, self.token
                ),
                None,
                json!({"method": self.stub.method(), "phone": "+237 6 70 00 00 01"}),
            )
            .await
    }

    async fn order(&self) -> Value {
        let path = format!("/api/v1/orders/{}?token={}", self.order, self.token);
        let res = self.app.send("GET", &path, None, None).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        res.body
    }

    /// The order once `done` holds for it, or a panic after `WAIT`.
    async fn order_when(&self, done: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        loop {
            let order = self.order().await;
            if done(&order) {
                return order;
            }
            assert!(start.elapsed() < WAIT, "gave up waiting: {order:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stub_done(&self) {
        let start = Instant::now();
        while !self.stub.all_final() {
            assert!(start.elapsed() < WAIT, "the stub never finished");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn callback(&self) -> WebhookRequest {
        let sink = self.sink.as_ref().unwrap();
        sink.next(WAIT).await.expect("a callback")
    }

    /// Delivers a recorded callback to the app, in-process.
    async fn deliver(&self, hook: &WebhookRequest) -> Res {
        let uri = if hook.query.is_empty() {
            hook.path.clone()
        } else {
            format!("{}?{}", hook.path, hook.query)
        };
        let mut req = TestRequest::default()
            .method(hook.method.parse().unwrap())
            .uri(&uri)
            .peer_addr("10.0.0.9:443".parse().unwrap())
            .set_payload(hook.body.clone());
        for (name, value) in &hook.headers {
            if !name.eq_ignore_ascii_case("content-length") {
                req = req.append_header((name.as_str(), value.as_str()));
            }
        }
        self.app.call(req).await
    }
}

fn payments(order: &Value) -> Vec<Value> {
    order["payments"].as_array().unwrap().clone()
}

async fn a_payment_confirmed_by_webhook_issues_the_tickets(app: TestApp, method: &str) {
    let p = setup(app, method, false).await;
    let pending = p.order().await;
    assert!(
        payments(&pending).is_empty()
            && pending["payment_methods"]
                .as_array()
                .unwrap()
                .contains(&json!(method)),
        "{pending:?}"
    );
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    assert_eq!(res.body["method"], method);
    if method == "campay" {
        // The code the payer dials, kept for a reload of the order page while pending.
        assert_eq!(res.body["dial_code"], "*126#", "{:?}", res.body);
    }
    let order = p.order_when(|o| o["status"] == "confirmed").await;
    assert!(
        order["payments"][0]["dial_code"].is_null(),
        "only while pending"
    );
    assert_eq!(order["tickets"].as_array().unwrap().len(), 2);
    let paid = payments(&order);
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0]["status"], "succeeded");
    assert_eq!(
        paid[0]["amount"],
        json!({"amount": "10500", "currency": "XAF"})
    );
    assert_eq!(order["payment_methods"], json!([]));
}

async fn a_declined_payment_fails_and_the_order_keeps_its_hold(app: TestApp, method: &str) {
    let p = setup(app, method, false).await;
    p.stub.script(PAYER, p.stub.failure());
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let order = p
        .order_when(|o| payments(o).first().is_some_and(|p| p["status"] == "failed"))
        .await;
    assert_eq!(order["status"], "pending");
    assert!(order["tickets"].as_array().unwrap().is_empty());
}

async fn a_forged_webhook_is_refused_and_changes_nothing(app: TestApp, method: &str) {
    let p = setup(app, method, true).await;
    p.stub.set_knobs(Knobs {
        forge_callbacks: true,
        ..Knobs::default()
    });
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let forged = p.callback().await;
    let res = p.deliver(&forged).await;
    assert_problem(&res, 401, "invalid_token");
    let order = p.order().await;
    assert_eq!(order["status"], "pending");
    assert_eq!(payments(&order)[0]["status"], "pending");
}

async fn a_webhook_replayed_ten_times_at_once_records_one_payment(app: TestApp, method: &str) {
    let p = setup(app, method, true).await;
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let hook = p.callback().await;
    let answers = join_all((0..10).map(|_| p.deliver(&hook))).await;
    let mut outcomes: Vec<String> = answers
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
            r.body["outcome"].as_str().unwrap().to_owned()
        })
        .collect();
    outcomes.sort();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "settled").count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        outcomes.iter().filter(|o| *o == "already_settled").count(),
        9,
        "{outcomes:?}"
    );
    let order = p.order().await;
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["tickets"].as_array().unwrap().len(), 2);
    let paid = payments(&order);
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0]["status"], "succeeded");

    // A failure reported after the success (out of order) changes nothing.
    let id: uuid::Uuid = paid[0]["id"].as_str().unwrap().parse().unwrap();
    let (org, _) = db::payments::owner_org(&p.app.state.db, id).await.unwrap();
    let row = db::payments::get(&p.app.state.db, db::OrgScope::for_buyer_of(org), id)
        .await
        .unwrap();
    let late = TxReport {
        kind: TxKind::Payment,
        provider_ref: row.provider_ref.clone().unwrap(),
        reference_id: Some(id),
        status: PaymentStatus::Failed("PAYMENT_NOT_APPROVED".into()),
        amount_minor: row.amount_minor,
        currency: row.currency.clone(),
    };
    assert_eq!(
        webhooks::apply(&p.app.state, method, &late).await.unwrap(),
        Applied::AlreadySettled
    );
    let order = p.order().await;
    assert_eq!(order["status"], "confirmed");
    assert_eq!(payments(&order)[0]["status"], "succeeded");
}

async fn a_lost_webhook_is_found_by_reconciliation(app: TestApp, method: &str) {
    let p = setup(app, method, false).await;
    p.stub.set_knobs(Knobs {
        lose_callbacks: true,
        ..Knobs::default()
    });
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    p.stub_done().await;
    let state = &p.app.state;
    // Not yet due: a webhook may still come.
    assert_eq!(
        reckot_server::services::reconcile::run(state)
            .await
            .unwrap(),
        0
    );
    assert_eq!(p.order().await["status"], "pending");
    p.app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(
        reckot_server::services::reconcile::run(state)
            .await
            .unwrap(),
        1
    );
    let order = p.order().await;
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["tickets"].as_array().unwrap().len(), 2);
    // Nothing left to reconcile.
    assert_eq!(
        reckot_server::services::reconcile::run(state)
            .await
            .unwrap(),
        0
    );
}

async fn a_success_for_another_amount_is_refused_and_changes_nothing(app: TestApp, method: &str) {
    let p = setup(app, method, true).await;
    let res = p.pay().await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let hook = p.callback().await;
    // As if the gateway had charged another amount than the one we asked for.
    p.app
        .state
        .db
        .execute_unprepared("UPDATE payments SET amount_minor = amount_minor + 100")
        .await
        .unwrap();
    let res = p.deliver(&hook).await;
    assert_problem(&res, 409, "conflict");
    // Reconciliation asks the gateway and refuses the same way.
    p.app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(
        reckot_server::services::reconcile::run(&p.app.state)
            .await
            .unwrap(),
        0
    );
    let order = p.order().await;
    assert_eq!(order["status"], "pending");
    assert_eq!(payments(&order)[0]["status"], "pending");
    assert!(order["tickets"].as_array().unwrap().is_empty());
}

db_test!(
    a_campay_payment_confirmed_by_webhook_issues_the_tickets,
    |app| { a_payment_confirmed_by_webhook_issues_the_tickets(app, "campay") }
);
db_test!(
    a_pawapay_payment_confirmed_by_webhook_issues_the_tickets,
    |app| { a_payment_confirmed_by_webhook_issues_the_tickets(app, "pawapay") }
);
db_test!(
    a_declined_campay_payment_fails_and_the_order_keeps_its_hold,
    |app| { a_declined_payment_fails_and_the_order_keeps_its_hold(app, "campay") }
);
db_test!(
    a_declined_pawapay_payment_fails_and_the_order_keeps_its_hold,
    |app| { a_declined_payment_fails_and_the_order_keeps_its_hold(app, "pawapay") }
);
db_test!(
    a_forged_campay_webhook_is_refused_and_changes_nothing,
    |app| { a_forged_webhook_is_refused_and_changes_nothing(app, "campay") }
);
db_test!(
    a_forged_pawapay_webhook_is_refused_and_changes_nothing,
    |app| { a_forged_webhook_is_refused_and_changes_nothing(app, "pawapay") }
);
db_test!(
    a_campay_webhook_replayed_ten_times_at_once_records_one_payment,
    |app| { a_webhook_replayed_ten_times_at_once_records_one_payment(app, "campay") }
);
db_test!(
    a_pawapay_webhook_replayed_ten_times_at_once_records_one_payment,
    |app| { a_webhook_replayed_ten_times_at_once_records_one_payment(app, "pawapay") }
);
db_test!(a_lost_campay_webhook_is_found_by_reconciliation, |app| {
    a_lost_webhook_is_found_by_reconciliation(app, "campay")
});
db_test!(a_lost_pawapay_webhook_is_found_by_reconciliation, |app| {
    a_lost_webhook_is_found_by_reconciliation(app, "pawapay")
});
db_test!(
    a_campay_success_for_another_amount_is_refused_and_changes_nothing,
    |app| { a_success_for_another_amount_is_refused_and_changes_nothing(app, "campay") }
);
db_test!(
    a_pawapay_success_for_another_amount_is_refused_and_changes_nothing,
    |app| { a_success_for_another_amount_is_refused_and_changes_nothing(app, "pawapay") }
);

db_test!(
    the_payers_phone_and_operator_are_checked_then_sent_to_the_gateway,
    |app: TestApp| async move {
        let p = setup(app, "pawapay", false).await;
        let path = format!("/api/v1/orders/{}/payments?token={}", p.order, p.token);
        for (body, field) in [
            (json!({"method": "pawapay", "phone": "12"}), "phone"),
            (
                json!({"method": "pawapay", "phone": "690000001", "operator": "pigeon"}),
                "operator",
            ),
            // Not enabled here.
            (json!({"method": "campay"}), "method"),
        ] {
            let res = p.app.post(&path, None, body).await;
            assert_problem(&res, 422, "validation_failed");
            assert_eq!(res.body["errors"][0]["field"], field, "{:?}", res.body);
        }
        let res = p
            .app
            .post(
                &path,
                None,
                json!({"method": "pawapay", "phone": "6 90 00 00 01", "operator": "orange"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        let Stub::Pawapay(stub) = &p.stub else {
            unreachable!()
        };
        let tx = stub.transactions().pop().unwrap();
        assert_eq!(
            (tx.phone_number.as_str(), tx.provider.as_str()),
            ("237690000001", "ORANGE_CMR")
        );
        p.order_when(|o| o["status"] == "confirmed").await;
    }
);

db_test!(
    webhooks_for_a_gateway_that_is_not_enabled_are_not_found,
    |app: TestApp| async move {
        let p = setup(app, "pawapay", false).await;
        for path in [
            "/api/v1/webhooks/campay",
            "/api/v1/webhooks/test",
            "/api/v1/webhooks/nope",
        ] {
            let res = p.app.send("POST", path, None, Some(json!({}))).await;
            assert_problem(&res, 404, "not_found");
        }
        // Enabled, but unsigned: refused before anything in it is read.
        let res = p
            .app
            .send(
                "POST",
                "/api/v1/webhooks/pawapay",
                None,
                Some(json!({"depositId": "x"})),
            )
            .await;
        assert_problem(&res, 401, "invalid_token");
        // Notifications are small: a big body is refused before it is read.
        let big = json!({"padding": "x".repeat(70 * 1024)});
        let res = p
            .app
            .send("POST", "/api/v1/webhooks/pawapay", None, Some(big))
            .await;
        assert_problem(&res, 413, "payload_too_large");
    }
);

db_test!(
    a_flutterwave_checkout_paid_on_its_page_is_confirmed_by_webhook,
    |app: TestApp| async move {
        let p = setup(app, "flutterwave", false).await;
        let res = p.start_payment().await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        // Hosted checkout: the buyer is sent to Flutterwave's page...
        assert!(
            res.body["redirect_url"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1")
        );
        let Stub::Flutterwave(stub, _) = &p.stub else {
            unreachable!()
        };
        // ...and pays there; the payment's reference is its id (`tx_ref`).
        assert!(stub.pay(res.body["id"].as_str().unwrap(), &Outcome::Succeed));
        let order = p.order_when(|o| o["status"] == "confirmed").await;
        assert_eq!(order["tickets"].as_array().unwrap().len(), 2);
        assert_eq!(payments(&order)[0]["status"], "succeeded");
    }
);

db_test!(
    a_payment_the_gateway_did_not_answer_stays_pending_until_reconciliation_finds_out,
    |app: TestApp| async move {
        let p = setup(app, "pawapay", false).await;
        p.stub.set_knobs(Knobs {
            api_failures: 1,
            ..Knobs::default()
        });
        let res = p.pay().await;
        assert_problem(&res, 503, "service_unavailable");
        // A timeout may hide an accepted payment: not counted as declined.
        let order = p.order().await;
        assert_eq!(payments(&order)[0]["status"], "pending");
        p.app.clock.advance(chrono::Duration::seconds(61));
        assert_eq!(
            reckot_server::services::reconcile::run(&p.app.state)
                .await
                .unwrap(),
            1
        );
        // pawaPay never heard of it: not paid, and the order may be paid again.
        let order = p.order().await;
        assert_eq!(payments(&order)[0]["status"], "failed");
        assert_eq!(order["status"], "pending");
        let res = p.pay().await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
        p.order_when(|o| o["status"] == "confirmed").await;
    }
);

// ---- refunds, payouts and late payments through the real gateways' stubs ----

async fn a_refund_is_sent_through_the_gateway_and_settled_by_its_report(
    app: TestApp,
    method: &str,
) {
    let p = setup(app, method, false).await;
    assert_eq!(p.pay().await.status, StatusCode::CREATED);
    p.order_when(|o| o["status"] == "confirmed").await;
    let res = p
        .app
        .post(
            &format!("/api/v1/orgs/{}/orders/{}/refunds", p.shop.org, p.order),
            Some(&p.shop.token),
            json!({"reason": "Event moved"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    assert_eq!(res.body["amount"]["amount"], "10000");
    p.app.run_jobs().await;
    // The gateway accepts, then reports (a signed callback; reconciliation if it is lost).
    let start = Instant::now();
    let order = loop {
        let order = p.order().await;
        if order["refunds"][0]["status"] == "refunded" {
            break order;
        }
        assert!(start.elapsed() < WAIT, "refund never settled: {order:?}");
        p.app.clock.advance(chrono::Duration::seconds(61));
        let _ = reckot_server::services::reconcile::run(&p.app.state).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        order["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["status"] == "refunded")
    );
}

async fn a_withdrawal_is_paid_out_through_the_gateway(app: TestApp, method: &str) {
    let mut p = setup(app, method, false).await;
    assert_eq!(p.pay().await.status, StatusCode::CREATED);
    p.order_when(|o| o["status"] == "confirmed").await;
    p.app.clock.advance(chrono::Duration::hours(49));
    p.shop.token = p
        .app
        .login("owner@example.com", "correct horse battery")
        .await;
    let res = p
        .app
        .post(
            &format!("/api/v1/orgs/{}/withdrawals", p.shop.org),
            Some(&p.shop.token),
            json!({"amount": {"amount": "9000", "currency": "XAF"}, "destination": {"kind": "mobile_money", "phone": "+237 6 90 00 00 07"}}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let id = res.body["id"].as_str().unwrap().to_owned();
    let admin = crate::admin::platform_admin(&p.app).await;
    let res = p
        .app
        .post(
            &format!("/api/v1/admin/withdrawals/{id}/approve"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    p.app.run_jobs().await;
    let start = Instant::now();
    loop {
        let list = p.app.get("/api/v1/admin/withdrawals", &admin).await;
        let w = &list.body["items"][0];
        if w["status"] == "completed" {
            assert!(w["payout_reference"].is_string());
            break;
        }
        assert!(w["status"] == "processing", "{w:?}");
        assert!(start.elapsed() < WAIT, "payout never settled: {w:?}");
        p.app.clock.advance(chrono::Duration::seconds(61));
        let _ = reckot_server::services::reconcile::run(&p.app.state).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let b = p
        .app
        .get(
            &format!("/api/v1/orgs/{}/balances", p.shop.org),
            &admin_or_owner(&p),
        )
        .await;
    assert_eq!(b.body[0]["paid_out"]["amount"], "9000", "{:?}", b.body);
    assert_eq!(b.body[0]["available"]["amount"], "1000");
}

fn admin_or_owner(p: &Pay) -> String {
    p.shop.token.clone()
}

async fn a_success_after_the_tickets_sold_out_is_refunded_automatically(
    app: TestApp,
    method: &str,
) {
    let p = setup(app, method, true).await;
    assert_eq!(p.pay().await.status, StatusCode::CREATED);
    let hook = p.callback().await;
    // The hold lapses and someone else buys every ticket before the success arrives.
    p.app.clock.advance(chrono::Duration::minutes(30));
    assert_eq!(p.order().await["status"], "expired");
    for i in 0..5 {
        let other = buy(
            &p.app,
            &p.shop.slug,
            order_body(&format!("fan{i}@example.com"), &[(&p.shop.types[0], 10)]),
        )
        .await;
        assert_eq!(other.status, StatusCode::CREATED, "{:?}", other.body);
    }
    let res = p.deliver(&hook).await;
    assert!(res.status.is_success(), "{:?}", res.body);
    let order = p.order().await;
    assert_eq!(order["status"], "expired");
    assert_eq!(order["refunds"][0]["requested_by"], "system", "{order:?}");
    assert_eq!(order["refunds"][0]["amount"]["amount"], "10500");
    p.app.run_jobs().await;
    let mails = p.app.emails_to("amina@example.com").await;
    assert!(
        mails
            .iter()
            .any(|m| m["subject"].as_str().unwrap_or("").contains("too late")),
        "{mails:?}"
    );
}

db_test!(a_pawapay_refund_is_sent_and_settled_by_its_report, |app| {
    a_refund_is_sent_through_the_gateway_and_settled_by_its_report(app, "pawapay")
});
db_test!(a_campay_refund_is_sent_and_settled_by_its_report, |app| {
    a_refund_is_sent_through_the_gateway_and_settled_by_its_report(app, "campay")
});
db_test!(a_pawapay_withdrawal_is_paid_out, |app| {
    a_withdrawal_is_paid_out_through_the_gateway(app, "pawapay")
});
db_test!(a_campay_withdrawal_is_paid_out, |app| {
    a_withdrawal_is_paid_out_through_the_gateway(app, "campay")
});
db_test!(
    a_late_pawapay_success_after_a_sell_out_is_refunded_automatically,
    |app| { a_success_after_the_tickets_sold_out_is_refunded_automatically(app, "pawapay") }
);
db_test!(
    a_late_campay_success_after_a_sell_out_is_refunded_automatically,
    |app| { a_success_after_the_tickets_sold_out_is_refunded_automatically(app, "campay") }
);

db_test!(
    a_flutterwave_payment_confirmed_by_webhook_issues_the_tickets,
    |app| { a_payment_confirmed_by_webhook_issues_the_tickets(app, "flutterwave") }
);
db_test!(
    a_declined_flutterwave_payment_fails_and_the_order_keeps_its_hold,
    |app| { a_declined_payment_fails_and_the_order_keeps_its_hold(app, "flutterwave") }
);
db_test!(
    a_forged_flutterwave_webhook_is_refused_and_changes_nothing,
    |app| { a_forged_webhook_is_refused_and_changes_nothing(app, "flutterwave") }
);
db_test!(
    a_flutterwave_webhook_replayed_ten_times_at_once_records_one_payment,
    |app| { a_webhook_replayed_ten_times_at_once_records_one_payment(app, "flutterwave") }
);
db_test!(
    a_lost_flutterwave_webhook_is_found_by_reconciliation,
    |app| { a_lost_webhook_is_found_by_reconciliation(app, "flutterwave") }
);
db_test!(
    a_flutterwave_refund_is_sent_and_settled_by_its_report,
    |app| { a_refund_is_sent_through_the_gateway_and_settled_by_its_report(app, "flutterwave") }
);
db_test!(
    a_late_flutterwave_success_after_a_sell_out_is_refunded_automatically,
    |app| { a_success_after_the_tickets_sold_out_is_refunded_automatically(app, "flutterwave") }
);
db_test!(a_flutterwave_withdrawal_is_paid_out, |app| {
    a_withdrawal_is_paid_out_through_the_gateway(app, "flutterwave")
});
