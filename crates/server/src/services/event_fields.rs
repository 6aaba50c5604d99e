//! Turns an organizer's event input into validated, rendered `EventFields`, collecting every
//! problem as a field error so the form can show them all at once. Also maps rows back to DTOs.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use common::events::{Event, EventStatus, Location, Theme, Visibility};
use common::{Currency, FieldError, Localized};
use db::events::{EventFields, EventRow};
use rust_decimal::Decimal;

use crate::content;

pub const TITLE_MAX: usize = 140;
pub const SUMMARY_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 20_000;
/// Custom CSS is scoped under this class, which the SPA puts on the event page's root element.
pub const THEME_SCOPE: &str = ".event-theme";

#[derive(Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: &str, code: &str, message: &str) {
        self.0.push(FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        });
    }

    pub fn into_result(self) -> Result<(), crate::error::AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::error::AppError::fields(self.0))
        }
    }
}

pub fn split(text: &Localized) -> (Option<String>, Option<String>) {
    let t = text.clone().normalized();
    (t.en, t.fr)
}

pub fn join(en: &Option<String>, fr: &Option<String>) -> Localized {
    Localized {
        en: en.clone(),
        fr: fr.clone(),
    }
}

fn check_text(errors: &mut Errors, field: &str, text: &Localized, max: usize) {
    if text.max_chars() > max {
        errors.push(field, "too_long", &format!("at most {max} characters"));
    }
}

fn e6(value: Option<Decimal>, limit: i64, field: &str, errors: &mut Errors) -> Option<i64> {
    let v = value?;
    let micro = (v * Decimal::from(1_000_000)).round();
    match i64::try_from(micro) {
        Ok(m) if m.abs() <= limit * 1_000_000 => Some(m),
        _ => {
            errors.push(
                field,
                "out_of_range",
                &format!("must be between -{limit} and {limit}"),
            );
            None
        }
    }
}

fn from_e6(v: Option<i64>) -> Option<Decimal> {
    v.map(|m| Decimal::new(m, 6).normalize())
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The editable parts of an event, as the organizer sent them (create and merged update alike).
pub struct EventInput {
    pub title: Localized,
    pub summary: Localized,
    pub description: Localized,
    pub category_id: Option<uuid::Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub location: Location,
    pub visibility: Visibility,
    pub currency: Currency,
    pub theme: Theme,
    pub hold_minutes: u32,
    pub refund_deadline_hours: Option<u32>,
}

/// How long a checkout may hold tickets (minutes).
pub const HOLD_MINUTES: std::ops::RangeInclusive<u32> = 1..=60;
pub const DEFAULT_HOLD_MINUTES: u32 = 15;
/// How long before the start buyers may ask for a refund (hours).
pub const REFUND_DEADLINE_HOURS: std::ops::RangeInclusive<u32> = 0..=8760;

/// Validates and renders; `Err` lists every invalid field.
pub fn build(input: EventInput) -> Result<EventFields, Vec<FieldError>> {
    let mut errors = Errors::default();
    if input.title.is_empty() {
        errors.push(
            "title",
            "required",
            "give the event a title in English or French",
        );
    }
    check_text(&mut errors, "title", &input.title, TITLE_MAX);
    check_text(&mut errors, "summary", &input.summary, SUMMARY_MAX);
    check_text(
        &mut errors,
        "description",
        &input.description,
        DESCRIPTION_MAX,
    );
    if !HOLD_MINUTES.contains(&input.hold_minutes) {
        errors.push("hold_minutes", "out_of_range", "must be between 1 and 60");
    }
    if input
        .refund_deadline_hours
        .is_some_and(|h| !REFUND_DEADLINE_HOURS.contains(&h))
    {
        errors.push(
            "refund_deadline_hours",
            "out_of_range",
            "must be between 0 and 8760 hours (a year)",
        );
    }
    if input.ends_at <= input.starts_at {
        errors.push("ends_at", "before_start", "must be after the start");
    }
    if chrono_tz::Tz::from_str(&input.timezone).is_err() {
        errors.push(
            "timezone",
            "invalid_timezone",
            "use an IANA time zone such as Africa/Douala",
        );
    }
    let loc = &input.location;
    if let Some(country) = clean(&loc.country)
        && (country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        errors.push(
            "location.country",
            "invalid_country",
            "use an ISO 3166 two-letter code",
        );
    }
    if let Some(url) = clean(&loc.online_url)
        && !url.starts_with("https://")
    {
        errors.push(
            "location.online_url",
            "invalid_url",
            "must start with https://",
        );
    }
    let latitude_e6 = e6(loc.latitude, 90, "location.latitude", &mut errors);
    let longitude_e6 = e6(loc.longitude, 180, "location.longitude", &mut errors);
    if loc.latitude.is_some() != loc.longitude.is_some() {
        errors.push(
            "location.longitude",
            "incomplete",
            "give both latitude and longitude",
        );
    }
    for (field, color) in [
        ("theme.primary_color", &input.theme.primary_color),
        ("theme.accent_color", &input.theme.accent_color),
    ] {
        if let Some(c) = clean(color)
            && !content::colors::is_hex_color(&c)
        {
            errors.push(field, "invalid_color", "use a hex color such as #0f766e");
        }
    }
    let custom_css = clean(&input.theme.custom_css);
    let custom_css_scoped = match &custom_css {
        None => None,
        Some(css) => match content::css::scope_css(css, THEME_SCOPE) {
            Ok(scoped) => Some(scoped),
            Err(issues) => {
                for issue in issues {
                    errors.push("theme.custom_css", issue.code, &css_message(&issue));
                }
                None
            }
        },
    };
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    let (title_en, title_fr) = split(&input.title);
    let (summary_en, summary_fr) = split(&input.summary);
    let (description_en, description_fr) = split(&input.description);
    Ok(EventFields {
        description_html_en: description_en
            .as_deref()
            .map(content::markdown::render_markdown),
        description_html_fr: description_fr
            .as_deref()
            .map(content::markdown::render_markdown),
        title_en,
        title_fr,
        summary_en,
        summary_fr,
        description_en,
        description_fr,
        category_id: input.category_id,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        timezone: input.timezone,
        venue_name: clean(&loc.venue_name),
        address: clean(&loc.address),
        city: clean(&loc.city),
        country: clean(&loc.country).map(|c| c.to_uppercase()),
        latitude_e6,
        longitude_e6,
        online_url: clean(&loc.online_url),
        visibility: visibility_str(input.visibility).into(),
        currency: input.currency.code().into(),
        theme_primary: clean(&input.theme.primary_color),
        theme_accent: clean(&input.theme.accent_color),
        custom_css,
        custom_css_scoped,
        hold_minutes: i32::try_from(input.hold_minutes).unwrap_or(15),
        refund_deadline_hours: input
            .refund_deadline_hours
            .and_then(|h| i32::try_from(h).ok()),
    })
}

pub fn visibility_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Unlisted => "unlisted",
    }
}

