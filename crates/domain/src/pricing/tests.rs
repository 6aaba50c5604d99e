//! Worked examples with concrete numbers, then the invariants checkout relies on, as properties.

use common::{Currency, Money};
use proptest::prelude::*;

use super::*;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn line(type_n: u128, unit: i64, quantity: u32) -> Line {
    Line {
        ticket_type_id: id(type_n),
        unit_price_minor: unit,
        quantity,
    }
}

fn fee(bp: u32, fixed: i64, payer: FeePayer) -> FeeRule {
    FeeRule {
        percent_bp: bp,
        fixed_minor: fixed,
        payer,
    }
}

fn coupon(discount: Discount) -> CouponTerms {
    CouponTerms {
        discount,
        ticket_type_ids: vec![],
        min_order_minor: None,
    }
}

fn priced(lines: &[Line], terms: Option<&CouponTerms>, rule: FeeRule) -> Priced {
    match price(lines, terms, rule) {
        Ok(p) => p,
        Err(e) => panic!("pricing failed: {e:?}"),
    }
}

#[test]
fn two_xaf_tickets_with_a_buyer_paid_fee_add_the_fee_to_the_total() {
    let p = priced(&[line(1, 5000, 2)], None, fee(500, 100, FeePayer::Buyer));
    assert_eq!(p.subtotal_minor, 10_000);
    // 5 % of 10 000 = 500, plus 100 per ticket.
    assert_eq!(p.fee_minor, 700);
    assert_eq!(p.total_minor, 10_700);
    assert_eq!(p.organizer_net_minor(), 10_000);
    // XAF has no minor unit: the minor amount is already whole francs.
    assert_eq!(
        Money::from_minor(p.total_minor, Currency::XAF)
            .amount
            .to_string(),
        "10700"
    );
}

#[test]
fn a_percent_coupon_on_usd_tickets_with_an_organizer_paid_fee() {
    let p = priced(
        &[line(1, 1250, 3)],
        Some(&coupon(Discount::PercentBp(1000))),
        fee(250, 30, FeePayer::Organizer),
    );
    assert_eq!(p.subtotal_minor, 3750);
    assert_eq!(p.discount_minor, 375);
    // 2.5 % of 33.75 = 0.84375 -> 0.84, plus 0.30 × 3.
    assert_eq!(p.fee_minor, 174);
    assert_eq!(p.total_minor, 3375);
    assert_eq!(p.organizer_net_minor(), 3201);
    assert_eq!(
        Money::from_minor(p.total_minor, Currency::USD)
            .amount
            .to_string(),
        "33.75"
    );
}

#[test]
fn a_percent_discount_rounds_half_away_from_zero_per_line() {
    // 12.5 % of 1 004 = 125.5 -> 126 ; of 1 003 = 125.375 -> 125.
    let p = priced(
        &[line(1, 1004, 1), line(2, 1003, 1)],
        Some(&coupon(Discount::PercentBp(1250))),
        fee(0, 0, FeePayer::Buyer),
    );
    assert_eq!(p.lines[0].discount_minor, 126);
    assert_eq!(p.lines[1].discount_minor, 125);
    assert_eq!(p.discount_minor, 251);
}

#[test]
fn a_fixed_coupon_is_spread_by_largest_remainder() {
    let p = priced(
        &[line(1, 1000, 1), line(2, 2000, 1), line(3, 3000, 1)],
        Some(&coupon(Discount::FixedMinor(1000))),
        fee(0, 0, FeePayer::Buyer),
    );
    // Exact shares 166.67, 333.33 and 500: the leftover unit goes to the largest remainder.
    let parts: Vec<i64> = p.lines.iter().map(|l| l.discount_minor).collect();
    assert_eq!(parts, vec![167, 333, 500]);
    assert_eq!(p.total_minor, 5000);
}

#[test]
fn equal_remainders_favour_the_earlier_line() {
    assert_eq!(spread(100, &[1000, 1000, 1000]), vec![34, 33, 33]);
    assert_eq!(spread(2, &[5, 5, 5]), vec![1, 1, 0]);
}

#[test]
fn a_fixed_coupon_never_makes_a_line_negative() {
    let p = priced(
        &[line(1, 1500, 2)],
        Some(&coupon(Discount::FixedMinor(10_000))),
        fee(500, 100, FeePayer::Buyer),
    );
    assert_eq!(p.discount_minor, 3000);
    assert_eq!(p.lines[0].discount_minor, 3000);
    // Fully discounted tickets pay no fee, not even the fixed part.
    assert_eq!(p.fee_minor, 0);
    assert_eq!(p.total_minor, 0);
}

#[test]
fn free_tickets_pay_no_fee() {
    let p = priced(
        &[line(1, 0, 4), line(2, 2000, 1)],
        None,
        fee(500, 100, FeePayer::Buyer),
    );
    assert_eq!(p.lines[0].fee_minor, 0);
    assert_eq!(p.lines[1].fee_minor, 200);
    assert_eq!(p.total_minor, 2200);
}

#[test]
fn a_restricted_coupon_discounts_only_its_ticket_types() {
    let mut terms = coupon(Discount::PercentBp(5000));
    terms.ticket_type_ids = vec![id(2)];
    let p = priced(
        &[line(1, 1000, 1), line(2, 3000, 1)],
        Some(&terms),
        fee(0, 0, FeePayer::Buyer),
    );
    assert_eq!(p.lines[0].discount_minor, 0);
    assert_eq!(p.lines[1].discount_minor, 1500);

    terms.ticket_type_ids = vec![id(9)];
    let error = price(
        &[line(1, 1000, 1)],
        Some(&terms),
        fee(0, 0, FeePayer::Buyer),
    );
    assert_eq!(error, Err(PricingError::NotApplicable));
}

