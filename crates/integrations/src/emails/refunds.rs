//! Emails to buyers about refunds: money sent back, a request turned down, and a payment that
//! arrived after its tickets were sold to others (refunded automatically).

use common::Lang;

use super::layout::{Block, Content, clean, greeting, render};
use crate::mailer::Email;

/// What happened to the buyer's refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundNews {
    /// The gateway sent the money back.
    Refunded,
    /// The request was turned down (the note says why).
    Rejected,
    /// The payment came after the hold ran out and the tickets were gone: it goes back.
    PaidTooLate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundUpdate {
    pub news: RefundNews,
    pub buyer_name: String,
    pub event_title: String,
    pub reference: String,
    /// Formatted with its currency, e.g. `5 000 XAF`.
    pub amount: String,
    pub note: Option<String>,
    pub order_link: String,
}

pub fn refund_update(lang: Lang, to: &str, m: &RefundUpdate) -> Email {
    let event = clean(&m.event_title);
    let amount = clean(&m.amount);
    let reference = clean(&m.reference);
    let (subject, heading, text) = match m.news {
        RefundNews::Refunded => (
            lang.pick(
                "Your refund has been sent",
                "Votre remboursement a été envoyé",
            ),
            lang.pick("Refund sent", "Remboursement envoyé"),
            match lang {
                Lang::En => format!(
                    "We have sent {amount} back for your order {reference} ({event}). Depending on your bank or mobile-money operator, it may take a few days to appear."
                ),
                Lang::Fr => format!(
                    "Nous avons renvoyé {amount} pour votre commande {reference} ({event}). Selon votre banque ou votre opérateur de mobile money, il peut falloir quelques jours pour le voir apparaître."
                ),
            },
        ),
        RefundNews::Rejected => (
            lang.pick(
                "Your refund request was declined",
                "Votre demande de remboursement a été refusée",
            ),
            lang.pick("Refund declined", "Remboursement refusé"),
            match lang {
                Lang::En => format!(
                    "Your request for a refund of {amount} on order {reference} ({event}) was declined. Your tickets remain valid."
                ),
                Lang::Fr => format!(
                    "Votre demande de remboursement de {amount} pour la commande {reference} ({event}) a été refusée. Vos billets restent valables."
                ),
            },
        ),
        RefundNews::PaidTooLate => (
            lang.pick(
                "Your payment arrived too late: it is being refunded",
                "Votre paiement est arrivé trop tard\u{a0}: il vous est remboursé",
            ),
            lang.pick("Payment refunded", "Paiement remboursé"),
            match lang {
                Lang::En => format!(
                    "Your payment of {amount} for order {reference} ({event}) arrived after your reservation had expired, and the tickets were sold out meanwhile. We are sending the money back to you automatically."
                ),
                Lang::Fr => format!(
                    "Votre paiement de {amount} pour la commande {reference} ({event}) est arrivé après l'expiration de votre réservation, et les billets ont été épuisés entre-temps. Nous vous renvoyons automatiquement l'argent."
                ),
            },
        ),
    };
    let mut blocks = vec![Block::Paragraph(text)];
    if let Some(note) = m.note.as_deref().filter(|n| !n.trim().is_empty()) {
        blocks.push(Block::Note(format!(
            "{}{}",
            lang.pick("Note: ", "Remarque\u{a0}: "),
            clean(note)
        )));
    }
    blocks.push(Block::Button {
        label: lang.pick("See my order", "Voir ma commande").to_owned(),
        url: m.order_link.clone(),
    });
    render(
        lang,
        to,
        Content {
            subject: subject.to_owned(),
            heading: heading.to_owned(),
            greeting: greeting(lang, &m.buyer_name),
            blocks,
        },
    )
}
