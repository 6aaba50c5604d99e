//! The Flutterwave v3 client against the Flutterwave stub: hosted checkout, webhooks with the
//! HMAC signature or only the legacy `verif-hash`, verification, refunds, transfers, and the
//! failure modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use integrations::payments::flutterwave::{Flutterwave, FlutterwaveConfig};
use integrations::payments::stubs::flutterwave::{FlutterwaveStub, FlutterwaveStubConfig};
use integrations::payments::stubs::{CallbackSink, Knobs, Outcome};
use integrations::payments::{
    Country, DeclineCode, GatewayError, Operator, PaymentError, PaymentGateway, PaymentStatus,
    PayoutRequest, RefundRequest, StartRequest, TxKind, WebhookError, WebhookEvent,
};
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(3);

struct Setup {
    stub: FlutterwaveStub,
    sink: CallbackSink,
    client: Flutterwave,
}

async fn setup_with(config: FlutterwaveStubConfig, timeout: Duration) -> Setup {
    let sink = CallbackSink::start().await.unwrap();
    let stub = FlutterwaveStub::start(FlutterwaveStubConfig {
        callback_url: Some(sink.url("/webhooks/flutterwave")),
        ..config.clone()
    })
    .await
    .unwrap();
    let client = Flutterwave::new(FlutterwaveConfig {
        base_url: stub.base_url(),
        secret_key: config.secret_key.clone().into(),
        secret_hash: config.secret_hash.clone().into(),
        return_url: "http://app.test/orders/{order_id}?token={order_token}".into(),
        title: "Reckot".into(),
        payment_options: Some("card, mobilemoneyfranco".into()),
        default_country: Country::CAMEROON,
        timeout,
    })
    .unwrap();
    Setup { stub, sink, client }
}

async fn setup() -> Setup {
    setup_with(FlutterwaveStubConfig::default(), Duration::from_secs(2)).await
}

