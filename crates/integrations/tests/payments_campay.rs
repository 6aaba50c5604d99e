//! The CamPay client against the CamPay stub: collect, callbacks and their JWT signature, status
//! polling, token renewal, refunds by withdrawal, payouts, and the failure modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use integrations::payments::campay::{Campay, CampayAuth, CampayConfig};
use integrations::payments::stubs::campay::{CampayStub, CampayStubConfig};
use integrations::payments::stubs::{CallbackSink, Knobs, Outcome};
use integrations::payments::{
    DeclineCode, GatewayError, PaymentError, PaymentGateway, PaymentStatus, PayoutRequest,
    RefundRequest, StartRequest, TxKind, WebhookError,
};
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(3);
const PHONE: &str = "6 70 00 00 01";
const MSISDN: &str = "237670000001";

struct Setup {
    stub: CampayStub,
    sink: CallbackSink,
    client: Campay,
}

async fn setup_with(config: CampayStubConfig, timeout: Duration) -> Setup {
    let sink = CallbackSink::start().await.unwrap();
    let stub = CampayStub::start(CampayStubConfig {
        callback_url: Some(sink.url("/webhooks/campay")),
        ..config.clone()
    })
    .await
    .unwrap();
    let client = Campay::new(CampayConfig {
        base_url: stub.base_url(),
        auth: CampayAuth::Credentials {
            username: config.username.clone(),
            password: config.password.clone().into(),
        },
        webhook_key: config.webhook_key.clone().into(),
        return_url: "http://app.test/orders/{order_id}?token={order_token}".into(),
        timeout,
    })
    .unwrap();
    Setup { stub, sink, client }
}

async fn setup() -> Setup {
    setup_with(CampayStubConfig::default(), Duration::from_secs(2)).await
}

fn order(amount_minor: i64, phone: Option<&str>) -> StartRequest {
    StartRequest {
        payment_id: Uuid::new_v4(),
        order_id: Uuid::new_v4(),
        order_reference: "RK-3F8Q1ZKD".into(),
        amount_minor,
        currency: "XAF".into(),
        buyer_email: "ada@example.cm".into(),
        buyer_phone: phone.map(str::to_owned),
        order_token: "tok".into(),
    }
}

/// Pays `amount` from PHONE and waits for the success callback; returns CamPay's reference.
async fn paid(s: &Setup, request: &StartRequest) -> String {
    let started = s.client.start(request).await.unwrap();
    let callback = s.sink.next(WAIT).await.expect("a callback");
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(event.status, PaymentStatus::Succeeded);
    started.provider_ref.unwrap()
}

#[tokio::test]
async fn a_collected_payment_calls_back_with_a_verified_success() {
    let s = setup().await;
    let request = order(5000, Some(PHONE));
    let started = s.client.start(&request).await.unwrap();
    assert_eq!(started.redirect_url, None);
    let reference = started.provider_ref.unwrap();
    let tx = s.stub.transaction(&reference).unwrap();
    assert_eq!((tx.amount, tx.phone_number.as_str()), (5000, MSISDN));
    assert_eq!(tx.external_reference, request.payment_id.to_string());

    let callback = s.sink.next(WAIT).await.expect("a callback");
    assert_eq!(callback.method, "GET");
    assert!(callback.query.contains("signature="));
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(event.kind, TxKind::Payment);
    assert_eq!(event.provider_ref, reference);
    assert_eq!(event.reference_id, Some(request.payment_id));
    assert_eq!(event.status, PaymentStatus::Succeeded);
    assert_eq!((event.amount_minor, event.currency.as_str()), (5000, "XAF"));
    assert_eq!(
        s.client.status(&reference).await.unwrap(),
        PaymentStatus::Succeeded
    );
}

#[tokio::test]
async fn a_payer_who_refuses_gives_a_verified_failure_with_the_reason() {
    let s = setup().await;
    s.stub
        .script(MSISDN, Outcome::Fail("Payer did not confirm".into()));
    s.client.start(&order(100, Some(PHONE))).await.unwrap();
    let callback = s.sink.next(WAIT).await.expect("a callback");
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(
        event.status,
        PaymentStatus::Failed("Payer did not confirm".into())
    );
}

