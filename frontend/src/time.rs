//! Wall-clock times in an event's IANA time zone, through the browser's `Intl.DateTimeFormat`
//! (no time-zone database in the wasm): `datetime-local` values to and from UTC instants, and
//! dates and times for reading, in the event's zone or the viewer's.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use common::Lang;
use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Where most Reckot events happen.
pub const DEFAULT_TZ: &str = "Africa/Douala";

/// The zones offered in the event form: Africa first, then Europe (the diaspora), then UTC.
pub const TIME_ZONES: [&str; 32] = [
    "Africa/Douala",
    "Africa/Lagos",
    "Africa/Libreville",
    "Africa/Kinshasa",
    "Africa/Brazzaville",
    "Africa/Ndjamena",
    "Africa/Bangui",
    "Africa/Malabo",
    "Africa/Abidjan",
    "Africa/Dakar",
    "Africa/Accra",
    "Africa/Lome",
    "Africa/Porto-Novo",
    "Africa/Ouagadougou",
    "Africa/Bamako",
    "Africa/Niamey",
    "Africa/Lubumbashi",
    "Africa/Kigali",
    "Africa/Nairobi",
    "Africa/Kampala",
    "Africa/Dar_es_Salaam",
    "Africa/Addis_Ababa",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Europe/London",
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "UTC",
];

/// `Africa/Dar_es_Salaam` -> `Africa/Dar es Salaam`.
pub fn zone_label(tz: &str) -> String {
    tz.replace('_', " ")
}

