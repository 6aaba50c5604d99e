use super::*;

#[test]
fn operators_map_to_provider_codes_per_country() {
    assert_eq!(
        provider_code(Operator::Mtn, Country::CAMEROON),
        Some("MTN_MOMO_CMR")
    );
    assert_eq!(
        provider_code(Operator::Orange, Country::CAMEROON),
        Some("ORANGE_CMR")
    );
    assert_eq!(provider_code(Operator::Wave, Country::CAMEROON), None);
}

#[test]
fn customer_messages_fit_pawapays_rules() {
    assert_eq!(customer_message("Order RK-3F8Q1ZKD"), "Order RK3F8Q1ZKD");
    assert_eq!(customer_message("é!"), "Reckot");
    assert_eq!(
        customer_message("A very long description of a payout").len(),
        22
    );
}

#[test]
fn failure_codes_become_decline_codes_or_unavailability() {
    let reason = |code: &str| FailureReason {
        failure_code: code.to_owned(),
        failure_message: None,
    };
    let code = |e: PaymentError| match e {
        PaymentError::Declined(d) => Some(d.code),
        _ => None,
    };
    assert_eq!(
        code(failure(&reason("INVALID_PHONE_NUMBER"))),
        Some(DeclineCode::InvalidPhone)
    );
    assert_eq!(
        code(failure(&reason("PAYMENT_NOT_APPROVED"))),
        Some(DeclineCode::NotApproved)
    );
    assert!(matches!(
        failure(&reason("PROVIDER_TEMPORARILY_UNAVAILABLE")),
        PaymentError::Unavailable(_)
    ));
}
