//! The event form's state: one signal per field, filled from an `Event` or with defaults, checked
//! live (title, start, end after start) and turned into `CreateEvent` / `UpdateEvent`.
//! Start and end are `datetime-local` texts read in the chosen time zone.

use chrono::Utc;
use common::events::{
    Category, CreateEvent, Event, EventStatus, Location, Theme, UpdateEvent, Visibility,
};
use common::public::{Organizer, PublicEventSummary};
use common::{Localized, Money};
use leptos::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::api::ApiError;
use crate::components::ErrSignal;
use crate::time::{DEFAULT_TZ, input_to_utc, utc_to_input};

/// How long a checkout holds tickets unless the organizer says otherwise.
pub const DEFAULT_HOLD_MINUTES: u32 = 15;
/// The holds an organizer may choose, in minutes.
pub const HOLD_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// How long before the start buyer refund requests may close, in hours (up to a year).
pub const REFUND_HOURS_RANGE: std::ops::RangeInclusive<u32> = 0..=8760;

#[derive(Clone, Copy)]
pub struct EventDraft {
    pub title_en: RwSignal<String>,
    pub title_fr: RwSignal<String>,
    pub summary_en: RwSignal<String>,
    pub summary_fr: RwSignal<String>,
    pub description_en: RwSignal<String>,
    pub description_fr: RwSignal<String>,
    /// A category id, or empty.
    pub category: RwSignal<String>,
    pub starts: RwSignal<String>,
    pub ends: RwSignal<String>,
    pub timezone: RwSignal<String>,
    pub venue: RwSignal<String>,
    pub address: RwSignal<String>,
    pub city: RwSignal<String>,
    /// ISO code, or empty.
    pub country: RwSignal<String>,
    pub online_url: RwSignal<String>,
    /// `public` or `unlisted`.
    pub visibility: RwSignal<String>,
    /// `#rrggbb`, or empty for the default.
    pub primary: RwSignal<String>,
    pub accent: RwSignal<String>,
    pub custom_css: RwSignal<String>,
    /// Minutes a checkout holds tickets (1 to 60), as typed.
    pub hold_minutes: RwSignal<String>,
    /// Buyers may ask for a refund until this many hours before the start, as typed; empty:
    /// buyers cannot ask.
    pub refund_hours: RwSignal<String>,
    /// Not edited here, kept as they are.
    pub latitude: RwSignal<Option<Decimal>>,
    pub longitude: RwSignal<Option<Decimal>>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn localized(en: RwSignal<String>, fr: RwSignal<String>) -> Localized {
    Localized {
        en: opt(&en.get_untracked()),
        fr: opt(&fr.get_untracked()),
    }
}

impl EventDraft {
    /// An empty form; the venue's country defaults to the organization's.
    pub fn new(country: &str) -> EventDraft {
        let s = || RwSignal::new(String::new());
        EventDraft {
            title_en: s(),
            title_fr: s(),
            summary_en: s(),
            summary_fr: s(),
            description_en: s(),
            description_fr: s(),
            category: s(),
            starts: s(),
            ends: s(),
            timezone: RwSignal::new(DEFAULT_TZ.to_owned()),
            venue: s(),
            address: s(),
            city: s(),
            country: RwSignal::new(country.to_owned()),
            online_url: s(),
            visibility: RwSignal::new("public".into()),
            primary: s(),
            accent: s(),
            custom_css: s(),
            hold_minutes: RwSignal::new(DEFAULT_HOLD_MINUTES.to_string()),
            refund_hours: s(),
            latitude: RwSignal::new(None),
            longitude: RwSignal::new(None),
        }
    }

    pub fn from_event(e: &Event) -> EventDraft {
        let d = EventDraft::new("");
        d.load(e);
        d
    }

    /// Replaces every field with the event's values (after loading or saving).
    pub fn load(&self, e: &Event) {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        self.title_en.set(text(&e.title.en));
        self.title_fr.set(text(&e.title.fr));
        self.summary_en.set(text(&e.summary.en));
        self.summary_fr.set(text(&e.summary.fr));
        self.description_en.set(text(&e.description.en));
        self.description_fr.set(text(&e.description.fr));
        self.category
            .set(e.category_id.map(|c| c.to_string()).unwrap_or_default());
        self.starts.set(utc_to_input(&e.starts_at, &e.timezone));
        self.ends.set(utc_to_input(&e.ends_at, &e.timezone));
        self.timezone.set(e.timezone.clone());
        let l = &e.location;
        self.venue.set(text(&l.venue_name));
        self.address.set(text(&l.address));
        self.city.set(text(&l.city));
        self.country.set(text(&l.country));
        self.online_url.set(text(&l.online_url));
        self.latitude.set(l.latitude);
        self.longitude.set(l.longitude);
        self.visibility.set(
            match e.visibility {
                Visibility::Public => "public",
                Visibility::Unlisted => "unlisted",
            }
            .into(),
        );
        self.primary.set(text(&e.theme.primary_color));
        self.accent.set(text(&e.theme.accent_color));
        self.custom_css.set(text(&e.theme.custom_css));
        self.hold_minutes.set(e.hold_minutes.to_string());
        self.refund_hours.set(
            e.refund_deadline_hours
                .map(|h| h.to_string())
                .unwrap_or_default(),
        );
    }

