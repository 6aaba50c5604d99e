//! An event's date and time for people: in the event's own time zone, named after it, in English or
//! French. Day and month names are written out here rather than taken from chrono's
//! `unstable-locales`, which would pull every locale into the build for two languages.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use common::Lang;

const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS_EN: [&str; 12] = [
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
const MONTHS_FR: [&str; 12] = [
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

/// `Saturday 12 December 2026, 20:00 – 23:30 (Africa/Douala)`, or with both dates when the event
/// ends on another local day. An unknown time zone name falls back to UTC, and says so.
pub fn format_when(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    timezone: &str,
    lang: Lang,
) -> String {
    let tz: Tz = timezone.parse().unwrap_or(Tz::UTC);
    let start = starts_at.with_timezone(&tz);
    let end = ends_at.with_timezone(&tz);
    let end_part = if start.date_naive() == end.date_naive() {
        time(&end)
    } else {
        format!("{}, {}", date(&end, lang), time(&end))
    };
    format!(
        "{}, {} – {end_part} ({})",
        date(&start, lang),
        time(&start),
        tz.name()
    )
}

fn date(at: &DateTime<Tz>, lang: Lang) -> String {
    let weekday = at.weekday().num_days_from_monday() as usize;
    let month = at.month0() as usize;
    match lang {
        Lang::En => format!(
            "{} {} {} {}",
            DAYS_EN[weekday],
            at.day(),
            MONTHS_EN[month],
            at.year()
        ),
        // French writes the first of the month as an ordinal: « 1er mai ».
        Lang::Fr => {
            let day = match at.day() {
                1 => "1er".to_owned(),
                d => d.to_string(),
            };
            format!(
                "{} {day} {} {}",
                DAYS_FR[weekday],
                MONTHS_FR[month],
                at.year()
            )
        }
    }
}

fn time(at: &DateTime<Tz>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        match Utc.with_ymd_and_hms(y, mo, d, h, mi, 0) {
            chrono::LocalResult::Single(at) => at,
            _ => panic!("invalid test date"),
        }
    }

    #[test]
    fn an_evening_in_douala_reads_in_local_time_in_both_languages() {
        // Douala is UTC+1 all year.
        let (start, end) = (utc(2026, 12, 12, 19, 0), utc(2026, 12, 12, 22, 30));
        assert_eq!(
            format_when(start, end, "Africa/Douala", Lang::En),
            "Saturday 12 December 2026, 20:00 – 23:30 (Africa/Douala)"
        );
        assert_eq!(
            format_when(start, end, "Africa/Douala", Lang::Fr),
            "samedi 12 décembre 2026, 20:00 – 23:30 (Africa/Douala)"
        );
    }

    #[test]
    fn a_night_that_is_still_saturday_in_utc_is_already_sunday_in_douala() {
        let (start, end) = (utc(2026, 12, 12, 23, 30), utc(2026, 12, 13, 3, 0));
        assert_eq!(
            format_when(start, end, "Africa/Douala", Lang::En),
            "Sunday 13 December 2026, 00:30 – 04:00 (Africa/Douala)"
        );
    }

    #[test]
    fn an_event_ending_on_another_day_shows_both_dates() {
        let (start, end) = (utc(2026, 4, 30, 20, 0), utc(2026, 5, 1, 2, 0));
        assert_eq!(
            format_when(start, end, "Europe/Paris", Lang::Fr),
            "jeudi 30 avril 2026, 22:00 – vendredi 1er mai 2026, 04:00 (Europe/Paris)"
        );
        assert_eq!(
            format_when(start, end, "Europe/Paris", Lang::En),
            "Thursday 30 April 2026, 22:00 – Friday 1 May 2026, 04:00 (Europe/Paris)"
        );
    }

    #[test]
    fn an_unknown_time_zone_falls_back_to_utc_and_says_so() {
        let (start, end) = (utc(2026, 12, 12, 19, 0), utc(2026, 12, 12, 22, 30));
        assert_eq!(
            format_when(start, end, "Mars/Olympus_Mons", Lang::En),
            "Saturday 12 December 2026, 19:00 – 22:30 (UTC)"
        );
    }
}
