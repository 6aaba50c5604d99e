//! An event's coupons as its organizers manage them: validation of codes, discounts and limits
//! (every invalid field reported at once), and the usage stats shown next to each coupon.
//! Reserving and giving back uses at checkout lives with the checkout services.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use common::coupons::{Coupon, CouponStats, CreateCoupon, DiscountKind, UpdateCoupon};
use common::money::MoneyError;
use common::{Currency, ErrorCode, Money};
use db::OrgScope;
use db::coupons::{CouponFields, CouponRow};
use db::events::EventRow;
use domain::fees::{PercentError, bp_to_percent, percent_to_bp};
use rust_decimal::Decimal;
use uuid::Uuid;
use validator::ValidateEmail;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::{Errors, currency_of};
use crate::state::AppState;

pub const CODE_LEN: std::ops::RangeInclusive<usize> = 3..=32;
pub const MAX_USES: u32 = 1_000_000;
pub const MAX_ALLOWED_EMAILS: usize = 500;
const EMAIL_MAX: usize = 254;

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn limit(n: Option<i32>) -> Option<u32> {
    n.map(|v| u32::try_from(v).unwrap_or(0))
}

/// What buyers type, as stored: trimmed and upper case.
pub fn normalize_code(code: &str) -> String {
    code.trim().to_uppercase()
}

/// Usage of each coupon of the event, from its orders: confirmed orders count as uses (with their
/// discount and what they paid), pending ones as reserved.
async fn stats_by_coupon(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    currency: Currency,
) -> AppResult<HashMap<Uuid, CouponStats>> {
    let mut out: HashMap<Uuid, (u32, u32, i64, i64)> = HashMap::new();
    for (coupon_id, status, orders, discount, total) in
        db::orders::coupon_usage(&state.db, scope, event_id).await?
    {
        let entry = out.entry(coupon_id).or_default();
        match status.as_str() {
            "confirmed" => {
                entry.0 = entry.0.saturating_add(count(orders));
                entry.2 = entry.2.saturating_add(discount);
                entry.3 = entry.3.saturating_add(total);
            }
            "pending" => entry.1 = entry.1.saturating_add(count(orders)),
            _ => {}
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, (uses, reserved, discount, revenue))| {
            (
                id,
                CouponStats {
                    uses,
                    reserved,
                    discount_total: Money::from_minor(discount, currency),
                    revenue: Money::from_minor(revenue, currency),
                },
            )
        })
        .collect())
}

fn zero_stats(currency: Currency) -> CouponStats {
    CouponStats {
        uses: 0,
        reserved: 0,
        discount_total: Money::from_minor(0, currency),
        revenue: Money::from_minor(0, currency),
    }
}

pub fn to_dto(r: &CouponRow, currency: Currency, stats: CouponStats) -> Coupon {
    Coupon {
        id: r.id,
        event_id: r.event_id,
        code: r.code.clone(),
        kind: DiscountKind::parse(&r.kind).unwrap_or(DiscountKind::Percent),
        percent: r
            .percent_bp
            .map(|bp| bp_to_percent(u32::try_from(bp).unwrap_or(0))),
        amount: r.amount_minor.map(|m| Money::from_minor(m, currency)),
        ticket_type_ids: db::coupons::ticket_type_ids(r),
        min_order: r.min_order_minor.map(|m| Money::from_minor(m, currency)),
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        max_uses: limit(r.max_uses),
        max_uses_per_email: limit(r.max_uses_per_email),
        allowed_emails: db::coupons::allowed_emails(r),
        active: r.active,
        stats,
        created_at: r.created_at,
    }
}

/// Everything editable about a coupon, merged for create and update alike (the kind is fixed
/// once created).
struct Draft {
    kind: DiscountKind,
    percent: Option<Decimal>,
    amount: Option<Money>,
    ticket_type_ids: Vec<Uuid>,
    min_order: Option<Money>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    max_uses: Option<u32>,
    max_uses_per_email: Option<u32>,
    allowed_emails: Vec<String>,
    active: bool,
}

fn check_code(errors: &mut Errors, code: &str) {
    if !CODE_LEN.contains(&code.chars().count()) {
        errors.push("code", "length", "3 to 32 characters");
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        errors.push(
            "code",
            "invalid_characters",
            "only letters A-Z, digits, - and _",
        );
    }
}