#[test]
fn the_minimum_order_compares_the_subtotal_before_discount() {
    let mut terms = coupon(Discount::FixedMinor(1000));
    terms.min_order_minor = Some(5000);
    let rule = fee(0, 0, FeePayer::Buyer);
    assert_eq!(
        price(&[line(1, 4999, 1)], Some(&terms), rule),
        Err(PricingError::BelowMinimum {
            min_order_minor: 5000
        })
    );
    assert_eq!(
        priced(&[line(1, 5000, 1)], Some(&terms), rule).total_minor,
        4000
    );
}

#[test]
fn amounts_that_do_not_fit_are_an_overflow_not_a_wrap() {
    let rule = fee(0, 0, FeePayer::Buyer);
    assert_eq!(
        price(&[line(1, i64::MAX, 2)], None, rule),
        Err(PricingError::Overflow)
    );
    assert_eq!(
        price(&[line(1, i64::MAX, 1), line(2, 1, 1)], None, rule),
        Err(PricingError::Overflow)
    );
}

#[test]
fn values_validation_should_have_refused_are_invalid_input() {
    let rule = fee(0, 0, FeePayer::Buyer);
    for terms in [
        coupon(Discount::PercentBp(0)),
        coupon(Discount::PercentBp(10_001)),
        coupon(Discount::FixedMinor(-1)),
    ] {
        assert_eq!(
            price(&[line(1, 100, 1)], Some(&terms), rule),
            Err(PricingError::InvalidInput)
        );
    }
    assert_eq!(
        price(&[line(1, -100, 1)], None, rule),
        Err(PricingError::InvalidInput)
    );
}

fn discount_strategy() -> impl Strategy<Value = Discount> {
    prop_oneof![
        (1u32..=10_000).prop_map(Discount::PercentBp),
        (0i64..2_000_000).prop_map(Discount::FixedMinor),
    ]
}

fn coupon_strategy() -> impl Strategy<Value = Option<CouponTerms>> {
    proptest::option::of(
        (
            discount_strategy(),
            proptest::collection::vec(0u128..4, 0..3),
            proptest::option::of(0i64..500_000),
        )
            .prop_map(|(discount, types, min)| CouponTerms {
                discount,
                ticket_type_ids: types.into_iter().map(id).collect(),
                min_order_minor: min,
            }),
    )
}

fn lines_strategy() -> impl Strategy<Value = Vec<Line>> {
    proptest::collection::vec(
        (0u128..4, 0i64..10_000_000, 0u32..20).prop_map(|(t, unit, qty)| line(t, unit, qty)),
        0..6,
    )
}

fn fee_strategy() -> impl Strategy<Value = FeeRule> {
    (0u32..3000, 0i64..1000, any::<bool>()).prop_map(|(bp, fixed, buyer)| {
        fee(
            bp,
            fixed,
            if buyer {
                FeePayer::Buyer
            } else {
                FeePayer::Organizer
            },
        )
    })
}

proptest! {
    #[test]
    fn every_priced_order_keeps_its_books_balanced(
        lines in lines_strategy(),
        terms in coupon_strategy(),
        rule in fee_strategy(),
    ) {
        let p = match price(&lines, terms.as_ref(), rule) {
            Ok(p) => p,
            Err(e) => {
                // Only the coupon's own conditions may refuse these in-range inputs.
                prop_assert!(matches!(e, PricingError::NotApplicable | PricingError::BelowMinimum { .. }), "{e:?}");
                return Ok(());
            }
        };
        prop_assert!(p.discount_minor >= 0 && p.discount_minor <= p.subtotal_minor);
        prop_assert!(p.total_minor >= 0);
        for l in &p.lines {
            prop_assert!(l.discount_minor >= 0 && l.discount_minor <= l.subtotal_minor);
            prop_assert!(l.fee_minor >= 0);
            prop_assert_eq!(l.subtotal_minor, l.unit_price_minor * i64::from(l.quantity));
        }
        prop_assert_eq!(p.lines.iter().map(|l| l.subtotal_minor).sum::<i64>(), p.subtotal_minor);
        prop_assert_eq!(p.lines.iter().map(|l| l.discount_minor).sum::<i64>(), p.discount_minor);
        prop_assert_eq!(p.lines.iter().map(|l| l.fee_minor).sum::<i64>(), p.fee_minor);
        let organizer_fee = if p.payer == FeePayer::Organizer { p.fee_minor } else { 0 };
        let buyer_fee = p.fee_minor - organizer_fee;
        prop_assert_eq!(p.organizer_net_minor() + organizer_fee, p.subtotal_minor - p.discount_minor);
        prop_assert_eq!(p.total_minor, p.subtotal_minor - p.discount_minor + buyer_fee);
    }

    #[test]
    fn a_fixed_coupon_takes_exactly_its_amount_capped_at_the_eligible_subtotal(
        lines in lines_strategy(),
        amount in 0i64..2_000_000,
    ) {
        let terms = coupon(Discount::FixedMinor(amount));
        let p = priced(&lines, Some(&terms), fee(0, 0, FeePayer::Buyer));
        prop_assert_eq!(p.discount_minor, amount.min(p.subtotal_minor));
    }

    #[test]
    fn a_spread_sums_exactly_and_stays_within_each_weight(
        weights in proptest::collection::vec(0i64..1_000_000_000, 1..8),
        fraction in 0.0f64..=1.0,
    ) {
        let total: i64 = weights.iter().sum();
        let amount = ((total as f64) * fraction) as i64;
        let amount = amount.clamp(0, total);
        let parts = spread(amount, &weights);
        prop_assert_eq!(parts.iter().sum::<i64>(), amount);
        for (part, weight) in parts.iter().zip(&weights) {
            prop_assert!(*part >= 0 && part <= weight);
        }
    }
}