#[tokio::test]
async fn campays_refusals_are_declines_with_their_error_codes() {
    let s = setup().await;
    s.stub.script(MSISDN, Outcome::Reject("ER102".into()));
    let declined = s.client.start(&order(100, Some(PHONE))).await;
    assert!(
        matches!(declined, Err(GatewayError::Declined(_))),
        "{declined:?}"
    );
    let refused = s.client.collect(&order(100, None), PHONE).await;
    assert!(
        matches!(&refused, Err(PaymentError::Declined(d)) if d.code == DeclineCode::UnsupportedOperator),
        "{refused:?}"
    );
    // Checked before calling: a foreign number, another currency.
    let foreign = s.client.start(&order(100, Some("+256 772 123456"))).await;
    assert!(matches!(foreign, Err(GatewayError::Declined(_))));
    let mut dollars = order(1250, Some(PHONE));
    dollars.currency = "USD".into();
    assert!(matches!(
        s.client.start(&dollars).await,
        Err(GatewayError::Declined(_))
    ));
    assert!(s.stub.transactions().is_empty());
}

#[tokio::test]
async fn a_stub_slower_than_the_client_timeout_is_unavailable() {
    let s = setup_with(CampayStubConfig::default(), Duration::from_millis(300)).await;
    s.stub.set_knobs(Knobs {
        api_delay: Duration::from_secs(2),
        ..Knobs::default()
    });
    let result = s.client.start(&order(100, Some(PHONE))).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn server_errors_are_unavailable_not_declined() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        api_failures: 1,
        ..Knobs::default()
    });
    let result = s.client.start(&order(100, Some(PHONE))).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_callback_signed_with_another_key_is_refused() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        forge_callbacks: true,
        ..Knobs::default()
    });
    s.client.start(&order(100, Some(PHONE))).await.unwrap();
    let forged = s.sink.next(WAIT).await.expect("a callback");
    let verdict = s.client.verify_webhook(&forged).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn a_callback_without_signature_or_for_an_unknown_reference_is_refused() {
    let s = setup().await;
    s.client.start(&order(100, Some(PHONE))).await.unwrap();
    let mut callback = s.sink.next(WAIT).await.expect("a callback");
    let signature = callback
        .query
        .split('&')
        .find(|p| p.starts_with("signature="))
        .unwrap()
        .to_owned();
    // A genuine signature binds nothing, so a made-up reference must not pass.
    callback.query = format!(
        "status=SUCCESSFUL&reference={}&amount=999999&{signature}",
        Uuid::new_v4()
    );
    let verdict = s.client.verify_webhook(&callback).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    callback.query = "status=SUCCESSFUL&reference=x".into();
    let verdict = s.client.verify_webhook(&callback).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn a_callback_in_a_json_or_form_body_is_read_too() {
    let s = setup().await;
    let reference = s
        .client
        .start(&order(100, Some(PHONE)))
        .await
        .unwrap()
        .provider_ref
        .unwrap();
    let mut callback = s.sink.next(WAIT).await.expect("a callback");
    let query = std::mem::take(&mut callback.query);
    callback.method = "POST".into();
    callback.headers.push((
        "Content-Type".into(),
        "application/x-www-form-urlencoded".into(),
    ));
    callback.body = query.clone().into_bytes();
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(event.provider_ref, reference);

    let params: std::collections::BTreeMap<String, String> =
        serde_urlencoded::from_str(&query).unwrap();
    callback.headers = vec![("Content-Type".into(), "application/json".into())];
    callback.body = serde_json::to_vec(&params).unwrap();
    assert_eq!(s.client.verify_webhook(&callback).await.unwrap(), event);
}

#[tokio::test]
async fn a_duplicated_callback_verifies_to_the_same_event() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        duplicate_callbacks: true,
        ..Knobs::default()
    });
    s.client.start(&order(100, Some(PHONE))).await.unwrap();
    let first = s.sink.next(WAIT).await.expect("a callback");
    let second = s.sink.next(WAIT).await.expect("its duplicate");
    assert_eq!(
        s.client.verify_webhook(&first).await.unwrap(),
        s.client.verify_webhook(&second).await.unwrap()
    );
}

