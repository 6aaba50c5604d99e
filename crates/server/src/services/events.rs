//! Events as organizers manage them: create, edit, publish (with a completeness check), unpublish,
//! cancel, cover image, theme preview. Every change invalidates the public caches.

use common::events::{
    CreateEvent, Event, EventStatus, ListEventsQuery, PreviewTheme, ThemePreview, UpdateEvent,
};
use common::{ErrorCode, Page};
use db::OrgScope;
use db::events::{EventRow, StatusFilter};
use integrations::storage::sniff_image;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::{self, Errors, EventInput, THEME_SCOPE, css_message, to_dto};
use crate::services::public_events;
use crate::state::AppState;

pub const COVER_MAX_BYTES: usize = 5 * 1024 * 1024;

pub async fn list(state: &AppState, scope: OrgScope, q: ListEventsQuery) -> AppResult<Page<Event>> {
    let filter = q.status.map(|s| match s {
        EventStatus::Draft => StatusFilter {
            status: "draft",
            ended: None,
        },
        EventStatus::Published => StatusFilter {
            status: "published",
            ended: Some(false),
        },
        EventStatus::Ended => StatusFilter {
            status: "published",
            ended: Some(true),
        },
        EventStatus::Cancelled => StatusFilter {
            status: "cancelled",
            ended: None,
        },
    });
    let limit = common::page::PageQuery {
        limit: q.limit,
        cursor: None,
    }
    .limit();
    let now = state.now();
    let (rows, next_cursor) =
        db::events::list(&state.db, scope, filter, now, q.cursor.as_deref(), limit).await?;
    Ok(Page {
        items: rows.iter().map(|r| to_dto(r, now)).collect(),
        next_cursor,
    })
}

pub async fn get(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Event> {
    Ok(to_dto(
        &db::events::get(&state.db, scope, id).await?,
        state.now(),
    ))
}

async fn check_category(state: &AppState, id: Option<Uuid>, errors: &mut Errors) -> AppResult<()> {
    if let Some(id) = id
        && db::categories::find(&state.db, id).await?.is_none()
    {
        errors.push("category_id", "not_found", "no such category");
    }
    Ok(())
}

pub async fn create(state: &AppState, scope: OrgScope, input: CreateEvent) -> AppResult<Event> {
    let org = db::orgs::get(&state.db, scope).await?;
    let mut errors = Errors::default();
    check_category(state, input.category_id, &mut errors).await?;
    let explicit_slug = input.slug.as_ref().map(|s| s.trim().to_owned());
    let slug = match &explicit_slug {
        Some(s) => s.clone(),
        None => domain::slug::slugify(if input.title.en.is_some() {
            input.title.get(common::Lang::En)
        } else {
            input.title.get(common::Lang::Fr)
        }),
    };
    if explicit_slug.is_some() && !domain::slug::is_valid(&slug) {
        errors.push(
            "slug",
            "slug_invalid",
            "use 3 to 60 lowercase letters, digits and single dashes",
        );
    }
    let fields = event_fields::build(EventInput {
        title: input.title,
        summary: input.summary,
        description: input.description,
        category_id: input.category_id,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        timezone: input.timezone,
        location: input.location,
        visibility: input.visibility,
        currency: input.currency.unwrap_or(org.currency),
        theme: input.theme,
        hold_minutes: input
            .hold_minutes
            .unwrap_or(event_fields::DEFAULT_HOLD_MINUTES),
        refund_deadline_hours: input.refund_deadline_hours,
    });
    let fields = match fields {
        Ok(f) if errors.0.is_empty() => f,
        Ok(_) => return Err(AppError::fields(errors.0)),
        Err(mut more) => {
            errors.0.append(&mut more);
            return Err(AppError::fields(errors.0));
        }
    };
    let now = state.now();
    let row = match db::events::insert(&state.db, scope, &unique_slug(&slug), fields.clone(), now)
        .await
    {
        // A derived slug that collides gets a short suffix; an explicit one is the organizer's call.
        Err(db::DbError::Conflict(c)) if c == "events_slug_key" && explicit_slug.is_none() => {
            let suffixed = format!(
                "{}-{}",
                unique_slug(&slug),
                &Uuid::new_v4().simple().to_string()[..5]
            );
            db::events::insert(&state.db, scope, &suffixed, fields, now).await?
        }
        Err(db::DbError::Conflict(c)) if c == "events_slug_key" => {
            return Err(AppError::field_conflict(
                ErrorCode::SlugTaken,
                "slug",
                "already taken",
            ));
        }
        other => other?,
    };
    Ok(to_dto(&row, now))
}

/// A title of symbols only still needs an address.
fn unique_slug(slug: &str) -> String {
    if domain::slug::is_valid(slug) {
        slug.to_owned()
    } else {
        format!("event-{}", &Uuid::new_v4().simple().to_string()[..8])
    }
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    id: Uuid,
    input: UpdateEvent,
) -> AppResult<Event> {
    let current = db::events::get(&state.db, scope, id).await?;
    let mut merged = event_fields::input_of(&current);
    let mut errors = Errors::default();
    if let Some(v) = input.title {
        merged.title = v;
    }
    if let Some(v) = input.summary {
        merged.summary = v;
    }
    if let Some(v) = input.description {
        merged.description = v;
    }
    if let Some(v) = input.category_id {
        check_category(state, v, &mut errors).await?;
        merged.category_id = v;
    }
    if let Some(v) = input.starts_at {
        merged.starts_at = v;
    }
    if let Some(v) = input.ends_at {
        merged.ends_at = v;
    }
    if let Some(v) = input.timezone {
        merged.timezone = v;
    }
    if let Some(v) = input.location {
        merged.location = v;
    }
    if let Some(v) = input.visibility {
        merged.visibility = v;
    }
    if let Some(v) = input.hold_minutes {
        merged.hold_minutes = v;
    }
    if let Some(v) = input.refund_deadline_hours {
        merged.refund_deadline_hours = v;
    }
    if let Some(v) = input.theme {
        merged.theme = v;
    }
    if let Some(currency) = input.currency
        && currency != merged.currency
    {
        let tickets = db::ticket_types::list(&state.db, scope, id).await?;
        if tickets.iter().any(|t| t.price_minor > 0) {
            errors.push(
                "currency",
                "has_priced_tickets",
                "the currency is fixed once a ticket has a price",
            );
        }
        merged.currency = currency;
    }
    let fields = match event_fields::build(merged) {
        Ok(f) if errors.0.is_empty() => f,
        Ok(_) => return Err(AppError::fields(errors.0)),
        Err(mut more) => {
            errors.0.append(&mut more);
            return Err(AppError::fields(errors.0));
        }
    };
    let row = db::events::update(&state.db, scope, id, fields, state.now()).await?;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, state.now()))
}