/// Money in the event's currency, exact to its minor unit and at least `min` minor units.
fn minor_in(
    errors: &mut Errors,
    field: &str,
    money: &Money,
    currency: Currency,
    min: i64,
) -> Option<i64> {
    if money.currency != currency {
        errors.push(
            &format!("{field}.currency"),
            "currency_mismatch",
            &format!("amounts are in the event's currency, {currency}"),
        );
        return None;
    }
    match money.to_minor() {
        Ok(m) if m >= min => Some(m),
        Ok(_) if min > 0 => {
            errors.push(
                &format!("{field}.amount"),
                "too_small",
                "must be more than zero",
            );
            None
        }
        Ok(_) => {
            errors.push(&format!("{field}.amount"), "negative", "cannot be negative");
            None
        }
        Err(MoneyError::TooPrecise) => {
            errors.push(
                &format!("{field}.amount"),
                "too_precise",
                &format!("{currency} has {} decimals", currency.minor_units()),
            );
            None
        }
        Err(MoneyError::Overflow) => {
            errors.push(&format!("{field}.amount"), "too_large", "amount too large");
            None
        }
    }
}

fn check_limit(errors: &mut Errors, field: &str, value: Option<u32>) -> Option<i32> {
    let v = value?;
    if !(1..=MAX_USES).contains(&v) {
        errors.push(field, "out_of_range", "between 1 and 1,000,000");
        return None;
    }
    i32::try_from(v).ok()
}

/// Trimmed, lower case, without duplicates; invalid addresses are reported by their index.
fn clean_emails(errors: &mut Errors, emails: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, raw) in emails.into_iter().enumerate() {
        let email = raw.trim().to_lowercase();
        if email.len() > EMAIL_MAX || !email.validate_email() {
            errors.push(
                &format!("allowed_emails[{i}]"),
                "invalid_email",
                "not a valid email address",
            );
            continue;
        }
        if seen.insert(email.clone()) {
            out.push(email);
        }
    }
    if out.len() > MAX_ALLOWED_EMAILS {
        errors.push(
            "allowed_emails",
            "too_many",
            &format!("at most {MAX_ALLOWED_EMAILS} addresses"),
        );
    }
    out
}

/// Checks the draft, adding to `errors` (which may already hold the code's problems), and
/// reports them all at once.
async fn validate(
    state: &AppState,
    scope: OrgScope,
    event: &EventRow,
    d: Draft,
    mut errors: Errors,
) -> AppResult<CouponFields> {
    let currency = currency_of(event);
    let mut percent_bp = None;
    let mut amount_minor = None;
    match d.kind {
        DiscountKind::Percent => {
            match d.percent {
                None => errors.push("percent", "required", "give the percentage off"),
                Some(p) => match percent_to_bp(p) {
                    Ok(0) | Err(PercentError::OutOfRange) => {
                        errors.push("percent", "out_of_range", "more than 0 and at most 100")
                    }
                    Err(PercentError::TooPrecise) => {
                        errors.push("percent", "too_precise", "at most two decimals")
                    }
                    Ok(bp) => percent_bp = i32::try_from(bp).ok(),
                },
            }
            if d.amount.is_some() {
                errors.push(
                    "amount",
                    "not_allowed",
                    "a percent coupon has no fixed amount",
                );
            }
        }
        DiscountKind::Fixed => {
            match &d.amount {
                None => errors.push("amount", "required", "give the amount off"),
                Some(m) => amount_minor = minor_in(&mut errors, "amount", m, currency, 1),
            }
            if d.percent.is_some() {
                errors.push(
                    "percent",
                    "not_allowed",
                    "a fixed-amount coupon has no percentage",
                );
            }
        }
    }
    let min_order_minor = d
        .min_order
        .as_ref()
        .and_then(|m| minor_in(&mut errors, "min_order", m, currency, 0));
    if let (Some(start), Some(end)) = (d.starts_at, d.ends_at)
        && end <= start
    {
        errors.push("ends_at", "before_start", "must be after the start");
    }
    let max_uses = check_limit(&mut errors, "max_uses", d.max_uses);
    let max_uses_per_email = check_limit(&mut errors, "max_uses_per_email", d.max_uses_per_email);

    let mut ticket_type_ids = Vec::new();
    if !d.ticket_type_ids.is_empty() {
        let of_event: HashSet<Uuid> = db::ticket_types::list(&state.db, scope, event.id)
            .await?
            .iter()
            .map(|t| t.id)
            .collect();
        for (i, id) in d.ticket_type_ids.into_iter().enumerate() {
            if !of_event.contains(&id) {
                errors.push(
                    &format!("ticket_type_ids[{i}]"),
                    "not_found",
                    "no such ticket type in this event",
                );
            } else if !ticket_type_ids.contains(&id) {
                ticket_type_ids.push(id);
            }
        }
    }
    let allowed_emails = clean_emails(&mut errors, d.allowed_emails);
    errors.into_result()?;
    Ok(CouponFields {
        kind: d.kind.as_str().to_owned(),
        percent_bp,
        amount_minor,
        ticket_type_ids,
        min_order_minor,
        starts_at: d.starts_at,
        ends_at: d.ends_at,
        // May be below the uses already counted: the coupon then simply has no uses left
        // (`reserve_use` checks `used < max_uses`); past uses stay valid.
        max_uses,
        max_uses_per_email,
        allowed_emails,
        active: d.active,
    })
}

