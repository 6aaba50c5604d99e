//! The shared shape of every transactional email: a greeting, blocks of copy and buttons, and a
//! footer, rendered once as plain text and once as simple inline-styled HTML (no tables, no
//! external assets) so both parts always say the same thing.

use common::Lang;

use crate::mailer::Email;

pub(super) enum Block {
    Paragraph(String),
    /// A call to action: a button in HTML, with the raw link underneath for clients that block
    /// buttons; `label:` followed by the link in text.
    Button {
        label: String,
        url: String,
    },
    /// Secondary copy (security notes), smaller in HTML.
    Note(String),
    /// Label and value pairs (an order's reference, its tickets): `label: value` lines in text,
    /// a label above each bold value in HTML.
    Details(Vec<(String, String)>),
}

pub(super) struct Content {
    pub subject: String,
    pub heading: String,
    pub greeting: String,
    pub blocks: Vec<Block>,
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Makes a user-supplied value (a name, an organization) safe to drop into a sentence or a subject:
/// control characters such as line breaks become spaces, so a value cannot start a new header line
/// or fake a paragraph.
pub(super) fn clean(value: &str) -> String {
    let spaced: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Hello Jane," or just "Hello," when the name is unknown.
pub(super) fn greeting(lang: Lang, name: &str) -> String {
    let name = clean(name);
    let hello = lang.pick("Hello", "Bonjour");
    if name.is_empty() {
        format!("{hello},")
    } else {
        format!("{hello} {name},")
    }
}

const FONT: &str =
    "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const ACCENT: &str = "#4338ca";

pub(super) fn render(lang: Lang, to: &str, content: Content) -> Email {
    let fallback_intro = lang.pick(
        "If the button doesn't work, copy and paste this link into your browser:",
        "Si le bouton ne fonctionne pas, copiez et collez ce lien dans votre navigateur\u{a0}:",
    );
    let footer = lang.pick(
        "You received this email because this address was used on Reckot, the event ticketing platform.",
        "Vous recevez cet e-mail parce que cette adresse a été utilisée sur Reckot, la plateforme de billetterie.",
    );

    // French puts a non-breaking space before a colon.
    let colon = lang.pick(":", "\u{a0}:");
    let mut text = format!("{}\n\n", content.greeting);
    let mut body = format!(
        "<h1 style=\"font-size:22px;line-height:1.3;margin:0 0 16px\">{}</h1>\n\
         <p style=\"margin:0 0 16px\">{}</p>\n",
        escape_html(&content.heading),
        escape_html(&content.greeting),
    );
    for block in &content.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                text.push_str(&format!("{paragraph}\n\n"));
                body.push_str(&format!(
                    "<p style=\"margin:0 0 16px\">{}</p>\n",
                    escape_html(paragraph)
                ));
            }
            Block::Button { label, url } => {
                text.push_str(&format!("{label}{colon}\n{url}\n\n"));
                let url = escape_html(url);
                body.push_str(&format!(
                    "<p style=\"margin:24px 0 8px\"><a href=\"{url}\" style=\"display:inline-block;\
                     background:{ACCENT};color:#ffffff;text-decoration:none;font-weight:600;\
                     padding:12px 24px;border-radius:6px\">{}</a></p>\n\
                     <p style=\"margin:0 0 24px;font-size:13px;color:#52525b\">{}<br>\
                     <a href=\"{url}\" style=\"color:{ACCENT};word-break:break-all\">{url}</a></p>\n",
                    escape_html(label),
                    escape_html(fallback_intro),
                ));
            }
            Block::Details(rows) => {
                body.push_str("<div style=\"margin:0 0 16px;padding:12px 16px;background:#f4f4f5;border-radius:6px\">\n");
                for (label, value) in rows {
                    text.push_str(&format!("{label}{colon} {value}\n"));
                    body.push_str(&format!(
                        "<p style=\"margin:4px 0\"><span style=\"font-size:13px;color:#52525b\">{}</span><br>\
                         <strong>{}</strong></p>\n",
                        escape_html(label),
                        escape_html(value)
                    ));
                }
                text.push('\n');
                body.push_str("</div>\n");
            }
            Block::Note(note) => {
                text.push_str(&format!("{note}\n\n"));
                body.push_str(&format!(
                    "<p style=\"margin:0 0 16px;font-size:14px;color:#52525b\">{}</p>\n",
                    escape_html(note)
                ));
            }
        }
    }
    text.push_str(&format!("-- \nReckot\n{footer}\n"));

    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background:#f4f4f5\">\n\
         <div style=\"max-width:560px;margin:0 auto;padding:32px 16px;{FONT};font-size:16px;\
         line-height:1.5;color:#18181b\">\n\
         <p style=\"margin:0 0 16px;font-size:20px;font-weight:700;color:{ACCENT}\">Reckot</p>\n\
         <div style=\"background:#ffffff;border-radius:8px;padding:32px 24px\">\n{body}</div>\n\
         <p style=\"margin:16px 0 0;font-size:12px;color:#71717a\">{footer}</p>\n\
         </div>\n</body>\n</html>\n",
        lang = lang.as_str(),
        title = escape_html(&content.subject),
        footer = escape_html(footer),
    );

    Email {
        to: to.to_owned(),
        subject: content.subject,
        text,
        html,
        attachments: Vec::new(),
    }
}