    /// The hold in minutes, when it is a whole number from 1 to 60.
    fn hold(&self) -> Option<u32> {
        self.hold_minutes
            .with(|s| s.trim().parse::<u32>().ok())
            .filter(|m| HOLD_RANGE.contains(m))
    }

    /// The refund deadline: `Ok(None)` when left empty, `Err(code)` when not a whole number of
    /// hours in range.
    fn refund_deadline(&self) -> Result<Option<u32>, &'static str> {
        self.refund_hours.with(|s| refund_hours_of(s))
    }

    /// What the form would submit is missing or wrong, as `(field, code)`; reactive.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.title_en.with(|s| s.trim().is_empty())
            && self.title_fr.with(|s| s.trim().is_empty())
        {
            out.push(("title", "required"));
        }
        let tz = self.timezone.get();
        let starts = self
            .starts
            .with(|s| (!s.is_empty()).then(|| input_to_utc(s, &tz)));
        let ends = self
            .ends
            .with(|s| (!s.is_empty()).then(|| input_to_utc(s, &tz)));
        match starts {
            None => out.push(("starts_at", "required")),
            Some(None) => out.push(("starts_at", "invalid_date")),
            Some(Some(_)) => {}
        }
        match ends {
            None => out.push(("ends_at", "required")),
            Some(None) => out.push(("ends_at", "invalid_date")),
            Some(Some(end)) => {
                if let Some(Some(start)) = starts
                    && end <= start
                {
                    out.push(("ends_at", "before_start"));
                }
            }
        }
        if self.hold().is_none() {
            let code = if self.hold_minutes.with(|s| s.trim().parse::<u32>().is_ok()) {
                "out_of_range"
            } else {
                "invalid_number"
            };
            out.push(("hold_minutes", code));
        }
        if let Err(code) = self.refund_deadline() {
            out.push(("refund_deadline_hours", code));
        }
        out
    }

    fn location(&self) -> Location {
        Location {
            venue_name: opt(&self.venue.get_untracked()),
            address: opt(&self.address.get_untracked()),
            city: opt(&self.city.get_untracked()),
            country: opt(&self.country.get_untracked()),
            latitude: self.latitude.get_untracked(),
            longitude: self.longitude.get_untracked(),
            online_url: opt(&self.online_url.get_untracked()),
        }
    }

    pub fn theme(&self) -> Theme {
        Theme {
            primary_color: opt(&self.primary.get_untracked()),
            accent_color: opt(&self.accent.get_untracked()),
            custom_css: opt(&self.custom_css.get_untracked()),
        }
    }

    fn visibility_value(&self) -> Visibility {
        if self.visibility.get_untracked() == "unlisted" {
            Visibility::Unlisted
        } else {
            Visibility::Public
        }
    }

    fn category_id(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.category.get_untracked()).ok()
    }

    fn times(&self) -> Option<(chrono::DateTime<Utc>, chrono::DateTime<Utc>, String)> {
        let tz = self.timezone.get_untracked();
        let starts = input_to_utc(&self.starts.get_untracked(), &tz)?;
        let ends = input_to_utc(&self.ends.get_untracked(), &tz)?;
        Some((starts, ends, tz))
    }

    /// `None` while [`Self::problems`] is not empty.
    pub fn to_create(&self) -> Option<CreateEvent> {
        let (starts_at, ends_at, timezone) = self.times()?;
        Some(CreateEvent {
            title: localized(self.title_en, self.title_fr),
            slug: None,
            summary: localized(self.summary_en, self.summary_fr),
            description: localized(self.description_en, self.description_fr),
            category_id: self.category_id(),
            starts_at,
            ends_at,
            timezone,
            location: self.location(),
            visibility: self.visibility_value(),
            currency: None,
            theme: self.theme(),
            hold_minutes: untrack(|| self.hold()),
            refund_deadline_hours: untrack(|| self.refund_deadline()).ok().flatten(),
        })
    }

    pub fn to_update(&self) -> Option<UpdateEvent> {
        let (starts_at, ends_at, timezone) = self.times()?;
        Some(UpdateEvent {
            title: Some(localized(self.title_en, self.title_fr)),
            summary: Some(localized(self.summary_en, self.summary_fr)),
            description: Some(localized(self.description_en, self.description_fr)),
            category_id: Some(self.category_id()),
            starts_at: Some(starts_at),
            ends_at: Some(ends_at),
            timezone: Some(timezone),
            location: Some(self.location()),
            visibility: Some(self.visibility_value()),
            currency: None,
            theme: Some(self.theme()),
            hold_minutes: untrack(|| self.hold()),
            // Empty clears the policy (`null`); a bad value is caught by `problems` first.
            refund_deadline_hours: untrack(|| self.refund_deadline()).ok(),
        })
    }

    /// The event as a discovery card would show it, from what is typed now (reactive).
    pub fn preview_card(
        &self,
        saved: Option<&Event>,
        categories: &[Category],
        min_price: Option<Money>,
        organizer: &str,
    ) -> PublicEventSummary {
        let tz = self.timezone.get();
        let now = Utc::now();
        let starts_at = self.starts.with(|s| input_to_utc(s, &tz)).unwrap_or(now);
        let ends_at = self
            .ends
            .with(|s| input_to_utc(s, &tz))
            .unwrap_or(starts_at);
        let category = self.category.with(|c| {
            categories
                .iter()
                .find(|cat| cat.id.to_string() == *c)
                .cloned()
        });
        PublicEventSummary {
            slug: saved.map(|e| e.slug.clone()).unwrap_or_default(),
            title: Localized {
                en: opt(&self.title_en.get()),
                fr: opt(&self.title_fr.get()),
            },
            summary: Localized {
                en: opt(&self.summary_en.get()),
                fr: opt(&self.summary_fr.get()),
            },
            category,
            starts_at,
            ends_at,
            timezone: tz,
            city: opt(&self.city.get()),
            country: opt(&self.country.get()),
            online: self.online_url.with(|u| !u.trim().is_empty()),
            cover_url: saved.and_then(|e| e.cover_url.clone()),
            min_price,
            featured: saved.is_some_and(|e| e.featured),
            status: saved.map(|e| e.status).unwrap_or(EventStatus::Draft),
            organizer: Organizer {
                name: organizer.to_owned(),
                slug: String::new(),
                logo_url: None,
            },
        }
    }
}

