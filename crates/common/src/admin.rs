//! The platform administrators' area: every organization and user, suspension, tiers and fees.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::Money;
use crate::orgs::Tier;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminOrganization {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub country: String,
    pub currency: crate::Currency,
    pub tier: Tier,
    pub suspended: bool,
    pub member_count: u64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminUser {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    pub is_platform_admin: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct AdminListQuery {
    /// Matches name, slug or email, case-insensitively.
    pub q: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAdminOrganization {
    pub suspended: Option<bool>,
    pub tier: Option<Tier>,
}

/// Who pays the platform fee: added to the buyer's total, or taken from the organizer's revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeePayer {
    Buyer,
    Organizer,
}

impl FeePayer {
    pub fn as_str(self) -> &'static str {
        match self {
            FeePayer::Buyer => "buyer",
            FeePayer::Organizer => "organizer",
        }
    }

    /// Anything but `organizer` is the buyer (the default rule).
    pub fn parse(s: &str) -> FeePayer {
        if s == "organizer" {
            FeePayer::Organizer
        } else {
            FeePayer::Buyer
        }
    }
}

/// The platform fee of a tier: `percent` of the ticket price plus a fixed amount in the sale's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierSettings {
    pub tier: Tier,
    /// Percentage as a decimal string, e.g. `"2.5"`; at most two decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2.5"))]
    pub fee_percent: Decimal,
    /// Fixed part per currency; a currency left out has no fixed part.
    pub fee_fixed: Vec<Money>,
    pub fee_payer: FeePayer,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateTierSettings {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "2.5"))]
    pub fee_percent: Option<Decimal>,
    pub fee_fixed: Option<Vec<Money>>,
    pub fee_payer: Option<FeePayer>,
}

/// Platform curation of an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAdminEvent {
    /// Featured events come first in discovery.
    pub featured: Option<bool>,
}