pub fn status_of(row: &EventRow, now: DateTime<Utc>) -> EventStatus {
    match row.status.as_str() {
        "published" if row.ends_at <= now => EventStatus::Ended,
        "published" => EventStatus::Published,
        "cancelled" => EventStatus::Cancelled,
        _ => EventStatus::Draft,
    }
}

pub fn location_of(row: &EventRow) -> Location {
    Location {
        venue_name: row.venue_name.clone(),
        address: row.address.clone(),
        city: row.city.clone(),
        country: row.country.clone(),
        latitude: from_e6(row.latitude_e6),
        longitude: from_e6(row.longitude_e6),
        online_url: row.online_url.clone(),
    }
}

pub fn currency_of(row: &EventRow) -> Currency {
    Currency::from_code(&row.currency).unwrap_or(Currency::XAF)
}

pub fn input_of(row: &EventRow) -> EventInput {
    EventInput {
        title: join(&row.title_en, &row.title_fr),
        summary: join(&row.summary_en, &row.summary_fr),
        description: join(&row.description_en, &row.description_fr),
        category_id: row.category_id,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        timezone: row.timezone.clone(),
        location: location_of(row),
        visibility: if row.visibility == "unlisted" {
            Visibility::Unlisted
        } else {
            Visibility::Public
        },
        currency: currency_of(row),
        theme: Theme {
            primary_color: row.theme_primary.clone(),
            accent_color: row.theme_accent.clone(),
            custom_css: row.custom_css.clone(),
        },
        hold_minutes: u32::try_from(row.hold_minutes).unwrap_or(DEFAULT_HOLD_MINUTES),
        refund_deadline_hours: row
            .refund_deadline_hours
            .and_then(|h| u32::try_from(h).ok()),
    }
}

pub fn media_url(key: &Option<String>) -> Option<String> {
    key.as_ref().map(|k| format!("/media/{k}"))
}

pub fn to_dto(row: &EventRow, now: DateTime<Utc>) -> Event {
    let input = input_of(row);
    Event {
        id: row.id,
        org_id: row.org_id,
        slug: row.slug.clone(),
        description_html: join(&row.description_html_en, &row.description_html_fr),
        title: input.title,
        summary: input.summary,
        description: input.description,
        category_id: row.category_id,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        timezone: row.timezone.clone(),
        location: input.location,
        cover_url: media_url(&row.cover_key),
        status: status_of(row, now),
        visibility: input.visibility,
        currency: input.currency,
        theme: input.theme,
        featured: row.featured,
        hold_minutes: input.hold_minutes,
        refund_deadline_hours: input.refund_deadline_hours,
        published_at: row.published_at,
        created_at: row.created_at,
    }
}

/// "line 3: ..." when the problem has a line, the message alone otherwise.
pub fn css_message(issue: &content::css::CssIssue) -> String {
    if issue.line > 0 {
        format!("line {}: {}", issue.line, issue.message)
    } else {
        issue.message.clone()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn coordinates_are_stored_exactly_as_micro_degrees() {
        let mut errors = Errors::default();
        let d = Decimal::from_str("4.0511").unwrap();
        assert_eq!(e6(Some(d), 90, "lat", &mut errors), Some(4_051_100));
        assert_eq!(from_e6(Some(4_051_100)), Some(d));
        assert_eq!(e6(Some(Decimal::from(91)), 90, "lat", &mut errors), None);
        assert_eq!(errors.0.len(), 1);
    }
}