#[tokio::test]
async fn polling_finds_a_success_whose_callback_was_lost() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        lose_callbacks: true,
        ..Knobs::default()
    });
    let reference = s
        .client
        .start(&order(100, Some(PHONE)))
        .await
        .unwrap()
        .provider_ref
        .unwrap();
    assert!(s.sink.next(Duration::from_millis(300)).await.is_none());
    assert_eq!(s.stub.lost_callbacks().len(), 1);
    assert_eq!(
        s.client.status(&reference).await.unwrap(),
        PaymentStatus::Succeeded
    );
    let unknown = s.client.status(&Uuid::new_v4().to_string()).await;
    assert!(
        matches!(unknown, Err(PaymentError::NotFound(_))),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn a_payer_who_never_confirms_stays_pending() {
    let s = setup().await;
    s.stub.script(MSISDN, Outcome::Stay);
    let reference = s
        .client
        .start(&order(100, Some(PHONE)))
        .await
        .unwrap()
        .provider_ref
        .unwrap();
    assert!(s.sink.next(Duration::from_millis(200)).await.is_none());
    assert_eq!(
        s.client.status(&reference).await.unwrap(),
        PaymentStatus::Pending
    );
}

#[tokio::test]
async fn reordered_callbacks_each_verify_to_their_own_payment() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        reorder_callbacks: true,
        ..Knobs::default()
    });
    let first = order(100, Some(PHONE));
    let second = order(200, Some(PHONE));
    s.client.start(&first).await.unwrap();
    s.client.start(&second).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    s.stub.release_callbacks().await;
    let a = s
        .client
        .verify_webhook(&s.sink.next(WAIT).await.unwrap())
        .await
        .unwrap();
    let b = s
        .client
        .verify_webhook(&s.sink.next(WAIT).await.unwrap())
        .await
        .unwrap();
    assert_eq!(
        (a.reference_id, a.amount_minor),
        (Some(second.payment_id), 200)
    );
    assert_eq!(
        (b.reference_id, b.amount_minor),
        (Some(first.payment_id), 100)
    );
}

#[tokio::test]
async fn temporary_tokens_are_renewed_before_expiry_and_after_a_401() {
    let s = setup_with(
        CampayStubConfig {
            token_ttl: Duration::from_secs(1),
            ..CampayStubConfig::default()
        },
        Duration::from_secs(2),
    )
    .await;
    let reference = s
        .client
        .start(&order(100, Some(PHONE)))
        .await
        .unwrap()
        .provider_ref
        .unwrap();
    s.client.status(&reference).await.unwrap();
    assert_eq!(s.stub.tokens_issued(), 1);
    // Past four fifths of its life, the token is renewed before use.
    tokio::time::sleep(Duration::from_millis(850)).await;
    s.client.status(&reference).await.unwrap();
    assert_eq!(s.stub.tokens_issued(), 2);
    // Revoked early: the 401 buys a new token and the call goes through.
    s.stub.revoke_tokens();
    s.client.status(&reference).await.unwrap();
    assert_eq!(s.stub.tokens_issued(), 3);
}

