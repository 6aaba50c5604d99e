//! Settings for money after the sale: when sales become available, which refunds run without a
//! platform admin, and withdrawal limits per currency.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, bail};
use common::{Currency, Money};
use rust_decimal::Decimal;

/// Which refunds are approved without a platform admin (`REFUND_AUTO_APPROVE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundAutoApprove {
    /// Every refund waits for a platform admin.
    None,
    /// Refunds an organizer starts run at once (it is their money); buyers' requests wait.
    Organizer,
    /// Every refund runs at once.
    All,
}

#[derive(Debug, Clone)]
pub struct MoneySettings {
    /// A sale counts as available this long after it was paid (the gateways' settlement
    /// delay). `FUNDS_AVAILABLE_AFTER_HOURS`, default 48.
    pub funds_available_after: Duration,
    pub refund_auto_approve: RefundAutoApprove,
    /// Smallest withdrawal per currency, minor units (`WITHDRAWAL_MINIMUMS="XAF=5000,USD=10"`,
    /// major units); unlisted currencies: one major unit.
    pub withdrawal_minimums: HashMap<Currency, i64>,
    /// Largest withdrawal per currency (`WITHDRAWAL_MAXIMUMS`); unlisted: no maximum.
    pub withdrawal_maximums: HashMap<Currency, i64>,
}

impl Default for MoneySettings {
    fn default() -> Self {
        MoneySettings {
            funds_available_after: Duration::from_secs(48 * 3600),
            refund_auto_approve: RefundAutoApprove::Organizer,
            withdrawal_minimums: HashMap::new(),
            withdrawal_maximums: HashMap::new(),
        }
    }
}

impl MoneySettings {
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<MoneySettings> {
        let hours: u64 = match var("FUNDS_AVAILABLE_AFTER_HOURS") {
            None => 48,
            Some(v) => v
                .parse()
                .context("FUNDS_AVAILABLE_AFTER_HOURS must be a whole number of hours")?,
        };
        let refund_auto_approve = match var("REFUND_AUTO_APPROVE").as_deref() {
            None | Some("organizer") => RefundAutoApprove::Organizer,
            Some("none") => RefundAutoApprove::None,
            Some("all") => RefundAutoApprove::All,
            Some(other) => {
                bail!("REFUND_AUTO_APPROVE must be none, organizer or all, not `{other}`")
            }
        };
        Ok(MoneySettings {
            funds_available_after: Duration::from_secs(hours * 3600),
            refund_auto_approve,
            withdrawal_minimums: limits("WITHDRAWAL_MINIMUMS", var("WITHDRAWAL_MINIMUMS"))?,
            withdrawal_maximums: limits("WITHDRAWAL_MAXIMUMS", var("WITHDRAWAL_MAXIMUMS"))?,
        })
    }

    pub fn withdrawal_minimum(&self, currency: Currency) -> i64 {
        self.withdrawal_minimums
            .get(&currency)
            .copied()
            .unwrap_or_else(|| 10_i64.pow(currency.minor_units()))
    }

    pub fn withdrawal_maximum(&self, currency: Currency) -> Option<i64> {
        self.withdrawal_maximums.get(&currency).copied()
    }
}

/// `"XAF=5000,USD=10.50"` -> minor units per currency, exact.
fn limits(name: &str, value: Option<String>) -> anyhow::Result<HashMap<Currency, i64>> {
    let mut out = HashMap::new();
    for pair in value.iter().flat_map(|v| v.split(',')) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let (code, amount) = pair
            .split_once('=')
            .with_context(|| format!("{name}: `{pair}` should look like XAF=5000"))?;
        let currency = Currency::from_code(code.trim())
            .with_context(|| format!("{name}: unknown currency `{code}`"))?;
        let amount: Decimal = amount
            .trim()
            .parse()
            .with_context(|| format!("{name}: `{amount}` is not an amount"))?;
        let minor = Money { amount, currency }
            .to_minor()
            .map_err(|e| anyhow::anyhow!("{name}: {pair}: {e:?}"))?;
        out.insert(currency, minor);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn withdrawal_limits_are_read_exactly_in_major_units() {
        let m = MoneySettings::from_vars(|k| match k {
            "WITHDRAWAL_MINIMUMS" => Some("XAF=5000, USD=10.50".into()),
            "WITHDRAWAL_MAXIMUMS" => Some("XAF=2000000".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(m.withdrawal_minimum(Currency::XAF), 5000);
        assert_eq!(m.withdrawal_minimum(Currency::USD), 1050);
        assert_eq!(m.withdrawal_minimum(Currency::EUR), 100);
        assert_eq!(m.withdrawal_maximum(Currency::XAF), Some(2_000_000));
        assert_eq!(m.withdrawal_maximum(Currency::USD), None);
    }

    #[test]
    fn a_fraction_of_a_franc_is_refused_as_a_limit() {
        assert!(
            MoneySettings::from_vars(|k| (k == "WITHDRAWAL_MINIMUMS").then(|| "XAF=10.5".into()))
                .is_err()
        );
    }
}
