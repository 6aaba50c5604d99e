//! Subscription tiers and their platform fee rules, edited by platform administrators.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use common::admin::FeePayer;
use common::orgs::Tier;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::entities::tier_settings::{ActiveModel, Column, Entity, Model};
use crate::error::{DbError, DbResult};

#[derive(Debug, Clone, PartialEq)]
pub struct TierRule {
    pub tier: Tier,
    pub fee_percent_bp: u32,
    /// Currency code -> fixed fee in minor units.
    pub fee_fixed: BTreeMap<String, i64>,
    pub fee_payer: FeePayer,
}

impl From<Model> for TierRule {
    fn from(m: Model) -> TierRule {
        TierRule {
            tier: Tier::parse(&m.tier).unwrap_or(Tier::Free),
            fee_percent_bp: u32::try_from(m.fee_percent_bp).unwrap_or(0),
            fee_fixed: serde_json::from_value(m.fee_fixed).unwrap_or_default(),
            fee_payer: FeePayer::parse(&m.fee_payer),
        }
    }
}

pub async fn list<C: ConnectionTrait>(conn: &C) -> DbResult<Vec<TierRule>> {
    let mut rules: Vec<TierRule> = Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(TierRule::from)
        .collect();
    rules.sort_by_key(|r| Tier::ALL.iter().position(|t| *t == r.tier));
    Ok(rules)
}

pub async fn get<C: ConnectionTrait>(conn: &C, tier: Tier) -> DbResult<TierRule> {
    Ok(Entity::find()
        .filter(Column::Tier.eq(tier.as_str()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?
        .into())
}

pub async fn save<C: ConnectionTrait>(
    conn: &C,
    rule: &TierRule,
    now: DateTime<Utc>,
) -> DbResult<TierRule> {
    let current = Entity::find()
        .filter(Column::Tier.eq(rule.tier.as_str()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut model: ActiveModel = current.into();
    model.fee_percent_bp = Set(i32::try_from(rule.fee_percent_bp).unwrap_or(i32::MAX));
    model.fee_fixed = Set(serde_json::to_value(&rule.fee_fixed).unwrap_or_default());
    model.fee_payer = Set(rule.fee_payer.as_str().to_owned());
    model.updated_at = Set(now);
    Ok(model.update(conn).await?.into())
}
