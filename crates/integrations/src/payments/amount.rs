//! Amounts at the gateway edge: our integer minor units to the decimal text a gateway wants, and a
//! gateway's decimal (string or JSON number) back to minor units, exactly. The number of minor
//! digits is the currency's ISO 4217 exponent: 0 for XAF, XOF, UGX, RWF (a fraction of a franc is
//! refused, never rounded), 2 for most others (cents are never dropped), 3 for a few.

use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{0:?} is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("amount must be positive, got {0}")]
    NotPositive(i64),
    #[error("{text:?} is not a decimal amount")]
    Unreadable { text: String },
    #[error("{text:?} has more decimals than {currency} allows ({exponent})")]
    TooPrecise {
        text: String,
        currency: String,
        exponent: u32,
    },
    #[error("amount {0:?} is out of range")]
    OutOfRange(String),
}

/// ISO 4217 currencies with no minor unit.
const ZERO_DECIMALS: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];

/// ISO 4217 currencies with thousandths.
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// How many minor digits `currency` has: 0 for XAF/XOF/UGX/RWF (and the other zero-decimal
/// currencies), 3 for BHD/KWD/..., otherwise 2.
pub fn exponent(currency: &str) -> Result<u32, AmountError> {
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(AmountError::UnknownCurrency(currency.to_owned()));
    }
    Ok(if ZERO_DECIMALS.contains(&currency) {
        0
    } else if THREE_DECIMALS.contains(&currency) {
        3
    } else {
        2
    })
}

/// `amount_minor` as an exact decimal in major units (1250 USD -> 12.50, 5000 XAF -> 5000).
pub fn to_decimal(amount_minor: i64, currency: &str) -> Result<Decimal, AmountError> {
    let exp = exponent(currency)?;
    if amount_minor <= 0 {
        return Err(AmountError::NotPositive(amount_minor));
    }
    Ok(Decimal::new(amount_minor, exp))
}

/// Major units with exactly the currency's minor digits: `"5000"` (XAF), `"12.50"` (USD).
pub fn format_amount(amount_minor: i64, currency: &str) -> Result<String, AmountError> {
    Ok(to_decimal(amount_minor, currency)?.to_string())
}

/// Major units without trailing fractional zeros: `"12"`, `"12.5"`, `"12.05"`, `"5000"`. For
/// gateways whose providers may accept fewer decimals than the currency has (pawaPay's
/// `decimalsInAmount`); the value is still exact.
pub fn format_amount_compact(amount_minor: i64, currency: &str) -> Result<String, AmountError> {
    Ok(to_decimal(amount_minor, currency)?.normalize().to_string())
}

/// A gateway's decimal text in major units (`"12.50"`, `"12.5"`, `"5000"`, `"1.0"`) as minor
/// units. Refuses anything that would need rounding: `"100.5"` XAF, `"12.345"` USD.
pub fn parse_amount(text: &str, currency: &str) -> Result<i64, AmountError> {
    let trimmed = text.trim();
    let value: Decimal = trimmed.parse().map_err(|_| AmountError::Unreadable {
        text: text.to_owned(),
    })?;
    from_decimal(value, currency).map_err(|error| match error {
        AmountError::TooPrecise {
            currency, exponent, ..
        } => AmountError::TooPrecise {
            text: text.to_owned(),
            currency,
            exponent,
        },
        other => other,
    })
}

/// An exact decimal in major units as minor units (see [`parse_amount`]).
pub fn from_decimal(value: Decimal, currency: &str) -> Result<i64, AmountError> {
    let exp = exponent(currency)?;
    let scaled = value
        .checked_mul(Decimal::from(10_i64.pow(exp)))
        .ok_or_else(|| AmountError::OutOfRange(value.to_string()))?;
    if !scaled.fract().is_zero() {
        return Err(AmountError::TooPrecise {
            text: value.to_string(),
            currency: currency.to_owned(),
            exponent: exp,
        });
    }
    i64::try_from(scaled.trunc()).map_err(|_| AmountError::OutOfRange(value.to_string()))
}

/// A JSON amount that may be a number (`5000`, `12.5`) or a string (`"5000"`), as gateways send
/// them. Numbers are read from their JSON text, never through a float.
pub fn parse_json_amount(value: &serde_json::Value, currency: &str) -> Result<i64, AmountError> {
    match value {
        serde_json::Value::String(text) => parse_amount(text, currency),
        serde_json::Value::Number(number) => parse_amount(&number.to_string(), currency),
        other => Err(AmountError::Unreadable {
            text: other.to_string(),
        }),
    }
}

