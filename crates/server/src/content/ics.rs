//! "Add to calendar": one event as an RFC 5545 iCalendar file (`METHOD:PUBLISH`, times in UTC).
//!
//! Hand-written rather than the `icalendar` crate: the output is a dozen fixed lines, and the
//! crate would add `iso8601` and `nom`, escapes every value as TEXT (URIs included), does not
//! normalise `\r` in text, and stamps `DTSTAMP` from the system clock, which tests cannot pin.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

/// The event as the calendar file describes it. Times are instants; `timezone` (an IANA name
/// such as `Africa/Douala`) is only a display hint for clients (`X-WR-TIMEZONE`).
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    /// Stable across updates of the same event (e.g. `event-<uuid>@reckot.example`), so
    /// calendars replace instead of duplicating.
    pub uid: String,
    pub title: &'a str,
    /// Plain text; newlines are kept.
    pub description: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: &'a str,
    pub location: Option<String>,
    /// The public event page.
    pub url: String,
    pub organizer_name: &'a str,
    /// Bump on every published change so clients take the new version.
    pub sequence: u32,
}

/// The `.ics` file for `e`, stamped now. Prefer [`event_ics_stamped`] with the app clock.
pub fn event_ics(e: &IcsEvent<'_>) -> String {
    event_ics_stamped(e, Utc::now())
}

/// The `.ics` file for `e`, with `DTSTAMP` (when this file was generated) given by the caller.
///
/// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
/// `DTEND` is left out when it is not after `DTSTART` (RFC 5545 forbids it; without it the
/// event is an instant rather than an invalid file).
pub fn event_ics_stamped(e: &IcsEvent<'_>, dtstamp: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Reckot//Reckot Events//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let timezone = uri(e.timezone);
    if !timezone.is_empty() {
        lines.push(format!("X-WR-TIMEZONE:{}", text(&timezone)));
    }
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}", text(&e.uid)));
    lines.push(format!("DTSTAMP:{}", utc(dtstamp)));
    lines.push(format!("DTSTART:{}", utc(e.starts_at)));
    if e.ends_at > e.starts_at {
        lines.push(format!("DTEND:{}", utc(e.ends_at)));
    }
    lines.push(format!("SEQUENCE:{}", e.sequence));
    lines.push(format!("SUMMARY:{}", text(e.title)));
    if !e.description.trim().is_empty() {
        lines.push(format!("DESCRIPTION:{}", text(e.description)));
    }
    if let Some(location) = e.location.as_deref().filter(|l| !l.trim().is_empty()) {
        lines.push(format!("LOCATION:{}", text(location)));
    }
    lines.push(format!("URL:{}", uri(&e.url)));
    // RFC 5546 wants an ORGANIZER in a PUBLISH; it is a URI, and the event page is the one we have.
    lines.push(format!(
        "ORGANIZER;CN={}:{}",
        param(e.organizer_name),
        uri(&e.url)
    ));
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:OPAQUE".into());
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());

    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 8).sum());
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, `;` and `,` escaped, any line break as `\n`,
/// other control characters (which TEXT cannot hold) dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF is one line break, not two.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value is not TEXT-escaped; control characters are dropped so that nothing can end the
/// line and start another property.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A quoted parameter value: it may not contain `"` or control characters at all (RFC 5545
/// §3.2; RFC 6868's `^'` escapes are not widely read), so `"` becomes `'`.
fn param(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '"' { '\'' } else { c })
        .collect();
    format!("\"{cleaned}\"")
}

