//! The printable invoice: A4, the issuer and the customer, the document's number and date, a
//! table of lines (description, quantity, unit price, amount) and the totals, then a note on how
//! it was paid. Set like the tickets in the base-14 Helvetica fonts (no embedded font, a few
//! kilobytes); lines that do not fit continue on further pages.
//!
//! Amounts arrive formatted (exact, with their currency); this module only lays them out.

use chrono::{DateTime, Datelike, Utc};
use common::Lang;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::tickets::pdf::text::{Font, clamp_lines, width, win_ansi, wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceDocKind {
    Invoice,
    CreditNote,
    FeeInvoice,
}

/// One row of the table, amounts formatted with their currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub description: String,
    pub quantity: i64,
    pub unit_price: String,
    pub amount: String,
}

/// Everything printed on a document, amounts already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDoc {
    pub kind: InvoiceDocKind,
    /// `INV-2026-000123`.
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub issuer: String,
    pub customer_name: String,
    pub customer_email: Option<String>,
    /// The order's reference (invoices, credit notes).
    pub order_reference: Option<String>,
    /// The invoice a credit note corrects.
    pub corrects: Option<String>,
    /// `2026-11` (fee invoices).
    pub period: Option<String>,
    /// The event the tickets were for.
    pub event_title: Option<String>,
    pub lines: Vec<DocLine>,
    /// (label, amount) rows above the total, e.g. subtotal, discount, service fee.
    pub subtotals: Vec<(String, String)>,
    pub total: String,
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const INK: f32 = 0.09;
const MUTED: f32 = 0.45;
const RULE: f32 = 0.85;
const ACCENT: (f32, f32, f32) = (0.263, 0.220, 0.792);
/// Right edges of the quantity, unit price and amount columns.
const COL_QTY: f32 = 330.0;
const COL_UNIT: f32 = 435.0;
const COL_AMOUNT: f32 = PAGE_W - MARGIN;
const DESC_WIDTH: f32 = COL_QTY - 40.0 - MARGIN;
const BODY: f32 = 10.0;
const ROW: f32 = 14.0;

fn title(kind: InvoiceDocKind, lang: Lang) -> &'static str {
    match kind {
        InvoiceDocKind::Invoice => lang.pick("Invoice", "Facture"),
        InvoiceDocKind::CreditNote => lang.pick("Credit note", "Avoir"),
        InvoiceDocKind::FeeInvoice => lang.pick("Platform fee invoice", "Facture de frais"),
    }
}

fn month_name(month0: usize, lang: Lang) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month0 = month0.min(11);
    match lang {
        Lang::En => EN[month0],
        Lang::Fr => FR[month0],
    }
}

/// `12 December 2026` / `12 décembre 2026`.
pub fn format_date(at: DateTime<Utc>, lang: Lang) -> String {
    let name = month_name(usize::try_from(at.month0()).unwrap_or(0), lang);
    format!("{} {name} {}", at.day(), at.year())
}

/// `2026-11` -> `November 2026` / `novembre 2026`; anything else as it is.
pub fn format_period(period: &str, lang: Lang) -> String {
    let parsed = period
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)));
    match parsed {
        Some((year, month @ 1..=12)) => {
            format!("{} {year}", month_name(month - 1, lang))
        }
        _ => period.to_owned(),
    }
}

/// A PDF of the document in `lang`.
pub fn render(lang: Lang, doc: &InvoiceDoc) -> Vec<u8> {
    let pages = layout(lang, doc);
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let page_ref = |i: usize| Ref::new(6 + 2 * i32::try_from(i).unwrap_or(i32::MAX / 4));
    let page_ids: Vec<Ref> = (0..pages.len()).map(page_ref).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (content, &id) in pages.into_iter().zip(&page_ids) {
        let content_id = Ref::new(id.get() + 1);
        let mut page = pdf.page(id);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .contents(content_id);
        page.resources()
            .fonts()
            .pair(Font::Regular.resource(), regular)
            .pair(Font::Bold.resource(), bold);
        drop(page);
        pdf.stream(content_id, &content.finish());
    }
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let doc_title = format!("{} {}", title(doc.kind, lang), doc.number);
    pdf.document_info(info)
        .title(TextStr(&doc_title))
        .creator(TextStr("Reckot"))
        .producer(TextStr("Reckot"));
    pdf.finish()
}