/// The amount as an exact JSON number (`12.50`, `5000`), for APIs that want numbers.
pub fn json_number(
    amount_minor: i64,
    currency: &str,
) -> Result<Box<serde_json::value::RawValue>, AmountError> {
    let text = format_amount(amount_minor, currency)?;
    serde_json::value::RawValue::from_string(text.clone())
        .map_err(|_| AmountError::Unreadable { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_decimal_currencies_are_whole_units() {
        for currency in ["XAF", "XOF", "UGX", "RWF"] {
            assert_eq!(exponent(currency), Ok(0), "{currency}");
            assert_eq!(format_amount(5000, currency).as_deref(), Ok("5000"));
        }
    }

    #[test]
    fn cents_are_never_truncated() {
        assert_eq!(format_amount(1250, "USD").as_deref(), Ok("12.50"));
        assert_eq!(format_amount(1205, "EUR").as_deref(), Ok("12.05"));
        assert_eq!(format_amount(1, "USD").as_deref(), Ok("0.01"));
        assert_eq!(format_amount(1200, "USD").as_deref(), Ok("12.00"));
        assert_eq!(format_amount_compact(1250, "USD").as_deref(), Ok("12.5"));
        assert_eq!(format_amount_compact(1200, "USD").as_deref(), Ok("12"));
        assert_eq!(format_amount_compact(1201, "USD").as_deref(), Ok("12.01"));
        assert_eq!(
            format_amount(9_007_199_254_740_993, "USD").as_deref(),
            Ok("90071992547409.93")
        );
    }

    #[test]
    fn parsing_round_trips_every_notation_gateways_use() {
        assert_eq!(parse_amount("12.50", "USD"), Ok(1250));
        assert_eq!(parse_amount("12.5", "USD"), Ok(1250));
        assert_eq!(parse_amount("12", "USD"), Ok(1200));
        assert_eq!(parse_amount("0.01", "EUR"), Ok(1));
        assert_eq!(parse_amount("5000", "XAF"), Ok(5000));
        assert_eq!(parse_amount("1.0", "XAF"), Ok(1));
        assert_eq!(parse_amount(" 100 ", "XAF"), Ok(100));
        for minor in [1_i64, 99, 100, 1250, 123_456_789] {
            for currency in ["XAF", "USD", "KWD"] {
                let text = format_amount(minor, currency).unwrap_or_default();
                assert_eq!(
                    parse_amount(&text, currency),
                    Ok(minor),
                    "{text} {currency}"
                );
            }
        }
    }

    #[test]
    fn fractional_francs_and_sub_cent_amounts_are_refused() {
        assert!(matches!(
            parse_amount("100.5", "XAF"),
            Err(AmountError::TooPrecise { exponent: 0, .. })
        ));
        assert!(matches!(
            parse_amount("12.345", "USD"),
            Err(AmountError::TooPrecise { exponent: 2, .. })
        ));
        assert!(matches!(
            parse_amount("abc", "USD"),
            Err(AmountError::Unreadable { .. })
        ));
    }

    #[test]
    fn non_positive_amounts_and_bad_codes_are_refused() {
        assert_eq!(format_amount(0, "XAF"), Err(AmountError::NotPositive(0)));
        assert_eq!(format_amount(-5, "USD"), Err(AmountError::NotPositive(-5)));
        assert!(matches!(
            format_amount(5, "xaf"),
            Err(AmountError::UnknownCurrency(_))
        ));
    }

    #[test]
    fn json_amounts_are_read_from_numbers_and_strings_exactly() {
        let number: serde_json::Value = serde_json::from_str("12.34").unwrap_or_default();
        assert_eq!(parse_json_amount(&number, "USD"), Ok(1234));
        let whole: serde_json::Value = serde_json::from_str("5000").unwrap_or_default();
        assert_eq!(parse_json_amount(&whole, "XAF"), Ok(5000));
        let text = serde_json::Value::String("5000".into());
        assert_eq!(parse_json_amount(&text, "XAF"), Ok(5000));
        let fractional: serde_json::Value = serde_json::from_str("10.5").unwrap_or_default();
        assert!(parse_json_amount(&fractional, "XAF").is_err());
    }

    #[test]
    fn json_numbers_carry_the_exact_decimal_text() {
        let raw = json_number(1250, "USD").map(|raw| raw.get().to_owned());
        assert_eq!(raw.as_deref(), Ok("12.50"));
        #[derive(serde::Serialize)]
        struct Body {
            amount: Box<serde_json::value::RawValue>,
        }
        let body = json_number(1990, "EUR").map(|amount| Body { amount });
        let text = body.map(|b| serde_json::to_string(&b).unwrap_or_default());
        assert_eq!(text.as_deref(), Ok(r#"{"amount":19.90}"#));
    }
}
