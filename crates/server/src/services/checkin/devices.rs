//! Scanning devices: registered by door staff, listed and revoked by organizers. A revoked device
//! is refused (`device_revoked`) on every scan, hand-out and sync it sends afterwards, so a lost
//! phone with an offline copy of the attendee list cannot keep admitting people once it is back
//! online.

use common::ErrorCode;
use common::checkin::{CheckinDevice, RegisterDevice};
use db::OrgScope;
use db::checkin_devices::DeviceRow;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::Errors;
use crate::state::AppState;

pub const NAME_MAX: usize = 60;

fn to_dto(r: DeviceRow, registered_by_name: Option<String>) -> CheckinDevice {
    CheckinDevice {
        id: r.id,
        name: r.name,
        registered_by: r.registered_by,
        registered_by_name,
        last_seen_at: r.last_seen_at,
        revoked_at: r.revoked_at,
        created_at: r.created_at,
    }
}

async fn name_of(state: &AppState, user_id: Uuid) -> AppResult<Option<String>> {
    Ok(db::users::find(&state.db, user_id).await?.map(|u| u.name))
}

pub async fn register(
    state: &AppState,
    scope: OrgScope,
    user_id: Uuid,
    input: RegisterDevice,
) -> AppResult<CheckinDevice> {
    let name = input.name.trim().to_owned();
    let mut errors = Errors::default();
    if name.is_empty() {
        errors.push("name", "required", "name this device (\"Gate A phone\")");
    } else if name.chars().count() > NAME_MAX {
        errors.push(
            "name",
            "too_long",
            &format!("at most {NAME_MAX} characters"),
        );
    }
    errors.into_result()?;
    let row = db::checkin_devices::register(&state.db, scope, &name, user_id, state.now()).await?;
    Ok(to_dto(row, name_of(state, user_id).await?))
}

pub async fn list(state: &AppState, scope: OrgScope) -> AppResult<Vec<CheckinDevice>> {
    let rows = db::checkin_devices::list(&state.db, scope).await?;
    let names = db::users::names(&state.db, rows.iter().map(|r| r.registered_by)).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.registered_by).cloned();
            to_dto(r, name)
        })
        .collect())
}

pub async fn revoke(state: &AppState, scope: OrgScope, id: Uuid) -> AppResult<CheckinDevice> {
    let row = db::checkin_devices::revoke(&state.db, scope, id, state.now()).await?;
    let name = name_of(state, row.registered_by).await?;
    Ok(to_dto(row, name))
}

/// Refuses a device that is not the organization's (422 on `field`) or was revoked (403).
pub async fn check(
    state: &AppState,
    scope: OrgScope,
    device_id: Option<Uuid>,
    field: &str,
) -> AppResult<()> {
    let Some(id) = device_id else {
        return Ok(());
    };
    match db::checkin_devices::get(&state.db, scope, id).await {
        Ok(d) if d.revoked_at.is_some() => Err(AppError::code(ErrorCode::DeviceRevoked)),
        Ok(_) => Ok(()),
        Err(db::DbError::NotFound) => Err(AppError::field(
            field,
            "not_found",
            "no such device in this organization",
        )),
        Err(e) => Err(e.into()),
    }
}