pub async fn list(state: &AppState, scope: OrgScope, event_id: Uuid) -> AppResult<Vec<Coupon>> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let currency = currency_of(&event);
    let rows = db::coupons::list(&state.db, scope, event_id).await?;
    let mut stats = stats_by_coupon(state, scope, event_id, currency).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let s = stats.remove(&r.id).unwrap_or_else(|| zero_stats(currency));
            to_dto(r, currency, s)
        })
        .collect())
}

pub async fn create(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    input: CreateCoupon,
) -> AppResult<Coupon> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let code = normalize_code(&input.code);
    let mut code_errors = Errors::default();
    check_code(&mut code_errors, &code);
    let draft = Draft {
        kind: input.kind,
        percent: input.percent,
        amount: input.amount,
        ticket_type_ids: input.ticket_type_ids,
        min_order: input.min_order,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        max_uses: input.max_uses,
        max_uses_per_email: input.max_uses_per_email,
        allowed_emails: input.allowed_emails,
        active: input.active,
    };
    let fields = validate(state, scope, &event, draft, code_errors).await?;
    let currency = currency_of(&event);
    let row = db::coupons::insert(&state.db, scope, event_id, &code, fields, state.now()).await?;
    Ok(to_dto(&row, currency, zero_stats(currency)))
}

pub async fn update(
    state: &AppState,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    input: UpdateCoupon,
) -> AppResult<Coupon> {
    let event = db::events::get(&state.db, scope, event_id).await?;
    let currency = currency_of(&event);
    let current = db::coupons::get(&state.db, scope, event_id, id).await?;
    let now = to_dto(&current, currency, zero_stats(currency));
    let draft = Draft {
        kind: now.kind,
        percent: input.percent.or(now.percent),
        amount: input.amount.or(now.amount),
        ticket_type_ids: input.ticket_type_ids.unwrap_or(now.ticket_type_ids),
        min_order: input.min_order.unwrap_or(now.min_order),
        starts_at: input.starts_at.unwrap_or(now.starts_at),
        ends_at: input.ends_at.unwrap_or(now.ends_at),
        max_uses: input.max_uses.unwrap_or(now.max_uses),
        max_uses_per_email: input.max_uses_per_email.unwrap_or(now.max_uses_per_email),
        allowed_emails: input.allowed_emails.unwrap_or(now.allowed_emails),
        active: input.active.unwrap_or(now.active),
    };
    let fields = validate(state, scope, &event, draft, Errors::default()).await?;
    let row = db::coupons::update(&state.db, scope, event_id, id, fields, state.now()).await?;
    let stats = stats_by_coupon(state, scope, event_id, currency)
        .await?
        .remove(&id)
        .unwrap_or_else(|| zero_stats(currency));
    Ok(to_dto(&row, currency, stats))
}

pub async fn delete(state: &AppState, scope: OrgScope, event_id: Uuid, id: Uuid) -> AppResult<()> {
    db::events::get(&state.db, scope, event_id).await?;
    if !db::coupons::delete_unused(&state.db, scope, event_id, id).await? {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this coupon has been used: deactivate it instead",
        ));
    }
    Ok(())
}
