//! The pawaPay v2 client against the pawaPay stub: deposits with predicted or chosen providers,
//! RFC 9421 signed callbacks, status checks, refunds, payouts, the payment page, and the failure
//! modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use integrations::payments::pawapay::{Pawapay, PawapayConfig};
use integrations::payments::stubs::pawapay::{PawapayStub, PawapayStubConfig};
use integrations::payments::stubs::{CallbackSink, Knobs, Outcome};
use integrations::payments::{
    Country, DeclineCode, GatewayError, Operator, PaymentError, PaymentGateway, PaymentStatus,
    PayoutRequest, RefundRequest, StartRequest, TxKind, WebhookError, WebhookRequest,
};
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(3);
/// pawaPay's sandbox number that always completes.
const PAYER: &str = "653 456 789";

struct Setup {
    stub: PawapayStub,
    sink: CallbackSink,
    client: Pawapay,
}

fn client(stub: &PawapayStub, callback_url: Option<String>, timeout: Duration) -> Pawapay {
    Pawapay::new(PawapayConfig {
        base_url: stub.base_url(),
        api_token: "stub-pawapay-token".to_owned().into(),
        callback_url,
        default_country: Country::CAMEROON,
        return_url: "http://app.test/orders/{order_id}?token={order_token}".into(),
        timeout,
        max_signature_age: Duration::from_secs(300),
    })
    .unwrap()
}

async fn setup_with(timeout: Duration) -> Setup {
    let sink = CallbackSink::start().await.unwrap();
    let stub = PawapayStub::start(PawapayStubConfig {
        callback_url: Some(sink.url("/webhooks/pawapay")),
        ..PawapayStubConfig::default()
    })
    .await
    .unwrap();
    let client = client(&stub, Some(sink.url("/webhooks/pawapay")), timeout);
    Setup { stub, sink, client }
}

async fn setup() -> Setup {
    setup_with(Duration::from_secs(2)).await
}

fn order(amount_minor: i64, currency: &str, phone: Option<&str>) -> StartRequest {
    StartRequest {
        payment_id: Uuid::new_v4(),
        order_id: Uuid::new_v4(),
        order_reference: "RK-3F8Q1ZKD".into(),
        amount_minor,
        currency: currency.into(),
        buyer_email: "ada@example.cm".into(),
        buyer_phone: phone.map(str::to_owned),
        order_token: "tok".into(),
    }
}

async fn next_event(s: &Setup) -> integrations::payments::WebhookEvent {
    let callback = s.sink.next(WAIT).await.expect("a callback");
    s.client.verify_webhook(&callback).await.unwrap()
}

#[tokio::test]
async fn a_deposit_calls_back_signed_and_verifies_to_a_success() {
    let s = setup().await;
    let request = order(5000, "XAF", Some(PAYER));
    let started = s.client.start(&request).await.unwrap();
    assert_eq!(started.provider_ref, Some(request.payment_id.to_string()));
    let tx = s.stub.transaction(request.payment_id).unwrap();
    assert_eq!((tx.amount.as_str(), tx.currency.as_str()), ("5000", "XAF"));
    assert_eq!(
        (tx.phone_number.as_str(), tx.provider.as_str()),
        ("237653456789", "MTN_MOMO_CMR")
    );
    assert_eq!(tx.customer_message.as_deref(), Some("Order RK3F8Q1ZKD"));

    let callback = s.sink.next(WAIT).await.expect("a callback");
    assert_eq!(callback.method, "POST");
    for header in [
        "content-digest",
        "signature-input",
        "signature",
        "signature-date",
    ] {
        assert!(callback.header(header).is_some(), "{header}");
    }
    let event = s.client.verify_webhook(&callback).await.unwrap();
    assert_eq!(event.kind, TxKind::Payment);
    assert_eq!(event.reference_id, Some(request.payment_id));
    assert_eq!(event.provider_ref, request.payment_id.to_string());
    assert_eq!(event.status, PaymentStatus::Succeeded);
    assert_eq!((event.amount_minor, event.currency.as_str()), (5000, "XAF"));
    assert_eq!(
        s.client
            .status(&request.payment_id.to_string())
            .await
            .unwrap(),
        PaymentStatus::Succeeded
    );
}