fn order(amount_minor: i64, currency: &str) -> StartRequest {
    StartRequest {
        payment_id: Uuid::new_v4(),
        order_id: Uuid::new_v4(),
        order_reference: "RK-3F8Q1ZKD".into(),
        amount_minor,
        currency: currency.into(),
        buyer_email: "ada@example.cm".into(),
        buyer_phone: Some("237670000000".into()),
        order_token: "tok".into(),
    }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn next_event(s: &Setup) -> WebhookEvent {
    let callback = s.sink.next(WAIT).await.expect("a webhook");
    s.client.verify_webhook(&callback).await.unwrap()
}

/// Starts and pays a checkout; returns the request once its success webhook is verified.
async fn paid(s: &Setup, amount_minor: i64, currency: &str) -> StartRequest {
    let request = order(amount_minor, currency);
    s.client.start(&request).await.unwrap();
    assert!(
        s.stub
            .pay(&request.payment_id.to_string(), &Outcome::Succeed)
    );
    assert_eq!(next_event(s).await.status, PaymentStatus::Succeeded);
    request
}

#[tokio::test]
async fn a_hosted_checkout_paid_by_the_buyer_calls_back_with_a_verified_success() {
    let s = setup().await;
    let request = order(1250, "USD");
    let started = s.client.start(&request).await.unwrap();
    let tx_ref = request.payment_id.to_string();
    assert_eq!(started.provider_ref.as_deref(), Some(tx_ref.as_str()));
    let charge = s.stub.charge(&tx_ref).unwrap();
    assert_eq!(
        (charge.amount_minor, charge.currency.as_str()),
        (1250, "USD")
    );
    assert_eq!(
        charge.redirect_url,
        format!("http://app.test/orders/{}?token=tok", request.order_id)
    );

    let page = browser()
        .get(started.redirect_url.unwrap())
        .send()
        .await
        .unwrap();
    let back = page.headers().get("location").unwrap().to_str().unwrap();
    assert!(back.contains("status=successful"), "{back}");
    assert!(back.contains(&format!("tx_ref={tx_ref}")), "{back}");

    let callback = s.sink.next(WAIT).await.expect("a webhook");
    assert!(callback.header("flutterwave-signature").is_some());
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(event.kind, TxKind::Payment);
    assert_eq!(event.provider_ref, tx_ref);
    assert_eq!(event.reference_id, Some(request.payment_id));
    assert_eq!(event.status, PaymentStatus::Succeeded);
    assert_eq!((event.amount_minor, event.currency.as_str()), (1250, "USD"));
    assert_eq!(
        s.client.status(&tx_ref).await.unwrap(),
        PaymentStatus::Succeeded
    );
    assert_eq!(
        s.client
            .query(TxKind::Payment, &charge.id.to_string())
            .await
            .unwrap(),
        event
    );
}

#[tokio::test]
async fn whole_francs_go_out_as_whole_numbers() {
    let s = setup().await;
    let request = order(5000, "XAF");
    s.client.start(&request).await.unwrap();
    assert_eq!(
        s.stub
            .charge(&request.payment_id.to_string())
            .unwrap()
            .amount_minor,
        5000
    );
}

#[tokio::test]
async fn a_failed_payment_gives_a_verified_failure_with_the_processor_response() {
    let s = setup().await;
    s.stub
        .script("ada@example.cm", Outcome::Fail("Insufficient funds".into()));
    let started = s.client.start(&order(5000, "XAF")).await.unwrap();
    let page = browser()
        .get(started.redirect_url.unwrap())
        .send()
        .await
        .unwrap();
    assert!(
        page.headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("status=failed")
    );
    let event = next_event(&s).await;
    assert_eq!(
        event.status,
        PaymentStatus::Failed("Insufficient funds".into())
    );
}

#[tokio::test]
async fn a_refused_checkout_is_declined() {
    let s = setup().await;
    let request = paid(&s, 5000, "XAF").await;
    // The same tx_ref again, once paid: Flutterwave refuses duplicates.
    let again = s.client.start(&request).await;
    assert!(matches!(again, Err(GatewayError::Declined(_))), "{again:?}");
}

#[tokio::test]
async fn a_stub_slower_than_the_client_timeout_is_unavailable() {
    let s = setup_with(FlutterwaveStubConfig::default(), Duration::from_millis(300)).await;
    s.stub.set_knobs(Knobs {
        api_delay: Duration::from_secs(2),
        ..Knobs::default()
    });
    let result = s.client.start(&order(5000, "XAF")).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
    s.stub.set_knobs(Knobs {
        api_failures: 1,
        ..Knobs::default()
    });
    let result = s.client.start(&order(5000, "XAF")).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_webhook_with_the_wrong_secret_or_an_altered_body_is_refused() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        forge_callbacks: true,
        ..Knobs::default()
    });
    let request = order(5000, "XAF");
    s.client.start(&request).await.unwrap();
    s.stub
        .pay(&request.payment_id.to_string(), &Outcome::Succeed);
    let forged = s.sink.next(WAIT).await.expect("a webhook");
    let verdict = s.client.verify_webhook(&forged).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );

    s.stub.set_knobs(Knobs::default());
    let request = order(5000, "XAF");
    s.client.start(&request).await.unwrap();
    s.stub
        .pay(&request.payment_id.to_string(), &Outcome::Succeed);
    let genuine = s.sink.next(WAIT).await.expect("a webhook");
    let mut altered = genuine.clone();
    altered.body = String::from_utf8(genuine.body.clone())
        .unwrap()
        .replace("\"amount\":5000", "\"amount\":50")
        .into_bytes();
    assert_ne!(altered.body, genuine.body);
    let verdict = s.client.verify_webhook(&altered).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    let mut bare = genuine.clone();
    bare.headers.clear();
    let verdict = s.client.verify_webhook(&bare).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    assert!(s.client.verify_webhook(&genuine).await.is_ok());
}

#[tokio::test]
async fn a_legacy_webhook_with_only_verif_hash_is_confirmed_with_the_api() {
    let s = setup_with(
        FlutterwaveStubConfig {
            legacy_webhooks: true,
            ..FlutterwaveStubConfig::default()
        },
        Duration::from_secs(2),
    )
    .await;
    let request = order(5000, "XAF");
    s.client.start(&request).await.unwrap();
    s.stub
        .pay(&request.payment_id.to_string(), &Outcome::Succeed);
    let callback = s.sink.next(WAIT).await.expect("a webhook");
    assert!(callback.header("flutterwave-signature").is_none());
    // verif-hash binds nothing: a changed amount in the body is not believed.
    let mut altered = callback.clone();
    altered.body = String::from_utf8(callback.body.clone())
        .unwrap()
        .replace("\"amount\":5000", "\"amount\":50")
        .into_bytes();
    let event = s.client.verify_webhook(&altered).await.unwrap();
    assert_eq!(
        (event.amount_minor, event.status),
        (5000, PaymentStatus::Succeeded)
    );
    assert_eq!(event.reference_id, Some(request.payment_id));
}

#[tokio::test]
async fn a_duplicated_webhook_verifies_to_the_same_event() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        duplicate_callbacks: true,
        ..Knobs::default()
    });
    let request = order(5000, "XAF");
    s.client.start(&request).await.unwrap();
    s.stub
        .pay(&request.payment_id.to_string(), &Outcome::Succeed);
    assert_eq!(next_event(&s).await, next_event(&s).await);
}

