//! Money on the wire: `{"amount": "12.50", "currency": "USD"}`, exact for the currency's minor units.
//! Stored and computed as integer minor units (`i64`); `rust_decimal` only at the edges.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The currencies organizers can sell in (ISO 4217).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    XAF,
    XOF,
    NGN,
    GHS,
    KES,
    UGX,
    RWF,
    TZS,
    ZAR,
    USD,
    EUR,
    GBP,
}

impl Currency {
    pub const ALL: [Currency; 12] = [
        Currency::XAF,
        Currency::XOF,
        Currency::NGN,
        Currency::GHS,
        Currency::KES,
        Currency::UGX,
        Currency::RWF,
        Currency::TZS,
        Currency::ZAR,
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::XAF => "XAF",
            Currency::XOF => "XOF",
            Currency::NGN => "NGN",
            Currency::GHS => "GHS",
            Currency::KES => "KES",
            Currency::UGX => "UGX",
            Currency::RWF => "RWF",
            Currency::TZS => "TZS",
            Currency::ZAR => "ZAR",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// ISO 4217 exponent: XAF, XOF, UGX and RWF have no minor unit.
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::XAF | Currency::XOF | Currency::UGX | Currency::RWF => 0,
            _ => 2,
        }
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in a currency, as it travels over the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Decimal string in major units, e.g. `"12.50"` (USD) or `"5000"` (XAF).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5000"))]
    pub amount: Decimal,
    pub currency: Currency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// More decimals than the currency has minor units.
    TooPrecise,
    Overflow,
}

impl Money {
    /// From integer minor units (cents, or whole francs for XAF).
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        let mut amount = Decimal::from(minor);
        // Setting the scale divides by 10^scale exactly.
        amount.set_scale(currency.minor_units()).unwrap_or(());
        Money { amount, currency }
    }

    /// To integer minor units; refuses amounts finer than the currency allows (`"0.5"` XAF).
    pub fn to_minor(&self) -> Result<i64, MoneyError> {
        let scale = self.currency.minor_units();
        let normalized = self.amount.normalize();
        if normalized.scale() > scale {
            return Err(MoneyError::TooPrecise);
        }
        let factor = Decimal::from(10i64.pow(scale));
        let minor = normalized.checked_mul(factor).ok_or(MoneyError::Overflow)?;
        i64::try_from(minor.trunc()).map_err(|_| MoneyError::Overflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn minor_units_round_trip_exactly_for_every_currency() {
        for c in Currency::ALL {
            for minor in [0i64, 1, 99, 5000, 123_456_789] {
                assert_eq!(Money::from_minor(minor, c).to_minor(), Ok(minor), "{c}");
            }
        }
    }

    #[test]
    fn amounts_serialize_as_exact_decimal_strings() {
        let json =
            serde_json::to_string(&Money::from_minor(1250, Currency::USD)).unwrap_or_default();
        assert_eq!(json, r#"{"amount":"12.50","currency":"USD"}"#);
        let json =
            serde_json::to_string(&Money::from_minor(5000, Currency::XAF)).unwrap_or_default();
        assert_eq!(json, r#"{"amount":"5000","currency":"XAF"}"#);
    }

    #[test]
    fn fractions_of_a_franc_are_refused() {
        let m = Money {
            amount: dec("10.5"),
            currency: Currency::XAF,
        };
        assert_eq!(m.to_minor(), Err(MoneyError::TooPrecise));
        let m = Money {
            amount: dec("10.50"),
            currency: Currency::USD,
        };
        assert_eq!(m.to_minor(), Ok(1050));
        let m = Money {
            amount: dec("10.00"),
            currency: Currency::XAF,
        };
        assert_eq!(m.to_minor(), Ok(10));
    }
}
