//! Invoice rules: which series a document is numbered in, how its number reads, the lines of a
//! paid order's invoice (which add up to exactly what the buyer paid), and the month a fee
//! invoice covers.
//!
//! Series: one per (organization, kind, calendar year of issue, UTC): `INV-2026`, `CN-2026`,
//! `FEE-2026`. Each kind restarts at 1 every year, which is how invoices are usually numbered
//! in Cameroon and France (an unbroken sequence per year and per kind of document), and keeps
//! a year's documents easy to audit. The number printed is `<series>-<6 digits>`.

use common::invoices::InvoiceKind;

/// The series a document of `kind` issued in `year` is numbered in.
pub fn series(kind: InvoiceKind, year: i32) -> String {
    format!("{}-{year}", prefix(kind))
}

fn prefix(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Invoice => "INV",
        InvoiceKind::CreditNote => "CN",
        InvoiceKind::FeeInvoice => "FEE",
    }
}

/// `INV-2026-000123`: the series, then the number padded to six digits (wider when needed).
pub fn display_number(series: &str, number: i64) -> String {
    format!("{series}-{number:06}")
}

/// One line of a document, amounts in minor units. `amount_minor = unit_minor × quantity`,
/// except discount lines, which carry only their (negative) amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub description: String,
    pub quantity: i64,
    pub unit_minor: i64,
    pub amount_minor: i64,
}

/// What a paid order's invoice lists: one line per ticket type, the discount (negative) and the
/// service fee when the buyer paid it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTotals {
    /// Before discount.
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    /// The service fee the buyer paid (0 when the organizer pays it).
    pub fee_minor: i64,
    /// What the buyer paid: subtotal − discount + fee.
    pub total_minor: i64,
}

/// The lines of an order's invoice. `items` are (description, quantity, unit price, subtotal);
/// `discount` and `buyer_fee` come with their line's description.
pub fn order_lines(
    items: &[(String, i64, i64, i64)],
    discount: Option<(String, i64)>,
    buyer_fee: Option<(String, i64)>,
) -> (Vec<Line>, OrderTotals) {
    let mut lines: Vec<Line> = items
        .iter()
        .map(|(description, quantity, unit, subtotal)| Line {
            description: description.clone(),
            quantity: *quantity,
            unit_minor: *unit,
            amount_minor: *subtotal,
        })
        .collect();
    let subtotal: i64 = lines.iter().map(|l| l.amount_minor).sum();
    let mut discount_minor = 0;
    if let Some((description, amount)) = discount.filter(|(_, a)| *a > 0) {
        discount_minor = amount;
        lines.push(Line {
            description,
            quantity: 1,
            unit_minor: -amount,
            amount_minor: -amount,
        });
    }
    let mut fee_minor = 0;
    if let Some((description, amount)) = buyer_fee.filter(|(_, a)| *a > 0) {
        fee_minor = amount;
        lines.push(Line {
            description,
            quantity: 1,
            unit_minor: amount,
            amount_minor: amount,
        });
    }
    let totals = OrderTotals {
        subtotal_minor: subtotal,
        discount_minor,
        fee_minor,
        total_minor: subtotal - discount_minor + fee_minor,
    };
    (lines, totals)
}

/// The sum of the lines: a document's total.
pub fn total(lines: &[Line]) -> i64 {
    lines.iter().map(|l| l.amount_minor).sum()
}

/// The calendar month before `(year, month)` (1-based months).
pub fn previous_month(year: i32, month: u32) -> (i32, u32) {
    if month <= 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

/// `2026-03`: how a fee invoice names the month it covers.
pub fn period(year: i32, month: u32) -> String {
    format!("{year}-{month:02}")
}

/// The language of an organization's fee invoices: French where French is an official
/// language of its country (Cameroon included, where most organizers read French), English
/// elsewhere.
pub fn fee_invoice_language(country: &str) -> &'static str {
    const FRENCH: &[&str] = &[
        "BE", "BF", "BI", "BJ", "CA", "CD", "CF", "CG", "CH", "CI", "CM", "DJ", "FR", "GA", "GN",
        "GQ", "HT", "KM", "LU", "MC", "MG", "ML", "NE", "RW", "SC", "SN", "TD", "TG", "VU",
    ];
    if FRENCH.contains(&country.to_ascii_uppercase().as_str()) {
        "fr"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_their_series_and_six_digits() {
        let s = series(InvoiceKind::Invoice, 2026);
        assert_eq!(s, "INV-2026");
        assert_eq!(display_number(&s, 123), "INV-2026-000123");
        assert_eq!(
            display_number(&series(InvoiceKind::CreditNote, 2027), 1_234_567),
            "CN-2027-1234567"
        );
        assert_eq!(series(InvoiceKind::FeeInvoice, 2026), "FEE-2026");
    }

    #[test]
    fn an_orders_lines_add_up_to_what_the_buyer_paid() {
        let items = vec![
            ("VIP".to_owned(), 2, 5000, 10_000),
            ("Standard".to_owned(), 1, 2500, 2500),
        ];
        let (lines, totals) = order_lines(
            &items,
            Some(("Discount (JAZZ10)".into(), 1250)),
            Some(("Service fee".into(), 625)),
        );
        assert_eq!(lines.len(), 4);
        assert_eq!(totals.subtotal_minor, 12_500);
        assert_eq!(totals.total_minor, 12_500 - 1250 + 625);
        assert_eq!(total(&lines), totals.total_minor);
    }

    #[test]
    fn no_discount_and_an_organizer_paid_fee_add_no_lines() {
        let (lines, totals) = order_lines(
            &[("VIP".to_owned(), 1, 5000, 5000)],
            Some(("Discount".into(), 0)),
            None,
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(totals.fee_minor, 0);
        assert_eq!(totals.total_minor, 5000);
    }

    #[test]
    fn january_follows_december_of_the_year_before() {
        assert_eq!(previous_month(2027, 1), (2026, 12));
        assert_eq!(previous_month(2026, 7), (2026, 6));
        assert_eq!(period(2026, 6), "2026-06");
    }

    #[test]
    fn fee_invoices_are_french_in_french_speaking_countries() {
        assert_eq!(fee_invoice_language("CM"), "fr");
        assert_eq!(fee_invoice_language("sn"), "fr");
        assert_eq!(fee_invoice_language("NG"), "en");
    }
}