/// Appends `line` with CRLF, folded so that no physical line exceeds 75 octets (RFC 5545
/// §3.1): continuation lines start with one space, which counts towards their 75.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut rest = line;
    let mut budget = LIMIT;
    while rest.len() > budget {
        let mut cut = budget;
        // Back off to a character boundary; a UTF-8 character is at most 4 bytes.
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        let _ = write!(out, "{head}\r\n ");
        rest = tail;
        budget = LIMIT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use chrono::TimeZone;

    use super::*;

    fn event<'a>(title: &'a str, description: &'a str) -> IcsEvent<'a> {
        IcsEvent {
            uid: "event-42@reckot.test".into(),
            title,
            description,
            starts_at: Utc.with_ymd_and_hms(2026, 12, 31, 19, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 1, 1, 2, 0, 0).unwrap(),
            timezone: "Africa/Douala",
            location: Some("Palais des Congrès, Yaoundé".into()),
            url: "https://reckot.test/e/nouvel-an?ref=ics,1".into(),
            organizer_name: "Les \"Amis\" du Jazz",
            sequence: 3,
        }
    }

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
    }

    /// Undo folding (RFC 5545 §3.1) to read logical lines back.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_calendar_has_the_required_properties_in_utc() {
        let ics = event_ics_stamped(&event("Nouvel An", "Soirée"), stamp());
        let lines = unfold(&ics);
        for expected in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Reckot//Reckot Events//EN",
            "METHOD:PUBLISH",
            "X-WR-TIMEZONE:Africa/Douala",
            "BEGIN:VEVENT",
            "UID:event-42@reckot.test",
            "DTSTAMP:20261125T080000Z",
            "DTSTART:20261231T193000Z",
            "DTEND:20270101T020000Z",
            "SEQUENCE:3",
            "SUMMARY:Nouvel An",
            "DESCRIPTION:Soirée",
            "LOCATION:Palais des Congrès\\, Yaoundé",
            "URL:https://reckot.test/e/nouvel-an?ref=ics,1",
            "ORGANIZER;CN=\"Les 'Amis' du Jazz\":https://reckot.test/e/nouvel-an?ref=ics,1",
            "END:VEVENT",
            "END:VCALENDAR",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "missing {expected:?} in {lines:#?}"
            );
        }
        assert!(lines[0] == "BEGIN:VCALENDAR" && lines[lines.len() - 2] == "END:VCALENDAR");
        assert_eq!(
            lines.last().map(String::as_str),
            Some(""),
            "the file ends with CRLF"
        );
    }

    #[test]
    fn text_values_escape_backslash_semicolon_comma_and_newlines() {
        let ics = event_ics_stamped(
            &event("A; B, C\\D", "one\r\ntwo\nthree\rfour\u{7}"),
            stamp(),
        );
        let lines = unfold(&ics);
        assert!(
            lines.contains(&"SUMMARY:A\\; B\\, C\\\\D".to_owned()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(&"DESCRIPTION:one\\ntwo\\nthree\\nfour".to_owned()),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_newline_in_a_value_cannot_start_a_new_property() {
        let mut e = event("x\r\nATTACH:https://evil.test", "d");
        e.url = "https://reckot.test/e\r\nATTACH:https://evil.test".into();
        let ics = event_ics_stamped(&e, stamp());
        assert!(!ics.contains("\r\nATTACH"), "{ics}");
    }

    #[test]
    fn every_line_ends_with_crlf_and_no_bare_line_feed_or_carriage_return_exists() {
        let ics = event_ics_stamped(&event("Titre\navec\rretours", "a\nb\r\nc"), stamp());
        assert!(ics.ends_with("\r\n"));
        let bytes = ics.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}");
            }
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
            }
        }
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_accents_or_emoji() {
        let description = "Soirée dansante à l'hôtel 🎉🎶 avec orchestre, buffet, élégance "
            .repeat(8)
            + "et 👨‍👩‍👧 familles bienvenues — ça va être génial ! ééééééééééééééééééééééééééééééééééééééééééé";
        let e = event(
            "Réveillon de la Saint-Sylvestre 🎆 au bord du lac, édition spéciale 2026",
            &description,
        );
        let ics = event_ics_stamped(&e, stamp());
        let physical: Vec<&str> = ics.split("\r\n").collect();
        assert!(
            physical.iter().any(|l| l.starts_with(' ')),
            "something was folded"
        );
        for line in &physical {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        // `split` would have panicked on a split character; unfolding gives back the exact text.
        let lines = unfold(&ics);
        let expected_description = format!("DESCRIPTION:{}", text(&description));
        assert!(lines.contains(&expected_description), "{lines:#?}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("SUMMARY:Réveillon") && l.contains("🎆"))
        );
    }

    #[test]
    fn folding_is_exact_at_the_limit() {
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a\r\n", "a".repeat(75)));
        let mut out = String::new();
        // 74 ASCII octets then a 2-octet "é" straddling octet 75: it moves to the next line whole.
        fold_into(&mut out, &format!("{}éz", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n éz\r\n", "a".repeat(74)));
    }

    #[test]
    fn an_end_not_after_the_start_is_left_out() {
        let mut e = event("t", "d");
        e.ends_at = e.starts_at;
        let ics = event_ics_stamped(&e, stamp());
        assert!(!ics.contains("DTEND"), "{ics}");
    }

    #[test]
    fn an_absent_location_is_left_out() {
        let mut e = event("t", "d");
        e.location = None;
        assert!(!event_ics_stamped(&e, stamp()).contains("LOCATION"));
    }

    #[test]
    fn the_unstamped_version_uses_the_current_time() {
        let before = Utc::now();
        let ics = event_ics(&event("t", "d"));
        let stamp_line = unfold(&ics)
            .into_iter()
            .find(|l| l.starts_with("DTSTAMP:"))
            .unwrap();
        assert!(
            stamp_line >= format!("DTSTAMP:{}", utc(before)),
            "{stamp_line}"
        );
    }
}
