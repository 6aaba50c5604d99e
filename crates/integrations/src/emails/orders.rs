//! Emails to ticket buyers about their orders: the confirmation that carries the tickets (the PDF
//! itself is attached by the caller, see [`crate::mailer::Attachment::pdf`]) and the notice that
//! an organizer cancelled a booking.

use common::Lang;

use super::layout::{Block, Content, clean, greeting, render};
use crate::mailer::Email;

/// What the confirmation says, already formatted for the buyer's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderConfirmation {
    pub buyer_name: String,
    pub event_title: String,
    /// From [`crate::tickets::format_when`].
    pub when: String,
    pub venue: Option<String>,
    /// The link to join an online event.
    pub online_url: Option<String>,
    /// The order reference, `RK-…`.
    pub reference: String,
    /// The buyer's order page (tickets, PDF download).
    pub order_link: String,
    /// Formatted with its currency, e.g. `10 700 XAF`.
    pub total: String,
    /// One entry per ticket: (ticket type, attendee, ticket code).
    pub tickets: Vec<(String, String, String)>,
}

/// Confirms a paid (or free) order; the ticket PDF goes in [`Email::attachments`].
pub fn order_confirmation(lang: Lang, to: &str, m: &OrderConfirmation) -> Email {
    let event = clean(&m.event_title);
    let reference = clean(&m.reference);
    let mut details = vec![
        (lang.pick("Event", "Événement").to_owned(), event.clone()),
        (lang.pick("When", "Date").to_owned(), clean(&m.when)),
    ];
    if let Some(venue) = &m.venue {
        details.push((lang.pick("Where", "Lieu").to_owned(), clean(venue)));
    }
    details.push((lang.pick("Order", "Commande").to_owned(), reference.clone()));
    details.push((lang.pick("Total", "Total").to_owned(), clean(&m.total)));
    let tickets = m
        .tickets
        .iter()
        .map(|(kind, attendee, code)| {
            let attendee = clean(attendee);
            let label = if attendee.is_empty() {
                clean(kind)
            } else {
                format!("{} · {attendee}", clean(kind))
            };
            (label, clean(code))
        })
        .collect();

    let mut blocks = vec![
        Block::Paragraph(match lang {
            Lang::En => format!(
                "Thank you for your order! Your tickets for {event} are attached to this email as a PDF: print them or show them on your phone at the entrance."
            ),
            Lang::Fr => format!(
                "Merci pour votre commande\u{a0}! Vos billets pour {event} sont joints à cet e-mail au format PDF\u{a0}: imprimez-les ou présentez-les sur votre téléphone à l'entrée."
            ),
        }),
        Block::Details(details),
        Block::Details(tickets),
    ];
    if let Some(url) = &m.online_url {
        blocks.push(Block::Button {
            label: lang
                .pick("Join the event online", "Rejoindre l'événement en ligne")
                .to_owned(),
            url: url.clone(),
        });
    }
    blocks.push(Block::Button {
        label: lang.pick("View my order", "Voir ma commande").to_owned(),
        url: m.order_link.clone(),
    });
    blocks.push(Block::Note(
        lang.pick(
            "Each ticket's QR code is accepted only once at the entrance, so keep it to yourself. Your order page also has your tickets if you lose this email.",
            "Le code QR de chaque billet n'est accepté qu'une seule fois à l'entrée\u{a0}: ne le partagez pas. Vous retrouverez aussi vos billets sur la page de votre commande si vous perdez cet e-mail.",
        )
        .to_owned(),
    ));

    let content = Content {
        subject: match lang {
            Lang::En => format!("Your tickets for {event} – {reference}"),
            Lang::Fr => format!("Vos billets pour {event} – {reference}"),
        },
        heading: match lang {
            Lang::En => format!("Your tickets for {event}"),
            Lang::Fr => format!("Vos billets pour {event}"),
        },
        greeting: greeting(lang, &m.buyer_name),
        blocks,
    };
    render(lang, to, content)
}

/// Tells the buyer that the organizer cancelled their booking, with the organizer's reason if given.
pub fn order_cancelled(
    lang: Lang,
    to: &str,
    buyer_name: &str,
    event_title: &str,
    reference: &str,
    reason: Option<&str>,
) -> Email {
    let event = clean(event_title);
    let reference = clean(reference);
    let mut blocks = vec![Block::Paragraph(match lang {
        Lang::En => format!(
            "The organizer of {event} has cancelled your booking {reference}. Its tickets are no longer valid and will be refused at the entrance."
        ),
        Lang::Fr => format!(
            "L'organisateur de {event} a annulé votre réservation {reference}. Ses billets ne sont plus valables et seront refusés à l'entrée."
        ),
    })];
    if let Some(reason) = reason.map(clean).filter(|r| !r.is_empty()) {
        blocks.push(Block::Details(vec![(
            lang.pick(
                "Reason given by the organizer",
                "Motif indiqué par l'organisateur",
            )
            .to_owned(),
            reason,
        )]));
    }
    blocks.push(Block::Note(
        lang.pick(
            "If you have questions about this cancellation or a refund, please contact the organizer of the event.",
            "Pour toute question sur cette annulation ou sur un remboursement, contactez l'organisateur de l'événement.",
        )
        .to_owned(),
    ));
    let content = Content {
        subject: match lang {
            Lang::En => format!("Your booking for {event} was cancelled – {reference}"),
            Lang::Fr => format!("Votre réservation pour {event} a été annulée – {reference}"),
        },
        heading: lang
            .pick(
                "Your booking was cancelled",
                "Votre réservation a été annulée",
            )
            .to_owned(),
        greeting: greeting(lang, buyer_name),
        blocks,
    };
    render(lang, to, content)
}
