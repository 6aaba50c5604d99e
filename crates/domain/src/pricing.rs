//! Pricing an order: line subtotals, a coupon's discount, the platform fee and the total, all in
//! integer minor units. The checkout, the order summary in the SPA and refunds must agree to the
//! last cent (or franc), so every amount is computed here, once, with checked integer arithmetic
//! and the single rounding rule of [`crate::fees::round_bp`] (half away from zero).

use common::admin::FeePayer;
use uuid::Uuid;

use crate::fees::{FeeRule, round_bp};

/// One ticket type in an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub ticket_type_id: Uuid,
    pub unit_price_minor: i64,
    pub quantity: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// Off each eligible line: 1 ..= 10 000 basis points (0.01 % to 100 %).
    PercentBp(u32),
    /// Off the eligible lines together, in the order's currency; at most their subtotal.
    FixedMinor(i64),
}

/// What a coupon grants, once its dates, usage limits and allowed emails have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponTerms {
    pub discount: Discount,
    /// Only these ticket types are discounted; empty means every type.
    pub ticket_type_ids: Vec<Uuid>,
    /// The order subtotal, before discount, needed to use the coupon.
    pub min_order_minor: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub ticket_type_id: Uuid,
    pub quantity: u32,
    pub unit_price_minor: i64,
    /// `unit_price_minor × quantity`.
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub lines: Vec<PricedLine>,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub fee_minor: i64,
    /// What the buyer pays: subtotal − discount, plus the fee when the buyer pays it.
    pub total_minor: i64,
    pub payer: FeePayer,
}

