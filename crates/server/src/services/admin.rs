//! Platform administration: organizations (suspend, tier), users, tier fee rules.

use std::collections::BTreeMap;

use common::admin::{
    AdminListQuery, AdminOrganization, AdminUser, TierSettings, UpdateAdminOrganization,
    UpdateTierSettings,
};
use common::orgs::Tier;
use common::page::PageQuery;
use common::{Currency, FieldError, Money, Page};
use domain::fees::{bp_to_percent, percent_to_bp};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

fn page_of(q: &AdminListQuery) -> PageQuery {
    PageQuery {
        limit: q.limit,
        cursor: q.cursor.clone(),
    }
}

async fn admin_org(state: &AppState, org: db::orgs::Org) -> AppResult<AdminOrganization> {
    Ok(AdminOrganization {
        member_count: db::orgs::member_count(&state.db, org.id).await?,
        id: org.id,
        name: org.name,
        slug: org.slug,
        country: org.country,
        currency: org.currency,
        tier: org.tier,
        suspended: org.suspended_at.is_some(),
        created_at: org.created_at,
    })
}

pub async fn list_orgs(state: &AppState, q: AdminListQuery) -> AppResult<Page<AdminOrganization>> {
    let page = page_of(&q);
    let (orgs, next_cursor) = db::orgs::admin_list(
        &state.db,
        q.q.as_deref(),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    let mut items = Vec::with_capacity(orgs.len());
    for org in orgs {
        items.push(admin_org(state, org).await?);
    }
    Ok(Page { items, next_cursor })
}

pub async fn update_org(
    state: &AppState,
    org_id: Uuid,
    input: UpdateAdminOrganization,
) -> AppResult<AdminOrganization> {
    let org =
        db::orgs::admin_update(&state.db, org_id, input.suspended, input.tier, state.now()).await?;
    tracing::info!(org.id = %org_id, suspended = ?input.suspended, tier = ?input.tier, "platform admin changed organization");
    admin_org(state, org).await
}

pub async fn list_users(state: &AppState, q: AdminListQuery) -> AppResult<Page<AdminUser>> {
    let page = page_of(&q);
    let (users, next_cursor) = db::users::list(
        &state.db,
        q.q.as_deref(),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    let items = users
        .into_iter()
        .map(|u| AdminUser {
            id: u.id,
            email: u.email,
            name: u.name,
            email_verified: u.email_verified_at.is_some(),
            is_platform_admin: u.is_platform_admin,
            created_at: u.created_at,
        })
        .collect();
    Ok(Page { items, next_cursor })
}

fn tier_dto(rule: db::tiers::TierRule) -> TierSettings {
    let fee_fixed = rule
        .fee_fixed
        .iter()
        .filter_map(|(code, minor)| Currency::from_code(code).map(|c| Money::from_minor(*minor, c)))
        .collect();
    TierSettings {
        tier: rule.tier,
        fee_percent: bp_to_percent(rule.fee_percent_bp),
        fee_fixed,
        fee_payer: rule.fee_payer,
    }
}

pub async fn list_tiers(state: &AppState) -> AppResult<Vec<TierSettings>> {
    Ok(db::tiers::list(&state.db)
        .await?
        .into_iter()
        .map(tier_dto)
        .collect())
}

pub async fn update_tier(
    state: &AppState,
    tier: Tier,
    input: UpdateTierSettings,
) -> AppResult<TierSettings> {
    let mut rule = db::tiers::get(&state.db, tier).await?;
    let mut errors = Vec::new();
    if let Some(percent) = input.fee_percent {
        match percent_to_bp(percent) {
            Ok(bp) => rule.fee_percent_bp = bp,
            Err(_) => errors.push(FieldError {
                field: "fee_percent".into(),
                code: "invalid_percent".into(),
                message: "must be between 0 and 100 with at most two decimals".into(),
            }),
        }
    }
    if let Some(fixed) = input.fee_fixed {
        let mut map = BTreeMap::new();
        for (i, money) in fixed.iter().enumerate() {
            match money.to_minor() {
                Ok(minor) if minor >= 0 => {
                    map.insert(money.currency.code().to_owned(), minor);
                }
                _ => errors.push(FieldError {
                    field: format!("fee_fixed[{i}].amount"),
                    code: "invalid_amount".into(),
                    message: "must be a non-negative amount with the currency's decimals".into(),
                }),
            }
        }
        rule.fee_fixed = map;
    }
    if let Some(payer) = input.fee_payer {
        rule.fee_payer = payer;
    }
    if !errors.is_empty() {
        return Err(AppError::fields(errors));
    }
    let saved = db::tiers::save(&state.db, &rule, state.now()).await?;
    crate::services::checkout::forget_fee_rules(state).await;
    Ok(tier_dto(saved))
}

pub async fn update_event(
    state: &AppState,
    event_id: Uuid,
    input: common::admin::UpdateAdminEvent,
) -> AppResult<()> {
    if let Some(featured) = input.featured {
        let row = db::events::set_featured(&state.db, event_id, featured, state.now()).await?;
        tracing::info!(event.id = %event_id, featured, "platform admin changed event curation");
        crate::services::public_events::invalidate(state, &row.slug).await;
    }
    Ok(())
}
