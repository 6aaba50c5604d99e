//! Amounts as people type and read them: exact decimals in the currency's minor units
//! (`5000` XAF, `12.50` USD), grouped the way the reader writes numbers.

use std::str::FromStr;

use common::{Currency, Lang, Money};
use rust_decimal::Decimal;

/// Parses a price typed with a dot or a comma (`12,5`, `5 000`). Errors are field-error codes:
/// `invalid_number`, `negative`, `too_precise` (more decimals than the currency has).
pub fn parse_amount(input: &str, currency: Currency) -> Result<Decimal, &'static str> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let amount = Decimal::from_str(&cleaned).map_err(|_| "invalid_number")?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err("negative");
    }
    Money { amount, currency }
        .to_minor()
        .map(|_| amount.normalize())
        .map_err(|_| "too_precise")
}

/// The amount as an input value: `5000`, `12.50`.
pub fn amount_input(m: &Money) -> String {
    let mut d = m.amount.round_dp(m.currency.minor_units());
    d.rescale(m.currency.minor_units());
    d.to_string()
}

/// `5,000 XAF` / `5 000 XAF`, `12.50 USD` / `12,50 USD`.
pub fn format_money(m: &Money, lang: Lang) -> String {
    let plain = amount_input(m);
    let (int_part, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (plain.clone(), None),
    };
    let (sign, digits) = match int_part.strip_prefix('-') {
        Some(d) => ("-", d.to_owned()),
        None => ("", int_part),
    };
    let (group, point) = match lang {
        Lang::En => (",", "."),
        Lang::Fr => ("\u{202f}", ","),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f} {}", m.currency.code()),
        None => format!("{sign}{grouped} {}", m.currency.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str, c: Currency) -> Money {
        Money {
            amount: Decimal::from_str(s).unwrap_or_default(),
            currency: c,
        }
    }

    #[test]
    fn amounts_read_in_each_language() {
        assert_eq!(
            format_money(&money("5000", Currency::XAF), Lang::En),
            "5,000 XAF"
        );
        assert_eq!(
            format_money(&money("1250000", Currency::XOF), Lang::Fr),
            "1\u{202f}250\u{202f}000 XOF"
        );
        assert_eq!(
            format_money(&money("12.5", Currency::USD), Lang::En),
            "12.50 USD"
        );
        assert_eq!(
            format_money(&money("1234.5", Currency::EUR), Lang::Fr),
            "1\u{202f}234,50 EUR"
        );
        assert_eq!(format_money(&money("0", Currency::XAF), Lang::En), "0 XAF");
    }

    #[test]
    fn typed_prices_respect_the_currency() {
        assert_eq!(
            parse_amount("5 000", Currency::XAF),
            Ok(Decimal::from(5000))
        );
        assert_eq!(
            parse_amount("12,50", Currency::USD),
            Decimal::from_str("12.5").map_err(|_| "")
        );
        assert_eq!(parse_amount("10.5", Currency::XAF), Err("too_precise"));
        assert_eq!(parse_amount("abc", Currency::USD), Err("invalid_number"));
        assert_eq!(parse_amount("-3", Currency::USD), Err("negative"));
        assert_eq!(amount_input(&money("12.5", Currency::USD)), "12.50");
        assert_eq!(amount_input(&money("5000", Currency::XAF)), "5000");
    }
}