/// Pages of content: the header on the first, the table continued on the next ones.
fn layout(lang: Lang, doc: &InvoiceDoc) -> Vec<Content> {
    let mut pages = Vec::new();
    let mut c = Content::new();
    let mut y = header(&mut c, lang, doc);
    y = table_head(&mut c, lang, y);
    for line in &doc.lines {
        let desc = clamp_lines(wrap(&line.description, Font::Regular, BODY, DESC_WIDTH), 3);
        let height = desc.len() as f32 * ROW + 8.0;
        if y - height < MARGIN + 40.0 {
            footer_page_note(&mut c, lang, doc);
            pages.push(std::mem::replace(&mut c, Content::new()));
            y = table_head(&mut c, lang, PAGE_H - MARGIN);
        }
        c.set_fill_gray(INK);
        let top = y;
        for (i, part) in desc.iter().enumerate() {
            show(
                &mut c,
                Font::Regular,
                BODY,
                MARGIN,
                top - i as f32 * ROW,
                part,
            );
        }
        right(
            &mut c,
            Font::Regular,
            BODY,
            COL_QTY,
            top,
            &line.quantity.to_string(),
        );
        right(&mut c, Font::Regular, BODY, COL_UNIT, top, &line.unit_price);
        right(&mut c, Font::Regular, BODY, COL_AMOUNT, top, &line.amount);
        // A hairline 6 pt under the row's last line; the next row starts a line below it.
        let under = top - (desc.len() as f32 - 1.0) * ROW - 6.0;
        rule(&mut c, under);
        y = under - ROW;
    }
    // Totals and the closing note need about this much room.
    let closing = (doc.subtotals.len() as f32 + 1.0) * ROW + 110.0;
    if y - closing < MARGIN {
        footer_page_note(&mut c, lang, doc);
        pages.push(std::mem::replace(&mut c, Content::new()));
        y = PAGE_H - MARGIN - 20.0;
    }
    y -= 6.0;
    for (label, amount) in &doc.subtotals {
        c.set_fill_gray(MUTED);
        right(&mut c, Font::Regular, BODY, COL_UNIT, y, label);
        c.set_fill_gray(INK);
        right(&mut c, Font::Regular, BODY, COL_AMOUNT, y, amount);
        y -= ROW + 2.0;
    }
    if !doc.subtotals.is_empty() {
        c.set_stroke_gray(INK).set_line_width(0.75);
        c.move_to(COL_QTY + 20.0, y + ROW - 3.0)
            .line_to(COL_AMOUNT, y + ROW - 3.0)
            .stroke();
        y -= 4.0;
    }
    let total_label = match doc.kind {
        InvoiceDocKind::CreditNote => lang.pick("Total credited", "Total crédité"),
        InvoiceDocKind::Invoice => lang.pick("Total paid", "Total payé"),
        InvoiceDocKind::FeeInvoice => lang.pick("Total fees", "Total des frais"),
    };
    c.set_fill_gray(INK);
    right(&mut c, Font::Bold, 12.0, COL_UNIT, y, total_label);
    right(&mut c, Font::Bold, 12.0, COL_AMOUNT, y, &doc.total);
    y -= 36.0;

    c.set_fill_gray(MUTED);
    for line in wrap(&note(lang, doc), Font::Regular, 9.0, PAGE_W - 2.0 * MARGIN) {
        show(&mut c, Font::Regular, 9.0, MARGIN, y, &line);
        y -= 12.0;
    }
    footer_page_note(&mut c, lang, doc);
    pages.push(c);
    pages
}