/// An `Intl.DateTimeFormat`, or `None` when the zone (or locale) is refused.
fn formatter(
    locale: &str,
    tz: Option<&str>,
    opts: &[(&str, &str)],
) -> Option<Intl::DateTimeFormat> {
    let options = Object::new();
    for (k, v) in opts {
        Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    if let Some(tz) = tz {
        Reflect::set(
            &options,
            &JsValue::from_str("timeZone"),
            &JsValue::from_str(tz),
        )
        .ok()?;
    }
    // Built through Reflect so that an unknown zone is an `Err` here, not a thrown exception.
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let ctor: Function = Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::of2(&JsValue::from_str(locale), &options);
    Reflect::construct(&ctor, &args)
        .ok()
        .map(JsCast::unchecked_into)
}

fn js_date(at: &DateTime<Utc>) -> Date {
    Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
}

/// Whether the browser knows this IANA zone.
pub fn is_known_zone(tz: &str) -> bool {
    formatter("en-US", Some(tz), &[]).is_some()
}

/// The viewer's own zone, e.g. `Europe/Paris` (UTC when the browser does not say).
pub fn viewer_tz() -> String {
    formatter("en-US", None, &[])
        .and_then(|f| Reflect::get(&f.resolved_options(), &JsValue::from_str("timeZone")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The wall-clock reading of `at` in `tz`.
fn wall_clock(at: &DateTime<Utc>, tz: &str) -> Option<NaiveDateTime> {
    let f = formatter(
        "en-US",
        Some(tz),
        &[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
            ("hourCycle", "h23"),
        ],
    )?;
    let parts = f.format_to_parts(&js_date(at));
    let mut fields = [0u32; 6];
    for part in parts.iter() {
        let kind = Reflect::get(&part, &JsValue::from_str("type"))
            .ok()?
            .as_string()?;
        let value = Reflect::get(&part, &JsValue::from_str("value"))
            .ok()?
            .as_string()?;
        let slot = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        fields[slot] = value.parse().ok()?;
    }
    let [y, mo, d, h, mi, s] = fields;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, mo, d)?.and_hms_opt(h % 24, mi, s)
}

/// How far `tz` is ahead of UTC at `at`.
fn offset(at: &DateTime<Utc>, tz: &str) -> Option<Duration> {
    Some(wall_clock(at, tz)? - at.naive_utc())
}

/// The instant a wall-clock time in `tz` stands for. In the hour skipped by a DST change the
/// later offset wins; in a repeated hour, the first one.
pub fn local_to_utc(local: NaiveDateTime, tz: &str) -> Option<DateTime<Utc>> {
    let guess = local.and_utc();
    let first = offset(&guess, tz)?;
    let candidate = guess - first;
    let second = offset(&candidate, tz)?;
    Some(if second == first {
        candidate
    } else {
        guess - second
    })
}

/// Parses an `<input type="datetime-local">` value (`2026-12-05T19:30`, seconds optional).
/// By hand rather than with chrono's format strings, which weigh on the wasm.
pub fn parse_input(value: &str) -> Option<NaiveDateTime> {
    let (date, time) = value.trim().split_once('T')?;
    let mut t = time.split(':');
    let h = t.next()?.parse().ok()?;
    let mi = t.next()?.parse().ok()?;
    let s = match t.next() {
        Some(sec) => sec.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if t.next().is_some() {
        return None;
    }
    parse_date(date)?.and_hms_opt(h, mi, s)
}

/// Parses `YYYY-MM-DD` (an `<input type="date">` value).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let mut p = value.trim().splitn(3, '-');
    let y = p.next()?;
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        y.parse().ok()?,
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
    )
}

/// `YYYY-MM-DD`.
pub fn date_string(d: &NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn input_string(w: &NaiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        date_string(&w.date()),
        w.hour(),
        w.minute()
    )
}

/// A `datetime-local` value typed in `tz`, as UTC.
pub fn input_to_utc(value: &str, tz: &str) -> Option<DateTime<Utc>> {
    local_to_utc(parse_input(value)?, tz)
}

/// `at` as a `datetime-local` value in `tz`.
pub fn utc_to_input(at: &DateTime<Utc>, tz: &str) -> String {
    wall_clock(at, tz)
        .map(|w| input_string(&w))
        .unwrap_or_default()
}

const LONG: [(&str, &str); 7] = [
    ("weekday", "short"),
    ("day", "numeric"),
    ("month", "short"),
    ("year", "numeric"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
    ("timeZoneName", "short"),
];

/// `Sat, 5 Dec 2026, 19:30 WAT`, in `tz` (the viewer's when `None`).
pub fn format_datetime(at: &DateTime<Utc>, tz: Option<&str>, lang: Lang) -> String {
    let tz = tz.filter(|z| is_known_zone(z));
    formatter(lang.as_str(), tz, &LONG)
        .and_then(|f| f.format().call1(&f, &js_date(at)).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{} UTC", input_string(&at.naive_utc()).replace('T', " ")))
}

/// `Sat, 5 Dec 2026, 19:30 – 23:00 WAT`: a start and an end, said as briefly as they allow.
pub fn format_range(
    start: &DateTime<Utc>,
    end: &DateTime<Utc>,
    tz: Option<&str>,
    lang: Lang,
) -> String {
    let tz = tz.filter(|z| is_known_zone(z));
    formatter(lang.as_str(), tz, &LONG)
        .and_then(|f| f.format_range(&js_date(start), &js_date(end)).ok())
        .map(String::from)
        .unwrap_or_else(|| {
            format!(
                "{} – {}",
                format_datetime(start, tz, lang),
                format_datetime(end, tz, lang)
            )
        })
}

/// `5 Dec 2026, 19:30` in `tz`, for lists and cards.
pub fn format_short(at: &DateTime<Utc>, tz: &str, lang: Lang) -> String {
    let tz = Some(tz).filter(|z| is_known_zone(z));
    formatter(
        lang.as_str(),
        tz,
        &[
            ("weekday", "short"),
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ],
    )
    .and_then(|f| f.format().call1(&f, &js_date(at)).ok())
    .and_then(|v| v.as_string())
    .unwrap_or_else(|| input_string(&at.naive_utc()).replace('T', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_values_parse_and_print_back() {
        let v = parse_input("2026-12-05T19:30");
        assert_eq!(v.map(|w| input_string(&w)), Some("2026-12-05T19:30".into()));
        assert!(parse_input("2026-12-05T19:30:15").is_some());
        assert!(parse_input("2026-13-05T19:30").is_none());
        assert!(parse_input("05/12/2026 19:30").is_none());
        assert_eq!(
            parse_date("2026-02-03").map(|d| date_string(&d)),
            Some("2026-02-03".into())
        );
        assert!(parse_date("26-02-03").is_none());
    }
}