/// Lists what keeps an event from being published, as field errors.
async fn publish_problems(state: &AppState, scope: OrgScope, row: &EventRow) -> AppResult<Errors> {
    let now = state.now();
    let mut errors = Errors::default();
    if event_fields::join(&row.title_en, &row.title_fr).is_empty() {
        errors.push("title", "required", "add a title");
    }
    if event_fields::join(&row.summary_en, &row.summary_fr).is_empty() {
        errors.push("summary", "required", "add a short summary");
    }
    if row.starts_at <= now {
        errors.push("starts_at", "in_past", "the start must be in the future");
    }
    if row.venue_name.is_none() && row.city.is_none() && row.online_url.is_none() {
        errors.push(
            "location",
            "required",
            "add a venue and city, or an online link",
        );
    }
    let tickets = db::ticket_types::list(&state.db, scope, row.id).await?;
    if !tickets.iter().any(|t| t.active) {
        errors.push(
            "ticket_types",
            "required",
            "add at least one active ticket type",
        );
    }
    Ok(errors)
}

pub async fn publish(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Event> {
    let row = db::events::get(&state.db, scope, id).await?;
    if row.status == "cancelled" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "a cancelled event cannot be published again",
        ));
    }
    publish_problems(state, scope, &row).await?.into_result()?;
    let now = state.now();
    let row = db::events::set_status(
        &state.db,
        scope,
        id,
        "published",
        row.published_at.or(Some(now)),
        now,
    )
    .await?;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, now))
}

/// Back to draft, as long as nothing has been sold.
pub async fn unpublish(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Event> {
    let row = db::events::get(&state.db, scope, id).await?;
    if row.status != "published" {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only a published event can be unpublished",
        ));
    }
    let tickets = db::ticket_types::list(&state.db, scope, id).await?;
    if tickets.iter().any(|t| t.sold > 0 || t.held > 0) {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "tickets were sold: cancel the event instead",
        ));
    }
    let row = db::events::set_status(&state.db, scope, id, "draft", row.published_at, state.now())
        .await?;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, state.now()))
}

pub async fn cancel(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Event> {
    let row = db::events::get(&state.db, scope, id).await?;
    if row.status == "cancelled" {
        return Ok(to_dto(&row, state.now()));
    }
    let row = db::events::set_status(
        &state.db,
        scope,
        id,
        "cancelled",
        row.published_at,
        state.now(),
    )
    .await?;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, state.now()))
}

pub async fn delete_draft(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<()> {
    db::events::get(&state.db, scope, id).await?;
    if !db::events::delete_draft(&state.db, scope, id).await? {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only drafts that never sold can be deleted; cancel a published event",
        ));
    }
    Ok(())
}

pub async fn set_cover(
    state: &AppState,
    scope: OrgScope,
    id: Uuid,
    bytes: &[u8],
) -> AppResult<Event> {
    db::events::get(&state.db, scope, id).await?;
    if bytes.len() > COVER_MAX_BYTES {
        return Err(AppError::code(ErrorCode::PayloadTooLarge));
    }
    let kind = sniff_image(bytes).ok_or_else(|| {
        AppError::field(
            "cover",
            "unsupported_image",
            "use a PNG, JPEG or WebP image",
        )
    })?;
    let key = format!("covers/{}.{}", Uuid::new_v4().simple(), kind.extension());
    state
        .storage
        .put(&key, bytes, kind.content_type())
        .await
        .map_err(AppError::internal)?;
    let (row, previous) =
        db::events::set_cover(&state.db, scope, id, Some(key), state.now()).await?;
    remove_file(state, previous).await;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, state.now()))
}

pub async fn remove_cover(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<Event> {
    let (row, previous) = db::events::set_cover(&state.db, scope, id, None, state.now()).await?;
    remove_file(state, previous).await;
    public_events::invalidate(state, &row.slug).await;
    Ok(to_dto(&row, state.now()))
}

async fn remove_file(state: &AppState, key: Option<String>) {
    if let Some(key) = key
        && let Err(e) = state.storage.delete(&key).await
    {
        tracing::warn!(error = %e, "could not delete a replaced cover");
    }
}

/// What the event page would load with this CSS, or why it is refused.
pub fn preview_theme(input: PreviewTheme) -> AppResult<ThemePreview> {
    crate::content::css::scope_css(&input.custom_css, THEME_SCOPE)
        .map(|css| ThemePreview { css })
        .map_err(|issues| {
            let mut errors = Errors::default();
            for issue in issues {
                errors.push("theme.custom_css", issue.code, &css_message(&issue));
            }
            AppError::fields(errors.0)
        })
}