impl Priced {
    /// What the organizer earns: subtotal − discount, minus the fee when the organizer pays it.
    /// Negative only when an organizer-paid fixed fee exceeds a heavily discounted price.
    pub fn organizer_net_minor(&self) -> i64 {
        let net = self.subtotal_minor - self.discount_minor;
        match self.payer {
            FeePayer::Organizer => net - self.fee_minor,
            FeePayer::Buyer => net,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PricingError {
    /// The order subtotal is below the coupon's minimum.
    BelowMinimum { min_order_minor: i64 },
    /// The coupon is restricted to ticket types absent from the order.
    NotApplicable,
    /// An amount does not fit in an `i64`.
    Overflow,
    /// A negative price or fixed amount, or a percentage outside 1 ..= 10 000 basis points: values
    /// validation should have refused before they reached pricing.
    InvalidInput,
}

/// Prices an order. Lines keep their order; a line of quantity 0 prices to zero.
pub fn price(
    lines: &[Line],
    coupon: Option<&CouponTerms>,
    fee: FeeRule,
) -> Result<Priced, PricingError> {
    if fee.fixed_minor < 0 || lines.iter().any(|l| l.unit_price_minor < 0) {
        return Err(PricingError::InvalidInput);
    }
    let subtotals = lines
        .iter()
        .map(|l| to_i64(i128::from(l.unit_price_minor) * i128::from(l.quantity)))
        .collect::<Result<Vec<i64>, _>>()?;
    let subtotal = checked_sum(&subtotals)?;
    let discounts = match coupon {
        Some(terms) => discounts(lines, &subtotals, subtotal, terms)?,
        None => vec![0; lines.len()],
    };

    let mut priced = Vec::with_capacity(lines.len());
    for ((line, &sub), &disc) in lines.iter().zip(&subtotals).zip(&discounts) {
        priced.push(PricedLine {
            ticket_type_id: line.ticket_type_id,
            quantity: line.quantity,
            unit_price_minor: line.unit_price_minor,
            subtotal_minor: sub,
            discount_minor: disc,
            fee_minor: line_fee(sub - disc, line.quantity, fee)?,
        });
    }
    let discount = checked_sum(&discounts)?;
    let fee_total = checked_sum(&priced.iter().map(|l| l.fee_minor).collect::<Vec<_>>())?;
    let buyer_fee = match fee.payer {
        FeePayer::Buyer => fee_total,
        FeePayer::Organizer => 0,
    };
    let total = (subtotal - discount)
        .checked_add(buyer_fee)
        .ok_or(PricingError::Overflow)?;
    Ok(Priced {
        lines: priced,
        subtotal_minor: subtotal,
        discount_minor: discount,
        fee_minor: fee_total,
        total_minor: total,
        payer: fee.payer,
    })
}

/// Each line's discount; ineligible lines get 0.
fn discounts(
    lines: &[Line],
    subtotals: &[i64],
    subtotal: i64,
    terms: &CouponTerms,
) -> Result<Vec<i64>, PricingError> {
    let eligible: Vec<bool> = lines
        .iter()
        .map(|l| {
            terms.ticket_type_ids.is_empty() || terms.ticket_type_ids.contains(&l.ticket_type_id)
        })
        .collect();
    if !terms.ticket_type_ids.is_empty() && !eligible.contains(&true) {
        return Err(PricingError::NotApplicable);
    }
    if let Some(min) = terms.min_order_minor
        && subtotal < min
    {
        return Err(PricingError::BelowMinimum {
            min_order_minor: min,
        });
    }
    match terms.discount {
        Discount::PercentBp(bp) => {
            if !(1..=10_000).contains(&bp) {
                return Err(PricingError::InvalidInput);
            }
            subtotals
                .iter()
                .zip(&eligible)
                .map(|(&sub, &ok)| {
                    if ok {
                        round_bp(sub, bp).ok_or(PricingError::Overflow)
                    } else {
                        Ok(0)
                    }
                })
                .collect()
        }
        Discount::FixedMinor(amount) => {
            if amount < 0 {
                return Err(PricingError::InvalidInput);
            }
            let weights: Vec<i64> = subtotals
                .iter()
                .zip(&eligible)
                .map(|(&sub, &ok)| if ok { sub } else { 0 })
                .collect();
            let eligible_total = checked_sum(&weights)?;
            Ok(spread(amount.min(eligible_total), &weights))
        }
    }
}

/// Splits `amount` over `weights` in proportion, by the largest-remainder method, so the parts sum
/// exactly to `amount` (ties go to the earlier line). Requires `0 <= amount <= sum(weights)`,
/// which also keeps each part within its weight.
fn spread(amount: i64, weights: &[i64]) -> Vec<i64> {
    let total: i128 = weights.iter().map(|&w| i128::from(w)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<i128> = weights
        .iter()
        .map(|&w| i128::from(amount) * i128::from(w))
        .collect();
    // Each floor is at most its weight, an i64, so the casts below cannot truncate.
    let mut parts: Vec<i64> = exact.iter().map(|e| (e / total) as i64).collect();
    let given: i64 = parts.iter().sum();
    let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
    // A stable sort keeps earlier lines first among equal remainders.
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(exact[i] % total));
    for &i in by_remainder.iter().take((amount - given) as usize) {
        parts[i] += 1;
    }
    parts
}

/// Free and fully discounted lines pay no fee, not even the fixed part.
fn line_fee(net: i64, quantity: u32, rule: FeeRule) -> Result<i64, PricingError> {
    if net <= 0 {
        return Ok(0);
    }
    let percent = round_bp(net, rule.percent_bp).ok_or(PricingError::Overflow)?;
    let fixed = i128::from(rule.fixed_minor) * i128::from(quantity);
    to_i64(i128::from(percent) + fixed)
}

fn to_i64(value: i128) -> Result<i64, PricingError> {
    i64::try_from(value).map_err(|_| PricingError::Overflow)
}

fn checked_sum(values: &[i64]) -> Result<i64, PricingError> {
    values
        .iter()
        .try_fold(0i64, |acc, &v| acc.checked_add(v))
        .ok_or(PricingError::Overflow)
}

#[cfg(test)]
mod tests;
