//! The printable ticket: one A4 page per ticket with the event, the attendee, the codes and a
//! vector QR code about 6 cm wide. Set in the base-14 Helvetica fonts, so the file needs no
//! embedded font and stays a few kilobytes per page; content streams are left uncompressed for
//! the same reason a diff of two tickets stays readable.

use common::Lang;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

use super::qr;

pub(crate) mod text;

use text::{Font, clamp_lines, width, win_ansi, wrap};

/// Everything printed on one ticket, already formatted for the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPage {
    pub event_title: String,
    /// From [`super::format_when`].
    pub when: String,
    pub venue: Option<String>,
    pub attendee: String,
    pub ticket_type: String,
    /// The grouped ticket code, printed for manual entry at the door.
    pub code: String,
    pub order_reference: String,
    /// Formatted with its currency, e.g. `5 000 XAF`.
    pub price: String,
    /// The signed ticket token the QR code carries.
    pub qr_payload: String,
    pub organizer: String,
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
/// 6 cm in points, quiet zone included.
const QR_SIDE: f32 = 170.0;
const INK: f32 = 0.09;
const MUTED: f32 = 0.45;
const ACCENT: (f32, f32, f32) = (0.263, 0.220, 0.792);

/// A PDF with one page per ticket, in `pages` order.
pub fn render(lang: Lang, pages: &[TicketPage]) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    // Page i is object 6 + 2i, its content stream the next one.
    let page_ref = |i: usize| Ref::new(6 + 2 * i32::try_from(i).unwrap_or(i32::MAX / 4));
    let page_ids: Vec<Ref> = (0..pages.len()).map(page_ref).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (ticket, &id) in pages.iter().zip(&page_ids) {
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
        pdf.stream(content_id, &draw(lang, ticket).finish());
    }
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = match pages.first() {
        Some(first) => format!(
            "{} – {}",
            lang.pick("Tickets", "Billets"),
            first.event_title
        ),
        None => lang.pick("Tickets", "Billets").to_owned(),
    };
    pdf.document_info(info)
        .title(TextStr(&title))
        .creator(TextStr("Reckot"))
        .producer(TextStr("Reckot"));
    pdf.finish()
}

fn draw(lang: Lang, t: &TicketPage) -> Content {
    let mut c = Content::new();
    let full = PAGE_W - 2.0 * MARGIN;
    let mut y = PAGE_H - MARGIN;

    c.set_fill_rgb(ACCENT.0, ACCENT.1, ACCENT.2);
    y -= 14.0;
    show(&mut c, Font::Bold, 14.0, MARGIN, y, "Reckot");
    c.set_fill_gray(MUTED);
    let kind = lang.pick("TICKET", "BILLET");
    let kind_x = PAGE_W - MARGIN - width(kind, Font::Bold, 10.0);
    show(&mut c, Font::Bold, 10.0, kind_x, y, kind);
    y -= 36.0;

    c.set_fill_gray(INK);
    for line in clamp_lines(wrap(&t.event_title, Font::Bold, 24.0, full), 3) {
        y -= 24.0;
        show(&mut c, Font::Bold, 24.0, MARGIN, y, &line);
        y -= 6.0;
    }
    y -= 6.0;
    let place = t
        .venue
        .iter()
        .flat_map(|v| wrap(v, Font::Regular, 12.0, full));
    for line in wrap(&t.when, Font::Regular, 12.0, full)
        .into_iter()
        .chain(place)
    {
        y -= 12.0;
        show(&mut c, Font::Regular, 12.0, MARGIN, y, &line);
        y -= 6.0;
    }
    y -= 14.0;
    c.set_stroke_gray(0.85).set_line_width(0.75);
    c.move_to(MARGIN, y).line_to(PAGE_W - MARGIN, y).stroke();
    y -= 28.0;

    let qr_x = PAGE_W - MARGIN - QR_SIDE;
    draw_qr(&mut c, &t.qr_payload, qr_x, y - QR_SIDE);
    let mut below = y - QR_SIDE - 18.0;
    c.set_fill_gray(INK);
    centered(&mut c, Font::Bold, 13.0, qr_x, below, &t.code);
    c.set_fill_gray(MUTED);
    let note = lang.pick(
        "Present this QR code at the entrance",
        "Présentez ce code QR à l’entrée",
    );
    for line in wrap(note, Font::Regular, 9.0, QR_SIDE) {
        below -= 14.0;
        centered(&mut c, Font::Regular, 9.0, qr_x, below, &line);
    }

    let column = qr_x - MARGIN - 24.0;
    let fields = [
        (lang.pick("Attendee", "Participant"), &t.attendee),
        (lang.pick("Ticket", "Billet"), &t.ticket_type),
        (lang.pick("Price", "Prix"), &t.price),
        (lang.pick("Order", "Commande"), &t.order_reference),
        (lang.pick("Ticket code", "Code du billet"), &t.code),
    ];
    for (label, value) in fields {
        c.set_fill_gray(MUTED);
        y -= 9.0;
        show(&mut c, Font::Regular, 9.0, MARGIN, y, label);
        y -= 6.0;
        c.set_fill_gray(INK);
        for line in clamp_lines(wrap(value, Font::Bold, 13.0, column), 2) {
            y -= 13.0;
            show(&mut c, Font::Bold, 13.0, MARGIN, y, &line);
            y -= 4.0;
        }
        y -= 14.0;
    }

    c.set_fill_gray(MUTED);
    let footer = match lang {
        Lang::En => format!(
            "Organized by {}. This ticket is personal: its code is accepted once at the entrance. Sold with Reckot.",
            t.organizer
        ),
        Lang::Fr => format!(
            "Organisé par {}. Ce billet est personnel\u{a0}: son code n’est accepté qu’une fois à l’entrée. Vendu avec Reckot.",
            t.organizer
        ),
    };
    let mut footer_y = MARGIN + 20.0;
    for line in clamp_lines(wrap(&footer, Font::Regular, 8.0, full), 3) {
        show(&mut c, Font::Regular, 8.0, MARGIN, footer_y, &line);
        footer_y -= 11.0;
    }
    c
}