/// The brand, the title and number, who issued it to whom; returns where the table starts.
fn header(c: &mut Content, lang: Lang, doc: &InvoiceDoc) -> f32 {
    let full = PAGE_W - 2.0 * MARGIN;
    let mut y = PAGE_H - MARGIN - 14.0;
    c.set_fill_rgb(ACCENT.0, ACCENT.1, ACCENT.2);
    show(c, Font::Bold, 14.0, MARGIN, y, "Reckot");
    c.set_fill_gray(MUTED);
    let kind = title(doc.kind, lang).to_uppercase();
    right(c, Font::Bold, 10.0, PAGE_W - MARGIN, y, &kind);
    y -= 40.0;

    c.set_fill_gray(INK);
    show(c, Font::Bold, 22.0, MARGIN, y, title(doc.kind, lang));
    right(c, Font::Bold, 14.0, PAGE_W - MARGIN, y, &doc.number);
    y -= 18.0;
    c.set_fill_gray(MUTED);
    let issued = format!(
        "{} {}",
        lang.pick("Issued on", "Émise le"),
        format_date(doc.issued_at, lang)
    );
    right(c, Font::Regular, BODY, PAGE_W - MARGIN, y, &issued);
    y -= 28.0;

    // Two columns: from (issuer) and to (customer).
    let half = full / 2.0 - 12.0;
    let to_x = MARGIN + full / 2.0 + 12.0;
    c.set_fill_gray(MUTED);
    show(c, Font::Regular, 9.0, MARGIN, y, lang.pick("From", "De"));
    show(c, Font::Regular, 9.0, to_x, y, lang.pick("To", "À"));
    y -= 15.0;
    c.set_fill_gray(INK);
    let from = clamp_lines(wrap(&doc.issuer, Font::Bold, 12.0, half), 2);
    let mut to = clamp_lines(wrap(&doc.customer_name, Font::Bold, 12.0, half), 2);
    let rows = from.len().max(to.len());
    for (i, line) in from.iter().enumerate() {
        show(c, Font::Bold, 12.0, MARGIN, y - i as f32 * 15.0, line);
    }
    for (i, line) in to.iter().enumerate() {
        show(c, Font::Bold, 12.0, to_x, y - i as f32 * 15.0, line);
    }
    y -= rows as f32 * 15.0;
    if doc.kind == InvoiceDocKind::FeeInvoice {
        c.set_fill_gray(MUTED);
        show(
            c,
            Font::Regular,
            BODY,
            MARGIN,
            y,
            lang.pick("Event ticketing platform", "Plateforme de billetterie"),
        );
    }
    if let Some(email) = &doc.customer_email {
        c.set_fill_gray(MUTED);
        to = clamp_lines(wrap(email, Font::Regular, BODY, half), 1);
        if let Some(line) = to.first() {
            show(c, Font::Regular, BODY, to_x, y, line);
        }
    }
    y -= 30.0;

    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(r) = &doc.order_reference {
        facts.push((lang.pick("Order", "Commande"), r.clone()));
    }
    if let Some(r) = &doc.corrects {
        facts.push((
            lang.pick("Corrects invoice", "Rectifie la facture"),
            r.clone(),
        ));
    }
    if let Some(p) = &doc.period {
        facts.push((lang.pick("Period", "Période"), format_period(p, lang)));
    }
    if let Some(t) = &doc.event_title {
        facts.push((lang.pick("Event", "Événement"), t.clone()));
    }
    for (label, value) in facts {
        c.set_fill_gray(MUTED);
        show(c, Font::Regular, BODY, MARGIN, y, label);
        c.set_fill_gray(INK);
        let value = clamp_lines(wrap(&value, Font::Regular, BODY, full - 120.0), 1);
        if let Some(v) = value.first() {
            show(c, Font::Regular, BODY, MARGIN + 120.0, y, v);
        }
        y -= ROW;
    }
    y - 16.0
}

/// The column titles and the rule under them; returns the first row's baseline.
fn table_head(c: &mut Content, lang: Lang, y: f32) -> f32 {
    c.set_fill_gray(MUTED);
    show(
        c,
        Font::Bold,
        9.0,
        MARGIN,
        y,
        lang.pick("Description", "Désignation"),
    );
    right(c, Font::Bold, 9.0, COL_QTY, y, lang.pick("Qty", "Qté"));
    right(
        c,
        Font::Bold,
        9.0,
        COL_UNIT,
        y,
        lang.pick("Unit price", "Prix unitaire"),
    );
    right(
        c,
        Font::Bold,
        9.0,
        COL_AMOUNT,
        y,
        lang.pick("Amount", "Montant"),
    );
    c.set_stroke_gray(INK).set_line_width(0.75);
    c.move_to(MARGIN, y - 6.0)
        .line_to(PAGE_W - MARGIN, y - 6.0)
        .stroke();
    y - 6.0 - ROW - 2.0
}

fn rule(c: &mut Content, y: f32) {
    c.set_stroke_gray(RULE).set_line_width(0.5);
    c.move_to(MARGIN, y).line_to(PAGE_W - MARGIN, y).stroke();
}