#[tokio::test]
async fn the_payers_operator_choice_is_used_without_prediction() {
    let s = setup().await;
    let request = order(1000, "XAF", None);
    s.client
        .deposit(&request, "690 000 001", Some(Operator::Orange))
        .await
        .unwrap();
    let tx = s.stub.transaction(request.payment_id).unwrap();
    assert_eq!(tx.provider, "ORANGE_CMR");
    let wave = s
        .client
        .deposit(
            &order(1000, "XAF", None),
            "690 000 001",
            Some(Operator::Wave),
        )
        .await;
    assert!(
        matches!(&wave, Err(PaymentError::Declined(d)) if d.code == DeclineCode::UnsupportedOperator),
        "{wave:?}"
    );
}

#[tokio::test]
async fn a_payer_who_does_not_approve_gives_a_verified_failure() {
    let s = setup().await;
    s.client
        .start(&order(5000, "XAF", Some("237653456039")))
        .await
        .unwrap();
    let event = next_event(&s).await;
    match event.status {
        PaymentStatus::Failed(reason) => {
            assert!(reason.starts_with("PAYMENT_NOT_APPROVED"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn rejections_at_initiation_are_declines_with_their_codes() {
    let s = setup().await;
    s.stub.script(
        "237653456789",
        Outcome::Reject("AMOUNT_OUT_OF_BOUNDS".into()),
    );
    let declined = s.client.start(&order(5000, "XAF", Some(PAYER))).await;
    assert!(
        matches!(declined, Err(GatewayError::Declined(_))),
        "{declined:?}"
    );
    let typed = s
        .client
        .deposit(&order(5000, "XAF", None), PAYER, None)
        .await;
    assert!(
        matches!(&typed, Err(PaymentError::Declined(d)) if d.code == DeclineCode::AmountOutOfBounds),
        "{typed:?}"
    );
    // A number no provider serves.
    let unknown = s
        .client
        .deposit(&order(5000, "XAF", None), "622 000 000", None)
        .await;
    assert!(
        matches!(&unknown, Err(PaymentError::Declined(d)) if d.code == DeclineCode::InvalidPhone),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn cents_are_sent_exactly_where_the_provider_takes_decimals() {
    let s = setup().await;
    let request = order(1250, "GHS", Some("024 412 3456"));
    s.client.start(&request).await.unwrap();
    let tx = s.stub.transaction(request.payment_id).unwrap();
    assert_eq!(
        (tx.amount.as_str(), tx.phone_number.as_str()),
        ("12.5", "233244123456")
    );
    let event = next_event(&s).await;
    assert_eq!((event.amount_minor, event.currency.as_str()), (1250, "GHS"));
}

#[tokio::test]
async fn starting_the_same_payment_twice_is_idempotent() {
    let s = setup().await;
    let request = order(5000, "XAF", Some(PAYER));
    s.client.start(&request).await.unwrap();
    s.client.start(&request).await.unwrap();
    assert_eq!(s.stub.transactions().len(), 1);
}

#[tokio::test]
async fn a_stub_slower_than_the_client_timeout_is_unavailable() {
    let s = setup_with(Duration::from_millis(300)).await;
    s.stub.set_knobs(Knobs {
        api_delay: Duration::from_secs(2),
        ..Knobs::default()
    });
    let result = s.client.start(&order(5000, "XAF", Some(PAYER))).await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_bad_api_token_is_unavailable_not_declined() {
    let s = setup().await;
    let mut wrong = PawapayConfig {
        base_url: s.stub.base_url(),
        api_token: "wrong".to_owned().into(),
        callback_url: None,
        default_country: Country::CAMEROON,
        return_url: String::new(),
        timeout: Duration::from_secs(2),
        max_signature_age: Duration::from_secs(300),
    };
    let result = Pawapay::new(wrong.clone())
        .unwrap()
        .start(&order(5000, "XAF", Some(PAYER)))
        .await;
    assert!(
        matches!(result, Err(GatewayError::Unavailable(_))),
        "{result:?}"
    );
    wrong.api_token = "stub-pawapay-token".to_owned().into();
    s.stub.set_knobs(Knobs {
        api_failures: 1,
        ..Knobs::default()
    });
    let result = Pawapay::new(wrong)
        .unwrap()
        .start(&order(5000, "XAF", Some(PAYER)))
        .await;
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
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let forged = s.sink.next(WAIT).await.expect("a callback");
    let verdict = s.client.verify_webhook(&forged).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
}

fn with_header(request: &WebhookRequest, name: &str, value: String) -> WebhookRequest {
    let mut changed = request.clone();
    changed
        .headers
        .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
    changed.headers.push((name.to_owned(), value));
    changed
}

#[tokio::test]
async fn an_altered_body_is_refused_even_with_a_matching_digest() {
    let s = setup().await;
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let genuine = s.sink.next(WAIT).await.expect("a callback");
    let mut altered = genuine.clone();
    altered.body = String::from_utf8(genuine.body.clone())
        .unwrap()
        .replace("\"5000\"", "\"9000\"")
        .into_bytes();
    let verdict = s.client.verify_webhook(&altered).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    // The digest recomputed for the new body: the signature no longer matches.
    let redigested = with_header(
        &altered,
        "content-digest",
        integrations::payments::pawapay::signature::content_digest(&altered.body),
    );
    let verdict = s.client.verify_webhook(&redigested).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    // Unsigned altogether.
    let mut unsigned = genuine.clone();
    unsigned
        .headers
        .retain(|(key, _)| !key.starts_with("signature"));
    let verdict = s.client.verify_webhook(&unsigned).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    assert!(s.client.verify_webhook(&genuine).await.is_ok());
}

#[tokio::test]
async fn a_signature_for_another_authority_or_an_expired_one_is_refused() {
    let s = setup().await;
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let callback = s.sink.next(WAIT).await.expect("a callback");
    let elsewhere = client(
        &s.stub,
        Some("https://reckot.example/webhooks/pawapay".into()),
        WAIT,
    );
    let verdict = elsewhere.verify_webhook(&callback).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
    // Without a configured callback URL, the Host header is the authority.
    let by_host = client(&s.stub, None, WAIT);
    assert!(by_host.verify_webhook(&callback).await.is_ok());

    s.stub.backdate_signatures(Duration::from_secs(600));
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let stale = s.sink.next(WAIT).await.expect("a callback");
    let verdict = s.client.verify_webhook(&stale).await;
    assert!(
        matches!(verdict, Err(WebhookError::Forged(_))),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn a_duplicated_callback_verifies_to_the_same_event() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        duplicate_callbacks: true,
        ..Knobs::default()
    });
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let first = next_event(&s).await;
    let second = next_event(&s).await;
    assert_eq!(first, second);
}

#[tokio::test]
async fn a_receiver_that_fails_gets_the_callback_again() {
    let s = setup().await;
    s.sink.fail_next(1);
    s.client
        .start(&order(5000, "XAF", Some(PAYER)))
        .await
        .unwrap();
    let refused = s.sink.next(WAIT).await.expect("a callback");
    let retried = s.sink.next(WAIT).await.expect("its retry");
    assert_eq!(refused.body, retried.body);
}

#[tokio::test]
async fn polling_finds_a_success_whose_callback_was_lost() {
    let s = setup().await;
    s.stub.set_knobs(Knobs {
        lose_callbacks: true,
        ..Knobs::default()
    });
    let request = order(5000, "XAF", Some(PAYER));
    s.client.start(&request).await.unwrap();
    assert!(s.sink.next(Duration::from_millis(300)).await.is_none());
    assert_eq!(s.stub.lost_callbacks().len(), 1);
    let report = s
        .client
        .query(TxKind::Payment, &request.payment_id.to_string())
        .await
        .unwrap();
    assert_eq!(report.status, PaymentStatus::Succeeded);
    assert_eq!(report.reference_id, Some(request.payment_id));
    let unknown = s.client.status(&Uuid::new_v4().to_string()).await;
    assert!(
        matches!(unknown, Err(PaymentError::NotFound(_))),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn a_payment_that_never_finishes_stays_pending() {
    let s = setup().await;
    let request = order(5000, "XAF", Some("237653456129"));
    s.client.start(&request).await.unwrap();
    assert!(s.sink.next(Duration::from_millis(200)).await.is_none());
    assert_eq!(
        s.client
            .status(&request.payment_id.to_string())
            .await
            .unwrap(),
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
    let first = order(100, "XAF", Some(PAYER));
    let second = order(200, "XAF", Some(PAYER));
    s.client.start(&first).await.unwrap();
    s.client.start(&second).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    s.stub.release_callbacks().await;
    let a = next_event(&s).await;
    let b = next_event(&s).await;
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
async fn completed_deposits_are_refunded_in_part_and_not_beyond() {
    let s = setup().await;
    let request = order(5000, "XAF", Some(PAYER));
    s.client.start(&request).await.unwrap();
    assert_eq!(next_event(&s).await.status, PaymentStatus::Succeeded);
    let refund = |amount_minor, payment_ref: String| RefundRequest {
        refund_id: Uuid::new_v4(),
        payment_ref,
        amount_minor,
        currency: "XAF".into(),
        payer_phone: None,
        reason: None,
    };
    let first = refund(2000, request.payment_id.to_string());
    let transfer = s.client.refund(&first).await.unwrap();
    assert_eq!(transfer.provider_ref, first.refund_id.to_string());
    let event = next_event(&s).await;
    assert_eq!(event.kind, TxKind::Refund);
    assert_eq!(event.reference_id, Some(first.refund_id));
    assert_eq!(
        (event.status.clone(), event.amount_minor),
        (PaymentStatus::Succeeded, 2000)
    );
    assert_eq!(
        s.client
            .query(TxKind::Refund, &transfer.provider_ref)
            .await
            .unwrap(),
        event
    );

    let too_much = s
        .client
        .refund(&refund(3500, request.payment_id.to_string()))
        .await;
    assert!(
        matches!(&too_much, Err(PaymentError::Declined(d)) if d.code == DeclineCode::InvalidAmount),
        "{too_much:?}"
    );
    let unknown = s
        .client
        .refund(&refund(100, Uuid::new_v4().to_string()))
        .await;
    assert!(
        matches!(unknown, Err(PaymentError::NotFound(_))),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn payouts_complete_or_fail_with_the_recipients_reason() {
    let s = setup().await;
    let payout = |phone: &str| PayoutRequest {
        payout_id: Uuid::new_v4(),
        amount_minor: 15_000,
        currency: "XAF".into(),
        phone: phone.into(),
        operator: None,
        recipient_name: None,
        description: "Reckot payout".into(),
    };
    let good = payout("+237 670 000 002");
    let transfer = s.client.payout(&good).await.unwrap();
    assert_eq!(transfer.provider_ref, good.payout_id.to_string());
    let event = next_event(&s).await;
    assert_eq!(
        (event.kind, event.reference_id),
        (TxKind::Payout, Some(good.payout_id))
    );
    assert_eq!(
        (event.status, event.amount_minor),
        (PaymentStatus::Succeeded, 15_000)
    );

    s.client.payout(&payout("237653456089")).await.unwrap();
    match next_event(&s).await.status {
        PaymentStatus::Failed(reason) => {
            assert!(reason.starts_with("RECIPIENT_NOT_FOUND"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_buyer_without_a_phone_gets_the_payment_page() {
    let s = setup().await;
    let request = order(3000, "XAF", None);
    let started = s.client.start(&request).await.unwrap();
    let page = started.redirect_url.unwrap();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = browser.get(&page).send().await.unwrap();
    let back = answer.headers().get("location").unwrap().to_str().unwrap();
    assert_eq!(
        back,
        format!(
            "http://app.test/orders/{}?token=tok&depositId={}",
            request.order_id, request.payment_id
        )
    );
    let event = next_event(&s).await;
    assert_eq!(
        (event.reference_id, event.status),
        (Some(request.payment_id), PaymentStatus::Succeeded)
    );
}
