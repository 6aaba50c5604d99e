//! Event categories, edited by platform administrators.

use common::events::{Category, CreateCategory, UpdateCategory};
use db::categories::CategoryFields;
use uuid::Uuid;

use crate::error::AppResult;
use crate::services::event_fields::Errors;
use crate::state::AppState;

fn check(errors: &mut Errors, name: &common::Localized, icon: &str) {
    if name.is_empty() || name.max_chars() > 60 {
        errors.push("name", "length", "1 to 60 characters");
    }
    if icon.is_empty()
        || icon.len() > 40
        || !icon.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        errors.push(
            "icon",
            "invalid_icon",
            "an icon name such as music or graduation-cap",
        );
    }
}

fn fields(name: common::Localized, icon: String, sort_order: i32) -> CategoryFields {
    let name = name.normalized();
    CategoryFields {
        name_en: name.get(common::Lang::En).to_owned(),
        name_fr: name.fr,
        icon,
        sort_order,
    }
}

async fn dto(state: &AppState, id: Uuid) -> AppResult<Category> {
    crate::services::public_events::categories(state)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(crate::error::AppError::not_found)
}

pub async fn create(state: &AppState, input: CreateCategory) -> AppResult<Category> {
    let mut errors = Errors::default();
    if !domain::slug::is_valid(&input.slug) {
        errors.push(
            "slug",
            "slug_invalid",
            "3 to 60 lowercase letters, digits and dashes",
        );
    }
    check(&mut errors, &input.name, &input.icon);
    errors.into_result()?;
    let row = match db::categories::insert(
        &state.db,
        &input.slug,
        fields(input.name, input.icon, input.sort_order),
        state.now(),
    )
    .await
    {
        Err(db::DbError::Conflict(_)) => {
            return Err(crate::error::AppError::field_conflict(
                common::ErrorCode::SlugTaken,
                "slug",
                "already taken",
            ));
        }
        other => other?,
    };
    dto(state, row.id).await
}

pub async fn update(state: &AppState, id: Uuid, input: UpdateCategory) -> AppResult<Category> {
    let current = db::categories::find(&state.db, id)
        .await?
        .ok_or_else(crate::error::AppError::not_found)?;
    let name = input.name.unwrap_or(common::Localized {
        en: Some(current.name_en),
        fr: current.name_fr,
    });
    let icon = input.icon.unwrap_or(current.icon);
    let mut errors = Errors::default();
    check(&mut errors, &name, &icon);
    errors.into_result()?;
    db::categories::update(
        &state.db,
        id,
        fields(name, icon, input.sort_order.unwrap_or(current.sort_order)),
        state.now(),
    )
    .await?;
    state
        .cache
        .delete(&["event:*".to_owned(), "discover:*".to_owned()])
        .await;
    dto(state, id).await
}

pub async fn delete(state: &AppState, id: Uuid) -> AppResult<()> {
    db::categories::delete(&state.db, id).await?;
    state
        .cache
        .delete(&["event:*".to_owned(), "discover:*".to_owned()])
        .await;
    Ok(())
}
