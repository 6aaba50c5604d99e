//! Checks every template in both languages: links present in both parts, French copy in French,
//! and interpolated values escaped in HTML.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use common::Lang;

use super::*;

const LINK: &str = "https://reckot.test/auth/verify?token=abc123&next=/orgs";
const LOGIN: &str = "https://reckot.test/login?email=jane%40example.com";
const RESET: &str = "https://reckot.test/forgot-password?src=signup&x=1";
const ORDER: &str = "https://reckot.test/orders/RK-3F8Q1ZKD?token=t0k&lang=fr";
const ONLINE: &str = "https://meet.example.com/jazz?pwd=a&b=1";

fn confirmation(event_title: &str) -> OrderConfirmation {
    OrderConfirmation {
        buyer_name: "Jane".to_owned(),
        event_title: event_title.to_owned(),
        when: "samedi 12 décembre 2026, 20:00 – 23:30 (Africa/Douala)".to_owned(),
        venue: Some("Institut français, Bonanjo".to_owned()),
        online_url: Some(ONLINE.to_owned()),
        reference: "RK-3F8Q1ZKD".to_owned(),
        order_link: ORDER.to_owned(),
        total: "10700 XAF".to_owned(),
        tickets: vec![
            (
                "VIP".to_owned(),
                "Jane Doe".to_owned(),
                "7KQ2-M9XD-04RT-BZ1H".to_owned(),
            ),
            (
                "Standard".to_owned(),
                "Zoé Ngo".to_owned(),
                "0123-4567-89AB-CDEF".to_owned(),
            ),
        ],
    }
}

/// Each template with the links it must carry.
fn all_templates(lang: Lang) -> Vec<(&'static str, Email, Vec<&'static str>)> {
    vec![
        (
            "verify_email",
            verify_email(lang, "jane@example.com", "Jane", LINK),
            vec![LINK],
        ),
        (
            "account_exists",
            account_exists(lang, "jane@example.com", "Jane", LOGIN, RESET),
            vec![LOGIN, RESET],
        ),
        (
            "password_reset",
            password_reset(lang, "jane@example.com", "Jane", LINK),
            vec![LINK],
        ),
        (
            "password_changed",
            password_changed(lang, "jane@example.com", "Jane"),
            vec![],
        ),
        (
            "invitation",
            invitation(
                lang,
                "sam@example.com",
                "Douala Live",
                "Jane Doe",
                "Manager",
                LINK,
            ),
            vec![LINK],
        ),
        (
            "order_confirmation",
            order_confirmation(lang, "jane@example.com", &confirmation("Douala Jazz Night")),
            vec![ONLINE, ORDER],
        ),
        (
            "order_cancelled",
            order_cancelled(
                lang,
                "jane@example.com",
                "Jane",
                "Douala Jazz Night",
                "RK-3F8Q1ZKD",
                Some("The venue is closed"),
            ),
            vec![],
        ),
    ]
}

#[test]
fn every_template_carries_its_links_in_both_the_text_and_the_html_part() {
    for lang in Lang::ALL {
        for (template, email, links) in all_templates(lang) {
            for link in links {
                assert!(
                    email.text.contains(link),
                    "{template} {lang:?} text lacks {link}"
                );
                let escaped = escape_html(link);
                assert!(
                    email.html.contains(&format!("href=\"{escaped}\"")),
                    "{template} {lang:?} html lacks a button to {link}"
                );
                assert!(
                    email.html.contains(&format!(">{escaped}</a>")),
                    "{template} {lang:?} html lacks the raw fallback link {link}"
                );
            }
        }
    }
}

#[test]
fn every_template_is_complete_and_addressed_to_its_recipient() {
    for lang in Lang::ALL {
        for (template, email, _) in all_templates(lang) {
            assert!(email.to.ends_with("@example.com"), "{template}");
            assert!(!email.subject.trim().is_empty(), "{template}");
            assert!(!email.subject.contains('\n'), "{template}");
            assert!(email.html.starts_with("<!DOCTYPE html>"), "{template}");
            assert!(
                email
                    .html
                    .contains(&format!("<html lang=\"{}\">", lang.as_str())),
                "{template} declares its language"
            );
            assert!(
                !email.html.contains("<table"),
                "{template} stays table-free"
            );
            assert!(
                !email.text.contains('<'),
                "{template} text part has no markup"
            );
            assert!(email.text.contains("Reckot"), "{template}");
        }
    }
}

#[test]
fn french_versions_are_written_in_french() {
    let english = all_templates(Lang::En);
    let french = all_templates(Lang::Fr);
    for ((template, en, _), (_, fr, _)) in english.iter().zip(&french) {
        assert_ne!(en.subject, fr.subject, "{template} subject is translated");
        assert_ne!(en.text, fr.text, "{template} text is translated");
        assert!(
            fr.text.contains("Bonjour") && fr.html.contains("Bonjour"),
            "{template} greets in French"
        );
        assert!(
            fr.text.contains("vous") || fr.text.contains("votre"),
            "{template} addresses the reader in French"
        );
        assert!(en.text.contains("Hello"), "{template} greets in English");
        assert!(!en.text.contains("Bonjour"), "{template}");
    }
    let (_, verify_fr, _) = &french[0];
    assert!(verify_fr.subject.contains("Confirmez votre adresse e-mail"));
    let (_, reset_fr, _) = &french[2];
    assert!(
        reset_fr.subject.contains("Réinitialisez"),
        "accents are kept"
    );
}

