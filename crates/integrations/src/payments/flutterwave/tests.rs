use super::*;

#[test]
fn signatures_are_read_as_base64_or_hex() {
    let bytes: Vec<u8> = (0..32).collect();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(decode_signature(&hex), Some(bytes.clone()));
    assert_eq!(decode_signature(&B64.encode(&bytes)), Some(bytes));
}

#[test]
fn mobile_money_transfers_use_the_documented_bank_codes() {
    assert_eq!(mobile_money_bank("XAF", None).ok(), Some("FMM"));
    assert_eq!(mobile_money_bank("UGX", None).ok(), Some("MPS"));
    assert_eq!(
        mobile_money_bank("GHS", Some(Operator::Mtn)).ok(),
        Some("MTN")
    );
    assert!(mobile_money_bank("GHS", None).is_err());
    assert!(mobile_money_bank("USD", None).is_err());
}

#[test]
fn amounts_go_out_as_exact_json_numbers() {
    let body = RefundBody {
        amount: number_text(1999, "USD").unwrap_or_else(|_| unreachable!()),
        comments: None,
    };
    assert_eq!(
        serde_json::to_string(&body).ok().as_deref(),
        Some(r#"{"amount":19.99}"#)
    );
}
