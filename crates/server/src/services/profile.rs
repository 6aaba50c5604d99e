//! The signed-in person's profile.

use common::users::{Me, UpdateMe, is_e164};
use common::{ErrorCode, FieldError};
use uuid::Uuid;

use crate::error::{AppError, AppResult, validate};
use crate::state::AppState;

fn to_dto(u: db::users::User) -> Me {
    Me {
        id: u.id,
        email: u.email,
        name: u.name,
        phone: u.phone,
        language: u.language,
        email_verified: u.email_verified_at.is_some(),
        is_platform_admin: u.is_platform_admin,
        created_at: u.created_at,
    }
}

pub async fn get(state: &AppState, user_id: Uuid) -> AppResult<Me> {
    let user = db::users::find(&state.db, user_id)
        .await?
        .ok_or_else(|| AppError::code(ErrorCode::InvalidToken))?;
    Ok(to_dto(user))
}

pub async fn update(state: &AppState, user_id: Uuid, input: UpdateMe) -> AppResult<Me> {
    validate(&input)?;
    let phone = match input.phone {
        Some(Some(p)) => {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            if !is_e164(&p) {
                return Err(AppError::fields(vec![FieldError {
                    field: "phone".into(),
                    code: "invalid_phone".into(),
                    message: "use international format, e.g. +237670000000".into(),
                }]));
            }
            Some(Some(p))
        }
        other => other,
    };
    let change = db::users::ProfileChange {
        name: input.name,
        phone,
        language: input.language,
    };
    Ok(to_dto(
        db::users::update_profile(&state.db, user_id, change, state.now()).await?,
    ))
}
