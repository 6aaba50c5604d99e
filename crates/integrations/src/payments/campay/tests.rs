use super::*;

#[test]
fn external_references_name_the_kind_and_our_id() {
    let id = Uuid::new_v4();
    assert_eq!(
        parse_external_reference(&id.to_string()),
        (Some(TxKind::Payment), Some(id))
    );
    assert_eq!(
        parse_external_reference(&format!("refund-{id}")),
        (Some(TxKind::Refund), Some(id))
    );
    assert_eq!(
        parse_external_reference(&format!("payout-{id}")),
        (Some(TxKind::Payout), Some(id))
    );
    assert_eq!(parse_external_reference("ord_42"), (None, None));
}

#[test]
fn error_codes_in_the_body_become_decline_codes() {
    let reply = |status: u16, body: &str| Reply {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        body: body.as_bytes().to_vec(),
    };
    let declined = |e: PaymentError| match e {
        PaymentError::Declined(d) => Some(d.code),
        _ => None,
    };
    assert_eq!(
        declined(campay_error(&reply(
            400,
            r#"{"message":"Invalid phone","error_code":"ER101"}"#
        ))),
        Some(DeclineCode::InvalidPhone)
    );
    assert_eq!(
        declined(campay_error(&reply(400, r#"{"message":"ER301 balance"}"#))),
        Some(DeclineCode::InsufficientFunds)
    );
    assert!(matches!(
        campay_error(&reply(503, "busy")),
        PaymentError::Unavailable(_)
    ));
    assert!(matches!(
        campay_error(&reply(404, r#"{"message":"not found"}"#)),
        PaymentError::NotFound(_)
    ));
}

#[test]
fn only_cameroonian_mobile_numbers_and_whole_francs_are_sent() {
    assert_eq!(
        cameroon_mobile("6 70 00 00 00").ok().as_deref(),
        Some("237670000000")
    );
    assert!(cameroon_mobile("222 22 22 22").is_err());
    assert_eq!(xaf(5000, "XAF").ok().as_deref(), Some("5000"));
    assert!(xaf(5000, "USD").is_err());
}