/// A typed refund deadline: empty is `None` (no buyer refunds), else a whole number of hours
/// within [`REFUND_HOURS_RANGE`]; errors are field-error codes.
pub fn refund_hours_of(typed: &str) -> Result<Option<u32>, &'static str> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(h) => u32::try_from(h)
            .ok()
            .filter(|h| REFUND_HOURS_RANGE.contains(h))
            .map(Some)
            .ok_or("out_of_range"),
        Err(_) => Err("invalid_number"),
    }
}

/// Live checks and the server's answer, merged into the one error the form's fields and alert
/// read. A live problem shows once its field was left (`touched`) or a submit was tried.
pub fn merged_error(
    draft: EventDraft,
    server: ErrSignal,
    touched: RwSignal<Vec<&'static str>>,
    submitted: RwSignal<bool>,
) -> ErrSignal {
    let error: ErrSignal = RwSignal::new(None);
    Effect::new(move |_| {
        let all = submitted.get();
        let live: Vec<(&str, &str)> = draft
            .problems()
            .into_iter()
            .filter(|(f, _)| all || touched.with(|t| t.contains(f)))
            .collect();
        let from_server = server.get();
        let merged = match ApiError::invalid(&live) {
            None => from_server,
            Some(mut e) => {
                if let (ApiError::Problem(p), Some(s)) = (&mut e, &from_server) {
                    for fe in s.field_errors() {
                        if !live.iter().any(|(f, _)| *f == fe.field) {
                            p.errors.push(fe.clone());
                        }
                    }
                }
                Some(e)
            }
        };
        error.set(merged);
    });
    error
}

#[cfg(test)]
mod tests {
    use super::refund_hours_of;

    #[test]
    fn an_empty_refund_deadline_means_no_buyer_refunds() {
        assert_eq!(refund_hours_of(""), Ok(None));
        assert_eq!(refund_hours_of("  "), Ok(None));
        assert_eq!(refund_hours_of("48"), Ok(Some(48)));
        assert_eq!(refund_hours_of("0"), Ok(Some(0)));
        assert_eq!(refund_hours_of("8760"), Ok(Some(8760)));
        assert_eq!(refund_hours_of("8761"), Err("out_of_range"));
        assert_eq!(refund_hours_of("-1"), Err("out_of_range"));
        assert_eq!(refund_hours_of("2.5"), Err("invalid_number"));
    }
}