#[tokio::test]
async fn wrong_app_credentials_are_unavailable() {
    let s = setup().await;
    let client = Campay::new(CampayConfig {
        base_url: s.stub.base_url(),
        auth: CampayAuth::Credentials {
            username: "stub-app".into(),
            password: "wrong".to_owned().into(),
        },
        webhook_key: "k".to_owned().into(),
        return_url: String::new(),
        timeout: Duration::from_secs(2),
    })
    .unwrap();
    let result = client.start(&order(100, Some(PHONE))).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_permanent_token_works_without_renewal() {
    let s = setup_with(
        CampayStubConfig {
            permanent_token: Some("perm-token".into()),
            ..CampayStubConfig::default()
        },
        Duration::from_secs(2),
    )
    .await;
    let client = Campay::new(CampayConfig {
        base_url: s.stub.base_url(),
        auth: CampayAuth::Token("perm-token".to_owned().into()),
        webhook_key: "stub-webhook-key".to_owned().into(),
        return_url: String::new(),
        timeout: Duration::from_secs(2),
    })
    .unwrap();
    client.start(&order(100, Some(PHONE))).await.unwrap();
    assert_eq!(s.stub.tokens_issued(), 0);
}

#[tokio::test]
async fn a_buyer_without_a_phone_gets_the_hosted_payment_link() {
    let s = setup().await;
    let request = order(2500, None);
    let started = s.client.start(&request).await.unwrap();
    let link = started.redirect_url.unwrap();
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
    // The buyer pays on the page and comes back to our return URL.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(&link).send().await.unwrap();
    let back = page.headers().get("location").unwrap().to_str().unwrap();
    assert_eq!(
        back,
        format!("http://app.test/orders/{}?token=tok", request.order_id)
    );
    let event = s
        .client
        .verify_webhook(&s.sink.next(WAIT).await.unwrap())
        .await
        .unwrap();
    assert_eq!(event.provider_ref, started.provider_ref.unwrap());
    assert_eq!(
        (event.status, event.amount_minor),
        (PaymentStatus::Succeeded, 2500)
    );
}

#[tokio::test]
async fn a_refund_is_a_withdrawal_back_to_the_payer() {
    let s = setup().await;
    let request = order(5000, Some(PHONE));
    let reference = paid(&s, &request).await;
    let balance = s.stub.balance();
    let refund_id = Uuid::new_v4();
    let transfer = s
        .client
        .refund(&RefundRequest {
            refund_id,
            payment_ref: reference,
            amount_minor: 2000,
            currency: "XAF".into(),
            payer_phone: None,
            reason: Some("Partial refund".into()),
        })
        .await
        .unwrap();
    assert_eq!(transfer.status, PaymentStatus::Pending);
    let tx = s.stub.transaction(&transfer.provider_ref).unwrap();
    assert_eq!(
        (tx.kind, tx.phone_number.as_str(), tx.amount),
        ("withdraw", MSISDN, 2000)
    );
    let event = s
        .client
        .verify_webhook(&s.sink.next(WAIT).await.unwrap())
        .await
        .unwrap();
    assert_eq!(event.kind, TxKind::Refund);
    assert_eq!(event.reference_id, Some(refund_id));
    assert_eq!(
        (event.status, event.amount_minor),
        (PaymentStatus::Succeeded, 2000)
    );
    assert_eq!(s.stub.balance(), balance - 2000);
}

#[tokio::test]
async fn a_payout_goes_to_the_recipient_and_needs_the_balance() {
    let s = setup_with(
        CampayStubConfig {
            balance: 10_000,
            ..CampayStubConfig::default()
        },
        Duration::from_secs(2),
    )
    .await;
    let payout = |amount_minor, operator| PayoutRequest {
        payout_id: Uuid::new_v4(),
        amount_minor,
        currency: "XAF".into(),
        phone: "+237 690 000 002".into(),
        operator,
        recipient_name: Some("Organizer".into()),
        description: "Payout".into(),
    };
    let request = payout(7000, Some(integrations::payments::Operator::Orange));
    let transfer = s.client.payout(&request).await.unwrap();
    let event = s
        .client
        .verify_webhook(&s.sink.next(WAIT).await.unwrap())
        .await
        .unwrap();
    assert_eq!(event.kind, TxKind::Payout);
    assert_eq!(event.provider_ref, transfer.provider_ref);
    assert_eq!(event.reference_id, Some(request.payout_id));
    assert_eq!(event.status, PaymentStatus::Succeeded);
    assert_eq!(
        s.client
            .query(TxKind::Payout, &transfer.provider_ref)
            .await
            .unwrap(),
        event
    );

    let broke = s.client.payout(&payout(7000, None)).await;
    assert!(
        matches!(&broke, Err(PaymentError::Declined(d)) if d.code == DeclineCode::InsufficientFunds),
        "{broke:?}"
    );
    let wave = s
        .client
        .payout(&payout(100, Some(integrations::payments::Operator::Wave)))
        .await;
    assert!(
        matches!(&wave, Err(PaymentError::Declined(d)) if d.code == DeclineCode::UnsupportedOperator),
        "{wave:?}"
    );
}