#[test]
fn interpolated_values_are_escaped_in_html_and_flattened_in_text() {
    let hostile = "<script>alert(1)</script> & \"Co\"\r\nBcc: evil@example.com";
    let email = invitation(
        Lang::En,
        "sam@example.com",
        hostile,
        hostile,
        "Manager",
        LINK,
    );

    assert!(!email.html.contains("<script>"), "{}", email.html);
    assert!(
        email
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;")
    );
    assert!(!email.subject.contains('\n') && !email.subject.contains('\r'));
    assert!(
        email.subject.contains("\"Co\" Bcc: evil@example.com"),
        "{}",
        email.subject
    );

    let greeted = password_reset(Lang::Fr, "x@example.com", "Zoé <b>", LINK);
    assert!(greeted.text.starts_with("Bonjour Zoé <b>,\n"));
    assert!(greeted.html.contains("Bonjour Zoé &lt;b&gt;,"));
}

#[test]
fn an_unknown_name_gives_a_plain_greeting() {
    let email = verify_email(Lang::En, "x@example.com", "  ", LINK);
    assert!(email.text.starts_with("Hello,\n"));
    let email = verify_email(Lang::Fr, "x@example.com", "", LINK);
    assert!(email.text.starts_with("Bonjour,\n"));
}

#[test]
fn the_invitation_names_the_organization_the_inviter_and_the_role() {
    let email = invitation(
        Lang::Fr,
        "sam@example.com",
        "Douala Live",
        "Jane Doe",
        "Gestionnaire",
        LINK,
    );
    assert_eq!(
        email.subject,
        "Jane Doe vous invite à rejoindre Douala Live sur Reckot"
    );
    assert!(email.text.contains("en tant que Gestionnaire"));
}

#[test]
fn escape_html_covers_the_five_special_characters() {
    assert_eq!(
        escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
    );
}

#[test]
fn the_order_confirmation_lists_every_ticket_and_says_the_pdf_is_attached() {
    let en = order_confirmation(
        Lang::En,
        "jane@example.com",
        &confirmation("Douala Jazz Night"),
    );
    assert_eq!(
        en.subject,
        "Your tickets for Douala Jazz Night – RK-3F8Q1ZKD"
    );
    assert!(en.text.contains("attached to this email as a PDF"));
    assert!(
        en.text.contains("VIP · Jane Doe: 7KQ2-M9XD-04RT-BZ1H"),
        "{}",
        en.text
    );
    assert!(en.text.contains("Total: 10700 XAF"));
    assert!(en.html.contains("<strong>0123-4567-89AB-CDEF</strong>"));
    assert!(en.attachments.is_empty(), "the caller attaches the PDF");

    let fr = order_confirmation(Lang::Fr, "jane@example.com", &confirmation("Nuit du jazz"));
    assert_eq!(fr.subject, "Vos billets pour Nuit du jazz – RK-3F8Q1ZKD");
    assert!(fr.text.contains("joints à cet e-mail au format PDF"));
    assert!(
        fr.text
            .contains("Standard · Zoé Ngo\u{a0}: 0123-4567-89AB-CDEF")
    );
    assert!(fr.html.contains("Voir ma commande"));
}

#[test]
fn an_order_without_a_venue_or_an_online_link_leaves_them_out() {
    let mut m = confirmation("Douala Jazz Night");
    m.venue = None;
    m.online_url = None;
    let email = order_confirmation(Lang::En, "jane@example.com", &m);
    assert!(!email.text.contains("Where:"));
    assert!(!email.text.contains(ONLINE));
    assert!(email.text.contains(ORDER));
}

#[test]
fn a_hostile_event_title_is_escaped_in_order_emails() {
    let hostile = "<script>alert(1)</script> & \"Co\"\r\nBcc: evil@example.com";
    for lang in Lang::ALL {
        for email in [
            order_confirmation(lang, "jane@example.com", &confirmation(hostile)),
            order_cancelled(
                lang,
                "jane@example.com",
                hostile,
                hostile,
                "RK-1",
                Some(hostile),
            ),
        ] {
            assert!(!email.html.contains("<script>"), "{}", email.html);
            assert!(
                email
                    .html
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;")
            );
            assert!(!email.subject.contains(['\r', '\n']), "{}", email.subject);
            assert!(!email.text.contains("\r\nBcc"));
        }
    }
}

#[test]
fn the_cancellation_names_the_booking_and_the_reason_when_there_is_one() {
    let en = order_cancelled(
        Lang::En,
        "jane@example.com",
        "Jane",
        "Douala Jazz Night",
        "RK-3F8Q1ZKD",
        Some("The venue is closed"),
    );
    assert_eq!(
        en.subject,
        "Your booking for Douala Jazz Night was cancelled – RK-3F8Q1ZKD"
    );
    assert!(en.text.contains("cancelled your booking RK-3F8Q1ZKD"));
    assert!(
        en.text
            .contains("Reason given by the organizer: The venue is closed")
    );

    let fr = order_cancelled(
        Lang::Fr,
        "jane@example.com",
        "Jane",
        "Nuit du jazz",
        "RK-3F8Q1ZKD",
        Some("  "),
    );
    assert_eq!(
        fr.subject,
        "Votre réservation pour Nuit du jazz a été annulée – RK-3F8Q1ZKD"
    );
    assert!(!fr.text.contains("Motif"), "a blank reason is left out");
    assert!(fr.text.contains("a annulé votre réservation RK-3F8Q1ZKD"));
}
