//! The platform fee: a percentage of the ticket price plus a fixed amount, in integer minor units.
//! One rounding rule, here and nowhere else: half away from zero, to the currency's minor unit.

use common::admin::FeePayer;
use rust_decimal::Decimal;

/// A tier's fee rule for one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeRule {
    /// Basis points: 250 = 2.5 %.
    pub percent_bp: u32,
    /// Fixed part in the currency's minor units.
    pub fixed_minor: i64,
    pub payer: FeePayer,
}

/// The fee on one ticket of `price_minor`. Free tickets carry no fee.
pub fn platform_fee(price_minor: i64, rule: FeeRule) -> i64 {
    if price_minor <= 0 {
        return 0;
    }
    round_bp(price_minor, rule.percent_bp)
        .unwrap_or(i64::MAX)
        .saturating_add(rule.fixed_minor)
}

/// `amount × bp / 10 000`, rounded half away from zero to the minor unit: the one rounding rule for
/// fees and percentage discounts. `None` when the result does not fit in an `i64`.
pub fn round_bp(amount: i64, bp: u32) -> Option<i64> {
    // Cannot overflow: |i64| × u32 < 2^95.
    let scaled = i128::from(amount) * i128::from(bp);
    // Division truncates toward zero, so moving half a divisor away from zero first rounds half away.
    let rounded = if scaled >= 0 {
        (scaled + 5_000) / 10_000
    } else {
        (scaled - 5_000) / 10_000
    };
    i64::try_from(rounded).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentError {
    OutOfRange,
    TooPrecise,
}

/// `"2.5"` -> 250 basis points; 0 to 100 %, at most two decimals.
pub fn percent_to_bp(percent: Decimal) -> Result<u32, PercentError> {
    if percent.is_sign_negative() || percent > Decimal::from(100) {
        return Err(PercentError::OutOfRange);
    }
    let normalized = percent.normalize();
    if normalized.scale() > 2 {
        return Err(PercentError::TooPrecise);
    }
    let bp = normalized * Decimal::from(100);
    u32::try_from(bp.trunc().mantissa()).map_err(|_| PercentError::OutOfRange)
}

/// 250 -> `"2.5"`.
pub fn bp_to_percent(bp: u32) -> Decimal {
    Decimal::new(i64::from(bp), 2).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn rule(bp: u32, fixed: i64) -> FeeRule {
        FeeRule {
            percent_bp: bp,
            fixed_minor: fixed,
            payer: FeePayer::Buyer,
        }
    }

    #[test]
    fn five_percent_of_five_thousand_francs_is_two_hundred_fifty() {
        assert_eq!(platform_fee(5000, rule(500, 0)), 250);
        assert_eq!(platform_fee(5000, rule(250, 100)), 225);
    }

    #[test]
    fn rounding_is_half_away_from_zero_at_the_minor_unit() {
        // 2.5 % of 1 010 = 25.25 -> 25 ; of 1 020 = 25.5 -> 26
        assert_eq!(platform_fee(1010, rule(250, 0)), 25);
        assert_eq!(platform_fee(1020, rule(250, 0)), 26);
    }

    #[test]
    fn basis_point_rounding_is_symmetric_around_zero() {
        assert_eq!(round_bp(1020, 250), Some(26));
        assert_eq!(round_bp(-1020, 250), Some(-26));
        assert_eq!(round_bp(-1010, 250), Some(-25));
        assert_eq!(round_bp(i64::MAX, 20_000), None);
    }

    #[test]
    fn free_tickets_pay_no_fee_even_with_a_fixed_part() {
        assert_eq!(platform_fee(0, rule(500, 100)), 0);
    }

    #[test]
    fn percentages_convert_exactly_to_basis_points() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        assert_eq!(percent_to_bp(d("2.5")), Ok(250));
        assert_eq!(percent_to_bp(d("2.50")), Ok(250));
        assert_eq!(percent_to_bp(d("100")), Ok(10_000));
        assert_eq!(percent_to_bp(d("2.555")), Err(PercentError::TooPrecise));
        assert_eq!(percent_to_bp(d("-1")), Err(PercentError::OutOfRange));
        assert_eq!(percent_to_bp(d("100.01")), Err(PercentError::OutOfRange));
        assert_eq!(bp_to_percent(250).to_string(), "2.5");
    }

    proptest! {
        #[test]
        fn the_fee_never_exceeds_the_price_plus_the_fixed_part(price in 0i64..10_000_000_000, bp in 0u32..=10_000, fixed in 0i64..100_000) {
            let fee = platform_fee(price, rule(bp, fixed));
            prop_assert!(fee >= 0);
            prop_assert!(fee <= price + fixed);
        }

        #[test]
        fn basis_points_round_trip_through_percent(bp in 0u32..=10_000) {
            prop_assert_eq!(percent_to_bp(bp_to_percent(bp)), Ok(bp));
        }
    }
}