fn show(c: &mut Content, font: Font, size: f32, x: f32, y: f32, text: &str) {
    c.begin_text()
        .set_font(font.resource(), size)
        .set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y])
        .show(Str(&win_ansi(text)))
        .end_text();
}

/// Centers `text` under the QR code that starts at `left`.
fn centered(c: &mut Content, font: Font, size: f32, left: f32, y: f32, text: &str) {
    let x = left + (QR_SIDE - width(text, font, size)) / 2.0;
    show(c, font, size, x, y, text);
}

/// Black rectangles, one per horizontal run of dark modules, on the white page; the quiet zone is
/// part of the square, so the code is exactly [`QR_SIDE`] wide with its margin.
fn draw_qr(c: &mut Content, payload: &str, left: f32, bottom: f32) {
    let Some(rows) = qr::modules(payload) else {
        return;
    };
    let module = QR_SIDE / (rows.len() + 2 * qr::QUIET_ZONE) as f32;
    let top = bottom + QR_SIDE;
    c.set_fill_gray(0.0);
    for (y, row) in rows.iter().enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|dark| **dark).count();
            c.rect(
                left + (qr::QUIET_ZONE + x) as f32 * module,
                top - (qr::QUIET_ZONE + y + 1) as f32 * module,
                run as f32 * module,
                module,
            );
            x += run;
        }
    }
    c.fill_nonzero();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(n: usize) -> TicketPage {
        TicketPage {
            event_title:
                "Nuit du jazz à Douala : l’édition « spéciale » de fin d’année, avec orchestre"
                    .to_owned(),
            when: "samedi 12 décembre 2026, 20:00 – 23:30 (Africa/Douala)".to_owned(),
            venue: Some("Institut français, Bonanjo".to_owned()),
            attendee: format!("Zoé Ngo {n}"),
            ticket_type: "VIP".to_owned(),
            code: "7KQ2-M9XD-04RT-BZ1H".to_owned(),
            order_reference: "RK-3F8Q1ZKD".to_owned(),
            price: "5000 XAF".to_owned(),
            qr_payload: format!("RK1.{}", "A".repeat(140)),
            organizer: "Douala Live (Paren)".to_owned(),
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    #[test]
    fn each_ticket_gets_its_own_page() {
        let pages: Vec<TicketPage> = (0..3).map(ticket).collect();
        let pdf = render(Lang::En, &pages);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-"));
        assert!(text.trim_end().ends_with("%%EOF"));
        let page_objects =
            text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(page_objects, 3);
        assert!(text.contains("/Count 3"));
        assert!(text.contains("/BaseFont /Helvetica-Bold"));
        assert!(text.contains("/Encoding /WinAnsiEncoding"));
        assert!(text.contains("(Present this QR code at the entrance)"));
        assert!(text.contains("(Attendee)"));
        // Parentheses in values are escaped or balanced, never breaking the string.
        assert!(text.contains("Douala Live \\(Paren\\)") || text.contains("Douala Live (Paren)"));
    }

    #[test]
    fn french_labels_are_drawn_in_windows_1252() {
        let pdf = render(Lang::Fr, &[ticket(1)]);
        let text = String::from_utf8_lossy(&pdf);
        // pdf-writer writes non-ASCII strings as hex: é is E9, ’ is 92.
        let note = hex(&win_ansi("Présentez ce code QR à l’entrée"));
        assert!(note.contains("E9") && note.contains("92"));
        assert!(
            text.contains(&format!("<{note}>")),
            "the French note is drawn"
        );
        assert!(text.contains(&format!("<{}>", hex(&win_ansi("Zoé Ngo 1")))));
        assert!(text.contains("(Participant)") && text.contains("(Commande)"));
        assert!(text.contains("/Title"));
    }

    #[test]
    fn the_qr_code_is_drawn_as_filled_rectangles() {
        let pdf = render(Lang::En, &[ticket(1)]);
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.matches(" re\n").count() > 50,
            "one rectangle per run of dark modules"
        );
        assert!(text.contains("\nf"), "filled");
    }

    #[test]
    fn no_tickets_is_still_a_valid_empty_document() {
        let pdf = render(Lang::En, &[]);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(String::from_utf8_lossy(&pdf).contains("/Count 0"));
    }
}
