//! Events of one organization (scoped), and the public reads: one published event by slug, and
//! discovery with filters, featured-first ordering and keyset pagination.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::events::{ActiveModel, Column, Entity};
use crate::entities::{organizations, ticket_types};
use crate::error::{DbError, DbResult};
use crate::orgs::Org;
use crate::scope::OrgScope;

pub use crate::entities::events::Model as EventRow;

/// Everything an organizer edits, already validated and rendered by the service.
#[derive(Debug, Clone)]
pub struct EventFields {
    pub title_en: Option<String>,
    pub title_fr: Option<String>,
    pub summary_en: Option<String>,
    pub summary_fr: Option<String>,
    pub description_en: Option<String>,
    pub description_fr: Option<String>,
    pub description_html_en: Option<String>,
    pub description_html_fr: Option<String>,
    pub category_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub venue_name: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub online_url: Option<String>,
    pub visibility: String,
    pub currency: String,
    pub theme_primary: Option<String>,
    pub theme_accent: Option<String>,
    pub custom_css: Option<String>,
    pub custom_css_scoped: Option<String>,
    pub hold_minutes: i32,
    pub refund_deadline_hours: Option<i32>,
}

impl EventFields {
    pub fn of(row: &EventRow) -> EventFields {
        EventFields {
            title_en: row.title_en.clone(),
            title_fr: row.title_fr.clone(),
            summary_en: row.summary_en.clone(),
            summary_fr: row.summary_fr.clone(),
            description_en: row.description_en.clone(),
            description_fr: row.description_fr.clone(),
            description_html_en: row.description_html_en.clone(),
            description_html_fr: row.description_html_fr.clone(),
            category_id: row.category_id,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            timezone: row.timezone.clone(),
            venue_name: row.venue_name.clone(),
            address: row.address.clone(),
            city: row.city.clone(),
            country: row.country.clone(),
            latitude_e6: row.latitude_e6,
            longitude_e6: row.longitude_e6,
            online_url: row.online_url.clone(),
            visibility: row.visibility.clone(),
            currency: row.currency.clone(),
            theme_primary: row.theme_primary.clone(),
            theme_accent: row.theme_accent.clone(),
            custom_css: row.custom_css.clone(),
            custom_css_scoped: row.custom_css_scoped.clone(),
            hold_minutes: row.hold_minutes,
            refund_deadline_hours: row.refund_deadline_hours,
        }
    }

