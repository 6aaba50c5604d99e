use super::*;

#[test]
fn cameroon_numbers_in_every_usual_notation_become_237_and_nine_digits() {
    for input in [
        "670000000",
        "6 70 00 00 00",
        "+237 670 000 000",
        "+237-670-000-000",
        "00237670000000",
        "237670000000",
        "(+237) 670.00.00.00",
    ] {
        assert_eq!(
            normalize(input, Country::CAMEROON).as_deref(),
            Ok("237670000000"),
            "{input}"
        );
    }
}

#[test]
fn a_national_trunk_zero_is_dropped_where_the_plan_has_one() {
    assert_eq!(
        normalize("0772 123456", Country::UGANDA).as_deref(),
        Ok("256772123456")
    );
    assert_eq!(
        normalize("024 412 3456", Country::GHANA).as_deref(),
        Ok("233244123456")
    );
    // Côte d'Ivoire's ten-digit numbers start with 0 as part of the number.
    assert_eq!(
        normalize("07 07 12 34 56", Country::COTE_DIVOIRE).as_deref(),
        Ok("2250707123456")
    );
}

#[test]
fn international_numbers_of_another_served_country_are_kept() {
    assert_eq!(
        normalize("+256 772 123456", Country::CAMEROON).as_deref(),
        Ok("256772123456")
    );
}

#[test]
fn wrong_lengths_letters_and_unknown_countries_are_refused() {
    assert!(matches!(
        normalize("67000000", Country::CAMEROON),
        Err(MsisdnError::WrongLength { .. })
    ));
    assert!(matches!(
        normalize("+2376700000001", Country::CAMEROON),
        Err(MsisdnError::WrongLength { .. })
    ));
    assert_eq!(
        normalize("67000000a", Country::CAMEROON),
        Err(MsisdnError::InvalidCharacter('a'))
    );
    assert!(matches!(
        normalize("+1 202 555 0100", Country::CAMEROON),
        Err(MsisdnError::UnsupportedCountry(_))
    ));
    assert_eq!(normalize("  ", Country::CAMEROON), Err(MsisdnError::Empty));
}

#[test]
fn countries_follow_from_codes_and_single_country_currencies() {
    assert_eq!(Country::from_code("cmr"), Some(Country::CAMEROON));
    assert_eq!(Country::from_code("CM"), Some(Country::CAMEROON));
    assert_eq!(Country::for_currency("XAF"), Some(Country::CAMEROON));
    assert_eq!(Country::for_currency("XOF"), None);
}

#[test]
fn operators_are_read_from_gateway_and_human_spellings() {
    assert_eq!(Operator::parse("mtn"), Some(Operator::Mtn));
    assert_eq!(Operator::parse("ORANGEMONEY"), Some(Operator::Orange));
    assert_eq!(Operator::parse("orange_money"), Some(Operator::Orange));
    assert_eq!(Operator::parse("M-Pesa"), Some(Operator::Mpesa));
    assert_eq!(Operator::parse("nexttel"), None);
}

#[test]
fn masked_numbers_keep_only_the_prefix_and_last_digits() {
    assert_eq!(mask("237670000123"), "2376*****123");
    assert_eq!(mask("123"), "***");
}
