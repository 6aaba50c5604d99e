//! The coupon form's fields as typed, filled from a coupon, and checked (the API's rules, so most
//! mistakes show before sending): code, percentage or amount in the event's currency, minimum
//! order, validity window in the event's time zone, use limits, allowed emails.

use chrono::{DateTime, Utc};
use common::coupons::{Coupon, DiscountKind};
use common::{Currency, Money};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use uuid::Uuid;

use crate::money::{amount_input, parse_amount};
use crate::time::{input_to_utc, utc_to_input};

/// The form's fields, as typed.
#[derive(Clone, Copy)]
pub struct Fields {
    pub code: RwSignal<String>,
    pub kind: RwSignal<String>,
    pub value: RwSignal<String>,
    pub types: RwSignal<Vec<Uuid>>,
    pub min_order: RwSignal<String>,
    pub starts: RwSignal<String>,
    pub ends: RwSignal<String>,
    pub max_uses: RwSignal<String>,
    pub max_per_email: RwSignal<String>,
    pub emails: RwSignal<String>,
    pub active: RwSignal<bool>,
}

/// The checked values of the form.
pub struct Parsed {
    pub code: String,
    pub kind: DiscountKind,
    pub percent: Option<Decimal>,
    pub amount: Option<Money>,
    pub types: Vec<Uuid>,
    pub min_order: Option<Money>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_uses: Option<u32>,
    pub max_per_email: Option<u32>,
    pub emails: Vec<String>,
    pub active: bool,
}

/// A coupon's code as the API accepts it: 3 to 32 letters, digits, `-` or `_`.
pub fn is_valid_code(code: &str) -> bool {
    (3..=32).contains(&code.chars().count())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Emails typed one per line (or separated by commas or spaces).
pub fn split_emails(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Default for Fields {
    fn default() -> Fields {
        Fields::new()
    }
}

impl Fields {
    pub fn new() -> Fields {
        let s = || RwSignal::new(String::new());
        Fields {
            code: s(),
            kind: RwSignal::new("percent".into()),
            value: s(),
            types: RwSignal::new(Vec::new()),
            min_order: s(),
            starts: s(),
            ends: s(),
            max_uses: s(),
            max_per_email: s(),
            emails: s(),
            active: RwSignal::new(true),
        }
    }

    pub fn fill(&self, c: Option<&Coupon>, tz: &str) {
        let when = |v: &Option<DateTime<Utc>>| v.map(|d| utc_to_input(&d, tz)).unwrap_or_default();
        let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        match c {
            Some(c) => {
                self.code.set(c.code.clone());
                self.kind.set(c.kind.as_str().into());
                self.value.set(
                    match c.kind {
                        DiscountKind::Percent => c.percent.map(|p| p.normalize().to_string()),
                        DiscountKind::Fixed => c.amount.as_ref().map(amount_input),
                    }
                    .unwrap_or_default(),
                );
                self.types.set(c.ticket_type_ids.clone());
                self.min_order
                    .set(c.min_order.as_ref().map(amount_input).unwrap_or_default());
                self.starts.set(when(&c.starts_at));
                self.ends.set(when(&c.ends_at));
                self.max_uses.set(num(c.max_uses));
                self.max_per_email.set(num(c.max_uses_per_email));
                self.emails.set(c.allowed_emails.join("\n"));
                self.active.set(c.active);
            }
            None => {
                for s in [
                    self.code,
                    self.value,
                    self.min_order,
                    self.starts,
                    self.ends,
                    self.max_uses,
                    self.max_per_email,
                    self.emails,
                ] {
                    s.set(String::new());
                }
                self.kind.set("percent".into());
                self.types.set(Vec::new());
                self.active.set(true);
            }
        }
    }

    pub fn parse(
        &self,
        currency: Currency,
        tz: &str,
    ) -> Result<Parsed, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let code = self.code.get_untracked().trim().to_uppercase();
        if code.is_empty() {
            problems.push(("code", "required"));
        } else if !is_valid_code(&code) {
            problems.push(("code", "coupon_code_invalid"));
        }
        let kind = DiscountKind::parse(&self.kind.get_untracked()).unwrap_or(DiscountKind::Percent);
        let value = self.value.get_untracked();
        let (mut percent, mut amount) = (None, None);
        match kind {
            DiscountKind::Percent => {
                match Decimal::from_str(value.trim().replace(',', ".").as_str()) {
                    Ok(p) if p > Decimal::ZERO && p <= Decimal::from(100) => percent = Some(p),
                    Ok(_) => problems.push(("percent", "out_of_range")),
                    Err(_) => problems.push(("percent", "invalid_number")),
                }
            }
            DiscountKind::Fixed => match parse_amount(&value, currency) {
                Ok(a) if a > Decimal::ZERO => {
                    amount = Some(Money {
                        amount: a,
                        currency,
                    })
                }
                Ok(_) => problems.push(("amount.amount", "too_small")),
                Err(code) => problems.push(("amount.amount", code)),
            },
        }
        let min_text = self.min_order.get_untracked();
        let min_order = if min_text.trim().is_empty() {
            None
        } else {
            match parse_amount(&min_text, currency) {
                Ok(a) => Some(Money {
                    amount: a,
                    currency,
                }),
                Err(code) => {
                    problems.push(("min_order.amount", code));
                    None
                }
            }
        };
        let when = |s: RwSignal<String>, field: &'static str, problems: &mut Vec<(&str, &str)>| {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                return None;
            }
            let at = input_to_utc(&v, tz);
            if at.is_none() {
                problems.push((field, "invalid_date"));
            }
            at
        };
        let starts_at = when(self.starts, "starts_at", &mut problems);
        let ends_at = when(self.ends, "ends_at", &mut problems);
        if let (Some(a), Some(b)) = (starts_at, ends_at)
            && b <= a
        {
            problems.push(("ends_at", "before_start"));
        }
        let count = |s: RwSignal<String>, field: &'static str, problems: &mut Vec<(&str, &str)>| {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                return None;
            }
            match v.trim().parse::<u32>() {
                Ok(0) => {
                    problems.push((field, "too_small"));
                    None
                }
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push((field, "invalid_number"));
                    None
                }
            }
        };
        let max_uses = count(self.max_uses, "max_uses", &mut problems);
        let max_per_email = count(self.max_per_email, "max_uses_per_email", &mut problems);
        let emails = split_emails(&self.emails.get_untracked());
        if emails
            .iter()
            .any(|e| !e.contains('@') || e.starts_with('@') || e.ends_with('@'))
        {
            problems.push(("allowed_emails", "invalid_email"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Parsed {
            code,
            kind,
            percent,
            amount,
            types: self.types.get_untracked(),
            min_order,
            starts_at,
            ends_at,
            max_uses,
            max_per_email,
            emails,
            active: self.active.get_untracked(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{is_valid_code, split_emails};

    #[test]
    fn coupon_codes_follow_the_api_rules() {
        assert!(is_valid_code("JAZZ10"));
        assert!(is_valid_code("early_bird-2"));
        assert!(!is_valid_code("AB"));
        assert!(!is_valid_code("NO SPACE"));
        assert!(!is_valid_code(&"X".repeat(33)));
    }

    #[test]
    fn allowed_emails_are_split_on_lines_commas_and_spaces() {
        assert_eq!(
            split_emails("A@x.cm\n b@y.cm, c@z.cm;\n\n"),
            vec!["a@x.cm", "b@y.cm", "c@z.cm"]
        );
    }
}