    fn apply(self, m: &mut ActiveModel) {
        m.title_en = Set(self.title_en);
        m.title_fr = Set(self.title_fr);
        m.summary_en = Set(self.summary_en);
        m.summary_fr = Set(self.summary_fr);
        m.description_en = Set(self.description_en);
        m.description_fr = Set(self.description_fr);
        m.description_html_en = Set(self.description_html_en);
        m.description_html_fr = Set(self.description_html_fr);
        m.category_id = Set(self.category_id);
        m.starts_at = Set(self.starts_at);
        m.ends_at = Set(self.ends_at);
        m.timezone = Set(self.timezone);
        m.venue_name = Set(self.venue_name);
        m.address = Set(self.address);
        m.city = Set(self.city);
        m.country = Set(self.country);
        m.latitude_e6 = Set(self.latitude_e6);
        m.longitude_e6 = Set(self.longitude_e6);
        m.online_url = Set(self.online_url);
        m.visibility = Set(self.visibility);
        m.currency = Set(self.currency);
        m.theme_primary = Set(self.theme_primary);
        m.theme_accent = Set(self.theme_accent);
        m.custom_css = Set(self.custom_css);
        m.custom_css_scoped = Set(self.custom_css_scoped);
        m.hold_minutes = Set(self.hold_minutes);
        m.refund_deadline_hours = Set(self.refund_deadline_hours);
    }
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    slug: &str,
    fields: EventFields,
    now: DateTime<Utc>,
) -> DbResult<EventRow> {
    let mut model = ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        slug: Set(slug.to_owned()),
        cover_key: Set(None),
        status: Set("draft".into()),
        featured: Set(false),
        popularity: Set(0),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fields.apply(&mut model);
    Ok(model.insert(conn).await?)
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<EventRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// Stored status filter: `draft`, `cancelled`, or `published` split by the clock into upcoming
/// (`ended == Some(false)`) and ended (`Some(true)`).
#[derive(Debug, Clone, Copy)]
pub struct StatusFilter<'a> {
    pub status: &'a str,
    pub ended: Option<bool>,
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    filter: Option<StatusFilter<'_>>,
    now: DateTime<Utc>,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<EventRow>, Option<String>)> {
    let mut select = Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(cursor::after(Column::CreatedAt, Column::Id, after));
    if let Some(f) = filter {
        select = select.filter(Column::Status.eq(f.status));
        match f.ended {
            Some(true) => select = select.filter(Column::EndsAt.lte(now)),
            Some(false) => select = select.filter(Column::EndsAt.gt(now)),
            None => {}
        }
    }
    let rows = select
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |e| (e.created_at, e.id)))
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    fields: EventFields,
    now: DateTime<Utc>,
) -> DbResult<EventRow> {
    let current = get(conn, scope, id).await?;
    let mut model: ActiveModel = current.into();
    fields.apply(&mut model);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

pub async fn set_status<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    status: &str,
    published_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DbResult<EventRow> {
    let current = get(conn, scope, id).await?;
    let mut model: ActiveModel = current.into();
    model.status = Set(status.to_owned());
    model.published_at = Set(published_at);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Sets or clears the cover; returns the event and the key it replaced.
pub async fn set_cover<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
    key: Option<String>,
    now: DateTime<Utc>,
) -> DbResult<(EventRow, Option<String>)> {
    let current = get(conn, scope, id).await?;
    let previous = current.cover_key.clone();
    let mut model: ActiveModel = current.into();
    model.cover_key = Set(key);
    model.updated_at = Set(now);
    Ok((model.update(conn).await?, previous))
}

/// Deletes a draft that never took an order (an unpublished event may have some); anything else
/// has been public and stays for the record.
pub async fn delete_draft<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<bool> {
    let res = Entity::delete_many()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq("draft"))
        .filter(
            Column::Id.not_in_subquery(
                Query::select()
                    .column(crate::entities::orders::Column::EventId)
                    .from(crate::entities::orders::Entity)
                    .and_where(crate::entities::orders::Column::EventId.eq(id))
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A published or cancelled event and its organizer, by public slug. Drafts do not exist here.
pub async fn find_public<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> DbResult<Option<(EventRow, Org)>> {
    let row = Entity::find()
        .filter(Column::Slug.eq(slug))
        .filter(Column::Status.is_in(["published", "cancelled"]))
        .find_also_related(organizations::Entity)
        .one(conn)
        .await?;
    Ok(row.and_then(|(e, o)| {
        o.filter(|o| o.suspended_at.is_none())
            .map(|o| (e, Org::from(o)))
    }))
}

#[derive(Debug, Clone, Default)]
pub struct Discover {
    pub words: Vec<String>,
    pub category_id: Option<Uuid>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// `Some(true)`: has a free visible ticket type; `Some(false)`: has a paid one.
    pub free: Option<bool>,
    pub by_popularity: bool,
}

fn lower(col: Column) -> Expr {
    Expr::expr(Func::lower(Expr::col(col)))
}

/// Keyset over (featured desc, starts_at | popularity, id); the cursor is opaque to clients.
fn discover_cursor(e: &EventRow, by_popularity: bool) -> String {
    let key = if by_popularity {
        e.popularity.to_string()
    } else {
        e.starts_at
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .to_string()
    };
    format!("{}~{}~{}", u8::from(e.featured), key, e.id.simple())
}

fn after_discover_cursor(cursor: &str, by_popularity: bool) -> Option<Condition> {
    let mut parts = cursor.split('~');
    let featured = parts.next()? == "1";
    let key: i64 = parts.next()?.parse().ok()?;
    let id = Uuid::parse_str(parts.next()?).ok()?;
    let tie = Condition::all().add(Column::Featured.eq(featured));
    let (later_key, same_key) = if by_popularity {
        (Column::Popularity.lt(key), Column::Popularity.eq(key))
    } else {
        let at = DateTime::from_timestamp_nanos(key);
        (Column::StartsAt.gt(at), Column::StartsAt.eq(at))
    };
    let within = Condition::any()
        .add(later_key)
        .add(Condition::all().add(same_key).add(Column::Id.gt(id)));
    let mut next = Condition::any().add(tie.add(within));
    if featured {
        next = next.add(Column::Featured.eq(false));
    }
    Some(next)
}

pub async fn discover<C: ConnectionTrait>(
    conn: &C,
    d: &Discover,
    now: DateTime<Utc>,
    after: Option<&str>,
    limit: u64,
) -> DbResult<(Vec<(EventRow, Org)>, Option<String>)> {
    let mut select = Entity::find()
        .filter(Column::Status.eq("published"))
        .filter(Column::Visibility.eq("public"))
        .filter(Column::EndsAt.gt(now));
    for word in &d.words {
        let pattern = format!("%{}%", word.to_lowercase());
        select = select.filter(
            Condition::any()
                .add(lower(Column::TitleEn).like(pattern.clone()))
                .add(lower(Column::TitleFr).like(pattern.clone()))
                .add(lower(Column::SummaryEn).like(pattern.clone()))
                .add(lower(Column::SummaryFr).like(pattern.clone()))
                .add(lower(Column::VenueName).like(pattern.clone()))
                .add(lower(Column::City).like(pattern)),
        );
    }
    if let Some(c) = d.category_id {
        select = select.filter(Column::CategoryId.eq(c));
    }
    if let Some(city) = &d.city {
        select = select.filter(lower(Column::City).eq(city.to_lowercase()));
    }
    if let Some(country) = &d.country {
        select = select.filter(Column::Country.eq(country.to_uppercase()));
    }
    if let Some(from) = d.from {
        select = select.filter(Column::EndsAt.gte(from));
    }
    if let Some(to) = d.to {
        select = select.filter(Column::StartsAt.lte(to));
    }
    if let Some(free) = d.free {
        let mut visible = Query::select();
        visible
            .column(ticket_types::Column::EventId)
            .from(ticket_types::Entity)
            .and_where(ticket_types::Column::Active.eq(true))
            .and_where(ticket_types::Column::AccessCode.is_null());
        if free {
            visible.and_where(ticket_types::Column::PriceMinor.eq(0));
        } else {
            visible.and_where(ticket_types::Column::PriceMinor.gt(0));
        }
        select = select.filter(Column::Id.in_subquery(visible.to_owned()));
    }
    if let Some(cond) = after.and_then(|c| after_discover_cursor(c, d.by_popularity)) {
        select = select.filter(cond);
    }
    select = select.order_by_desc(Column::Featured);
    select = if d.by_popularity {
        select.order_by_desc(Column::Popularity)
    } else {
        select.order_by_asc(Column::StartsAt)
    };
    let rows = select
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .find_also_related(organizations::Entity)
        .all(conn)
        .await?;
    let mut rows: Vec<(EventRow, Org)> = rows
        .into_iter()
        .filter_map(|(e, o)| {
            o.filter(|o| o.suspended_at.is_none())
                .map(|o| (e, Org::from(o)))
        })
        .collect();
    let next = if rows.len() as u64 > limit {
        rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        rows.last()
            .map(|(e, _)| discover_cursor(e, d.by_popularity))
    } else {
        None
    };
    Ok((rows, next))
}

/// Recomputes discovery's popularity (tickets sold) of events still to come, where it moved.
/// Run by the worker every few seconds rather than on each sale, which would lock the event row
/// of a drop once per order.
pub async fn refresh_popularity<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> DbResult<u64> {
    use sea_orm::sea_query::QueryStatementBuilder;
    let sold = Query::select()
        .expr(Func::coalesce([
            Expr::col((ticket_types::Entity, ticket_types::Column::Sold)).sum(),
            Expr::val(0),
        ]))
        .from(ticket_types::Entity)
        .and_where(
            Expr::col((ticket_types::Entity, ticket_types::Column::EventId))
                .equals((Entity, Column::Id)),
        )
        .to_owned();
    let res = Entity::update_many()
        .col_expr(
            Column::Popularity,
            Expr::expr(Expr::SubQuery(
                None,
                Box::new(sold.clone().into_sub_query_statement()),
            )),
        )
        .filter(Column::Status.eq("published"))
        .filter(Column::EndsAt.gt(now))
        .filter(Expr::col(Column::Popularity).ne(Expr::SubQuery(
            None,
            Box::new(sold.into_sub_query_statement()),
        )))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}

/// Platform curation: featured events lead discovery. Not scoped: platform administrators act on
/// any organization's events.
pub async fn set_featured<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    featured: bool,
    now: DateTime<Utc>,
) -> DbResult<EventRow> {
    let current = Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut model: ActiveModel = current.into();
    model.featured = Set(featured);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}