#[tokio::test]
async fn polling_finds_a_success_whose_webhook_was_lost() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        lose_callbacks: true,
        ..Knobs::default()
    });
    let request = order(5000, "XAF");
    let tx_ref = request.payment_id.to_string();
    s.client.start(&request).await.unwrap();
    assert_eq!(
        s.client.status(&tx_ref).await.unwrap(),
        PaymentStatus::Pending
    );
    s.stub.pay(&tx_ref, &Outcome::Succeed);
    assert!(s.sink.next(Duration::from_millis(300)).await.is_none());
    assert_eq!(s.stub.lost_callbacks().len(), 1);
    assert_eq!(
        s.client.status(&tx_ref).await.unwrap(),
        PaymentStatus::Succeeded
    );
    let unknown = s.client.status(&Uuid::new_v4().to_string()).await;
    assert!(
        matches!(unknown, Err(PaymentError::NotFound(_))),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn reordered_webhooks_each_verify_to_their_own_payment() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        reorder_callbacks: true,
        ..Knobs::default()
    });
    let first = order(1000, "XAF");
    let second = order(2000, "XAF");
    for request in [&first, &second] {
        s.client.start(request).await.unwrap();
        s.stub
            .pay(&request.payment_id.to_string(), &Outcome::Succeed);
    }
    s.stub.release_callbacks().await;
    let a = next_event(&s).await;
    let b = next_event(&s).await;
    assert_eq!(
        (a.reference_id, a.amount_minor),
        (Some(second.payment_id), 2000)
    );
    assert_eq!(
        (b.reference_id, b.amount_minor),
        (Some(first.payment_id), 1000)
    );
}

#[tokio::test]
async fn a_paid_checkout_is_refunded_in_part_and_not_beyond() {
    let s = setup().await;
    let request = paid(&s, 1250, "USD").await;
    let refund = |amount_minor| RefundRequest {
        refund_id: Uuid::new_v4(),
        payment_ref: request.payment_id.to_string(),
        amount_minor,
        currency: "USD".into(),
        payer_phone: None,
        reason: Some("Event cancelled".into()),
    };
    let transfer = s.client.refund(&refund(505)).await.unwrap();
    assert_eq!(transfer.status, PaymentStatus::Succeeded);
    let report = s
        .client
        .query(TxKind::Refund, &transfer.provider_ref)
        .await
        .unwrap();
    assert_eq!(
        (report.kind, report.amount_minor, report.currency.as_str()),
        (TxKind::Refund, 505, "USD")
    );
    let too_much = s.client.refund(&refund(800)).await;
    assert!(
        matches!(too_much, Err(PaymentError::Declined(_))),
        "{too_much:?}"
    );
    s.client.refund(&refund(745)).await.unwrap();
}

#[tokio::test]
async fn a_mobile_money_transfer_completes_or_fails_with_its_message() {
    let s = setup().await;
    let payout = |phone: &str, currency: &str, operator| PayoutRequest {
        payout_id: Uuid::new_v4(),
        amount_minor: 15_000,
        currency: currency.into(),
        phone: phone.into(),
        operator,
        recipient_name: Some("Organizer".into()),
        description: "Payout".into(),
    };
    let good = payout("670 000 002", "XAF", None);
    let transfer = s.client.payout(&good).await.unwrap();
    assert_eq!(transfer.status, PaymentStatus::Pending);
    let stored = s
        .stub
        .transfer(transfer.provider_ref.parse().unwrap())
        .unwrap();
    assert_eq!(
        (stored.account_bank.as_str(), stored.account_number.as_str()),
        ("FMM", "237670000002")
    );
    let event = next_event(&s).await;
    assert_eq!(
        (event.kind, event.reference_id),
        (TxKind::Payout, Some(good.payout_id))
    );
    assert_eq!(
        (event.status.clone(), event.amount_minor),
        (PaymentStatus::Succeeded, 15_000)
    );
    assert_eq!(
        s.client
            .query(TxKind::Payout, &transfer.provider_ref)
            .await
            .unwrap(),
        event
    );

    s.stub.script(
        "237670000003",
        Outcome::Fail("Recipient account is barred".into()),
    );
    s.client
        .payout(&payout("670000003", "XAF", None))
        .await
        .unwrap();
    assert_eq!(
        next_event(&s).await.status,
        PaymentStatus::Failed("Recipient account is barred".into())
    );

    let ghana = s.client.payout(&payout("0244123456", "GHS", None)).await;
    assert!(
        matches!(&ghana, Err(PaymentError::Declined(d)) if d.code == DeclineCode::UnsupportedOperator),
        "{ghana:?}"
    );
    s.client
        .payout(&payout("0244123456", "GHS", Some(Operator::Mtn)))
        .await
        .unwrap();
}