fn note(lang: Lang, doc: &InvoiceDoc) -> String {
    match (doc.kind, lang) {
        (InvoiceDocKind::Invoice, Lang::En) => format!(
            "Paid in full when the order was confirmed. {} sells these tickets through Reckot.",
            doc.issuer
        ),
        (InvoiceDocKind::Invoice, Lang::Fr) => format!(
            "Payée intégralement à la confirmation de la commande. {} vend ces billets via Reckot.",
            doc.issuer
        ),
        (InvoiceDocKind::CreditNote, Lang::En) => {
            "The tickets listed were cancelled and their price refunded to the means of payment used. The service fee is not refunded.".to_owned()
        }
        (InvoiceDocKind::CreditNote, Lang::Fr) => {
            "Les billets listés ont été annulés et leur prix remboursé sur le moyen de paiement utilisé. Les frais de service ne sont pas remboursés.".to_owned()
        }
        (InvoiceDocKind::FeeInvoice, Lang::En) => {
            "These fees were deducted from your sales when they were paid: nothing is left to pay.".to_owned()
        }
        (InvoiceDocKind::FeeInvoice, Lang::Fr) => {
            "Ces frais ont été déduits de vos ventes à leur paiement\u{a0}: il ne reste rien à payer.".to_owned()
        }
    }
}

/// `INV-2026-000123 · page n` is not known until the end; each page carries the number.
fn footer_page_note(c: &mut Content, lang: Lang, doc: &InvoiceDoc) {
    c.set_fill_gray(MUTED);
    let text = format!("{} {}", title(doc.kind, lang), doc.number);
    show(c, Font::Regular, 8.0, MARGIN, MARGIN - 20.0, &text);
}

fn show(c: &mut Content, font: Font, size: f32, x: f32, y: f32, text: &str) {
    c.begin_text()
        .set_font(font.resource(), size)
        .set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y])
        .show(Str(&win_ansi(text)))
        .end_text();
}

/// `text` ending at `right_edge`.
fn right(c: &mut Content, font: Font, size: f32, right_edge: f32, y: f32, text: &str) {
    show(c, font, size, right_edge - width(text, font, size), y, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: InvoiceDocKind, lines: usize) -> InvoiceDoc {
        InvoiceDoc {
            kind,
            number: "INV-2026-000042".to_owned(),
            issued_at: DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default(),
            issuer: "Douala Live (Paren)".to_owned(),
            customer_name: "Zoé Ngo".to_owned(),
            customer_email: Some("zoe@example.com".to_owned()),
            order_reference: Some("RK-3F8Q1ZKD".to_owned()),
            corrects: None,
            period: None,
            event_title: Some("Nuit du jazz à Douala".to_owned()),
            lines: (0..lines)
                .map(|i| DocLine {
                    description: format!("VIP – place {i}"),
                    quantity: 2,
                    unit_price: "5 000 XAF".to_owned(),
                    amount: "10 000 XAF".to_owned(),
                })
                .collect(),
            subtotals: vec![("Subtotal".to_owned(), "10 000 XAF".to_owned())],
            total: "10 500 XAF".to_owned(),
        }
    }

    #[test]
    fn an_invoice_is_one_page_with_its_number_and_total() {
        let pdf = render(Lang::En, &doc(InvoiceDocKind::Invoice, 2));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("/Count 1"));
        assert!(text.contains("(INV-2026-000042)"));
        assert!(text.contains("(10 500 XAF)"));
        assert!(text.contains("(Total paid)"));
    }

    #[test]
    fn a_french_credit_note_uses_french_labels() {
        let pdf = render(Lang::Fr, &doc(InvoiceDocKind::CreditNote, 1));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Avoir)"));
        assert!(text.contains("(Montant)"));
    }

    #[test]
    fn many_lines_continue_on_further_pages() {
        let pdf = render(Lang::En, &doc(InvoiceDocKind::CreditNote, 120));
        let text = String::from_utf8_lossy(&pdf);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert!(pages > 2, "{pages} pages");
    }

    #[test]
    fn dates_read_in_the_documents_language() {
        let at = DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default();
        assert!(format_date(at, Lang::Fr).contains("2026"));
        assert_ne!(format_date(at, Lang::Fr), format_date(at, Lang::En));
        assert_eq!(format_period("2026-11", Lang::Fr), "novembre 2026");
        assert_eq!(format_period("2026-02", Lang::En), "February 2026");
        assert_eq!(format_period("soon", Lang::En), "soon");
    }
}
