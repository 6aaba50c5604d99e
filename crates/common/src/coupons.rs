//! Coupons: a percentage or a fixed amount off an event's tickets, with limits that hold under
//! concurrency (a use is reserved with the order's hold and given back if the order lapses).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// `percent` off each eligible ticket.
    Percent,
    /// `amount` off the eligible tickets of the order, at most their price.
    Fixed,
}

impl DiscountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DiscountKind::Percent => "percent",
            DiscountKind::Fixed => "fixed",
        }
    }

    pub fn parse(s: &str) -> Option<DiscountKind> {
        [DiscountKind::Percent, DiscountKind::Fixed]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouponStats {
    /// Confirmed orders that used it.
    pub uses: u32,
    /// Pending orders holding a use right now.
    pub reserved: u32,
    pub discount_total: Money,
    /// What confirmed orders with this coupon paid.
    pub revenue: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coupon {
    pub id: Uuid,
    pub event_id: Uuid,
    /// Upper case; buyers may type it in any case.
    pub code: String,
    pub kind: DiscountKind,
    /// For `percent`: e.g. `"15"` or `"12.5"`.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent: Option<Decimal>,
    /// For `fixed`: in the event's currency.
    pub amount: Option<Money>,
    /// Only these ticket types are discounted; empty = all.
    pub ticket_type_ids: Vec<Uuid>,
    /// Order subtotal (before discount) needed to use it.
    pub min_order: Option<Money>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Orders that may use it in total; `null` = unlimited.
    pub max_uses: Option<u32>,
    /// Orders per buyer email; `null` = unlimited.
    pub max_uses_per_email: Option<u32>,
    /// When not empty, only these buyer emails may use it.
    pub allowed_emails: Vec<String>,
    pub active: bool,
    pub stats: CouponStats,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCoupon {
    /// 3 to 32 letters, digits, `-` or `_`; unique within the event.
    pub code: String,
    pub kind: DiscountKind,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent: Option<Decimal>,
    pub amount: Option<Money>,
    #[serde(default)]
    pub ticket_type_ids: Vec<Uuid>,
    pub min_order: Option<Money>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_uses: Option<u32>,
    pub max_uses_per_email: Option<u32>,
    #[serde(default)]
    pub allowed_emails: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// Fields left out stay as they are; `null` clears an optional one. The code and kind are fixed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCoupon {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent: Option<Decimal>,
    pub amount: Option<Money>,
    pub ticket_type_ids: Option<Vec<Uuid>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Money>))]
    pub min_order: Option<Option<Money>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub starts_at: Option<Option<DateTime<Utc>>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    pub ends_at: Option<Option<DateTime<Utc>>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub max_uses: Option<Option<u32>>,
    #[serde(
        default,
        with = "crate::users::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub max_uses_per_email: Option<Option<u32>>,
    pub allowed_emails: Option<Vec<String>>,
    pub active: Option<bool>,
}
