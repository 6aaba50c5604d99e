//! Organizations: create (the creator becomes owner), list mine, read, edit settings, logo.

use common::orgs::{CreateOrganization, Organization, UpdateOrganization};
use common::page::PageQuery;
use common::{ErrorCode, Page, Role};
use db::OrgScope;
use db::orgs::{NewOrg, Org, OrgChange};
use integrations::storage::sniff_image;
use uuid::Uuid;

use crate::error::{AppError, AppResult, validate};
use crate::state::AppState;

pub const LOGO_MAX_BYTES: usize = 1024 * 1024;

pub fn to_dto(org: Org, my_role: Role) -> Organization {
    Organization {
        id: org.id,
        logo_url: org.logo_key.map(|k| format!("/media/{k}")),
        name: org.name,
        slug: org.slug,
        country: org.country,
        currency: org.currency,
        tier: org.tier,
        suspended: org.suspended_at.is_some(),
        my_role,
        created_at: org.created_at,
    }
}

fn valid_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

pub async fn create(
    state: &AppState,
    user_id: Uuid,
    input: CreateOrganization,
) -> AppResult<Organization> {
    validate(&input)?;
    let slug = match &input.slug {
        Some(s) => s.trim().to_owned(),
        None => domain::slug::slugify(&input.name),
    };
    if !domain::slug::is_valid(&slug) {
        return Err(AppError::field(
            "slug",
            "slug_invalid",
            "use 3 to 60 lowercase letters, digits and single dashes",
        ));
    }
    if !valid_country(&input.country) {
        return Err(AppError::field(
            "country",
            "invalid_country",
            "use an ISO 3166 two-letter code",
        ));
    }
    let now = state.now();
    let tx = db::begin_write(&state.db)
        .await
        .map_err(AppError::internal)?;
    let new = NewOrg {
        name: &input.name,
        slug: &slug,
        country: &input.country,
        currency: input.currency,
    };
    let org = db::orgs::create_with_owner(&tx, new, user_id, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(to_dto(org, Role::Owner))
}

pub async fn list_mine(
    state: &AppState,
    user_id: Uuid,
    page: PageQuery,
) -> AppResult<Page<Organization>> {
    let (rows, next_cursor) =
        db::orgs::list_for_user(&state.db, user_id, page.cursor.as_deref(), page.limit()).await?;
    Ok(Page {
        items: rows.into_iter().map(|(o, r)| to_dto(o, r)).collect(),
        next_cursor,
    })
}

pub async fn get(state: &AppState, scope: OrgScope, my_role: Role) -> AppResult<Organization> {
    Ok(to_dto(db::orgs::get(&state.db, scope).await?, my_role))
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    my_role: Role,
    input: UpdateOrganization,
) -> AppResult<Organization> {
    validate(&input)?;
    if input.country.as_deref().is_some_and(|c| !valid_country(c)) {
        return Err(AppError::field(
            "country",
            "invalid_country",
            "use an ISO 3166 two-letter code",
        ));
    }
    let change = OrgChange {
        name: input.name,
        country: input.country,
        currency: input.currency,
    };
    Ok(to_dto(
        db::orgs::update(&state.db, scope, change, state.now()).await?,
        my_role,
    ))
}

/// Stores a new logo, checked by its bytes (PNG, JPEG or WebP, at most 1 MiB), and deletes the old.
pub async fn set_logo(
    state: &AppState,
    scope: OrgScope,
    my_role: Role,
    bytes: &[u8],
) -> AppResult<Organization> {
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(AppError::code(ErrorCode::PayloadTooLarge));
    }
    let kind = sniff_image(bytes).ok_or_else(|| {
        AppError::with_detail(
            ErrorCode::UnsupportedMediaType,
            "PNG, JPEG or WebP images only",
        )
    })?;
    let key = format!("logos/{}.{}", Uuid::new_v4().simple(), kind.extension());
    state
        .storage
        .put(&key, bytes, kind.content_type())
        .await
        .map_err(AppError::internal)?;
    let (org, previous) = db::orgs::set_logo(&state.db, scope, Some(key), state.now()).await?;
    delete_quietly(state, previous).await;
    Ok(to_dto(org, my_role))
}

pub async fn remove_logo(
    state: &AppState,
    scope: OrgScope,
    my_role: Role,
) -> AppResult<Organization> {
    let (org, previous) = db::orgs::set_logo(&state.db, scope, None, state.now()).await?;
    delete_quietly(state, previous).await;
    Ok(to_dto(org, my_role))
}

/// An orphaned file is harmless; failing the request over it would not be.
async fn delete_quietly(state: &AppState, key: Option<String>) {
    if let Some(key) = key
        && let Err(e) = state.storage.delete(&key).await
    {
        tracing::warn!(error = %e, "could not delete replaced logo");
    }
}
