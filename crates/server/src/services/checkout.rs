//! Checkout: validate what a buyer picked, price it in `domain::pricing`, and place the hold.
//!
//! Placing an order is one write transaction: sweep this event's lapsed holds, check the buyer's
//! hoarding limit, hold inventory with conditional UPDATEs, reserve a coupon use, insert the
//! order (and confirm it at once when it costs nothing), save the idempotent response. Any
//! refusal rolls the whole transaction back, so nothing half-written remains.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use common::coupons::DiscountKind;
use common::orders::ActorKind;
use common::orders::{CreateOrder, Order, OrderLineInput, PriceBreakdown, QuoteOrder};
use common::{Currency, ErrorCode, FieldError, Lang};
use db::coupons::CouponRow;
use db::events::EventRow;
use db::orgs::Org;
use db::ticket_types::TicketTypeRow;
use db::{OrgScope, WriteTx};
use domain::fees::FeeRule;
use domain::pricing::{CouponTerms, Discount, Line, Priced, PricingError};
use domain::sales::{Stock, Window, sale_state};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::Errors;
use crate::services::{order_lifecycle, order_view, rate_limits};
use crate::state::AppState;

const NAME_MAX: usize = 100;

/// Who is placing the order.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Option<Uuid>,
    pub client_ip: String,
    pub lang: Lang,
}

/// A claimed `Idempotency-Key`: its response is saved in the order's transaction.
#[derive(Debug, Clone)]
pub struct IdemKey {
    pub scope: String,
    pub key: String,
    /// The request's fingerprint (path and exact body).
    pub request_hash: String,
}

struct Picked<'a> {
    ticket_type: &'a TicketTypeRow,
    quantity: u32,
    attendees: Vec<Option<String>>,
}

struct Prepared {
    event: EventRow,
    org: Org,
    types: Vec<TicketTypeRow>,
    coupon: Option<CouponRow>,
    priced: Priced,
    currency: Currency,
    /// `(ticket type index in types, quantity, attendees)` per line, in request order.
    lines: Vec<(usize, u32, Vec<Option<String>>)>,
}

fn field(errors: &mut Vec<FieldError>, field: String, code: &str, message: &str) {
    errors.push(FieldError {
        field,
        code: code.into(),
        message: message.into(),
    });
}

fn coupon_error(code: &str, message: &str) -> AppError {
    AppError::Coded {
        code: ErrorCode::CouponInvalid,
        detail: Some(message.into()),
        errors: vec![FieldError {
            field: "coupon_code".into(),
            code: code.into(),
            message: message.into(),
        }],
    }
}

fn on_sale_window(t: &TicketTypeRow, event: &EventRow, now: DateTime<Utc>) -> Window {
    Window {
        now: now.timestamp(),
        sale_starts_at: t.sale_starts_at.map(|d| d.timestamp()),
        sale_ends_at: t.sale_ends_at.map(|d| d.timestamp()),
        event_ends_at: event.ends_at.timestamp(),
        event_cancelled: event.status == "cancelled",
    }
}

/// Checks the lines against the event's ticket types; every problem is reported at once.
fn pick<'a>(
    types: &'a [TicketTypeRow],
    event: &EventRow,
    items: &[OrderLineInput],
    access_code: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<Picked<'a>>, AppError> {
    let mut errors = Vec::new();
    if items.is_empty() {
        field(
            &mut errors,
            "items".into(),
            "required",
            "pick at least one ticket",
        );
    }
    let code = access_code.map(str::trim).filter(|c| !c.is_empty());
    let mut seen = HashSet::new();
    let mut picked = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        if !seen.insert(item.ticket_type_id) {
            field(
                &mut errors,
                at("ticket_type_id"),
                "duplicate",
                "listed twice",
            );
            continue;
        }
        let Some(t) = types.iter().find(|t| t.id == item.ticket_type_id) else {
            field(
                &mut errors,
                at("ticket_type_id"),
                "not_found",
                "no such ticket for this event",
            );
            continue;
        };
        let unlocked = match &t.access_code {
            None => true,
            Some(c) => code.is_some_and(|given| c.eq_ignore_ascii_case(given)),
        };
        if !t.active || !unlocked {
            field(
                &mut errors,
                at("ticket_type_id"),
                "not_found",
                "no such ticket for this event",
            );
            continue;
        }
        // Stock is not judged here: the hold decides it atomically.
        let unlimited = Stock {
            quantity: 1,
            sold: 0,
            held: 0,
            group: None,
        };
        match sale_state(on_sale_window(t, event, now), unlimited) {
            common::public::SaleState::NotYetOnSale => {
                field(
                    &mut errors,
                    at("ticket_type_id"),
                    "not_yet_on_sale",
                    "not on sale yet",
                );
            }
            common::public::SaleState::Ended => {
                field(
                    &mut errors,
                    at("ticket_type_id"),
                    "sale_ended",
                    "no longer on sale",
                );
            }
            _ => {}
        }
        let min = u32::try_from(t.min_per_order).unwrap_or(1).max(1);
        let max = u32::try_from(t.max_per_order).unwrap_or(1);
        if item.quantity < min {
            field(
                &mut errors,
                at("quantity"),
                "below_minimum",
                &format!("at least {min}"),
            );
        } else if item.quantity > max {
            field(
                &mut errors,
                at("quantity"),
                "above_maximum",
                &format!("at most {max} per order"),
            );
        }
        if item.attendees.len() > usize::try_from(item.quantity).unwrap_or(0) {
            field(
                &mut errors,
                at("attendees"),
                "too_many",
                "more names than tickets",
            );
        }
        let mut attendees = Vec::new();
        for (j, name) in item.attendees.iter().enumerate() {
            let name = name.as_deref().map(str::trim).filter(|n| !n.is_empty());
            if name.is_some_and(|n| n.chars().count() > NAME_MAX) {
                field(
                    &mut errors,
                    format!("items[{i}].attendees[{j}]"),
                    "too_long",
                    "at most 100 characters",
                );
            }
            attendees.push(name.map(str::to_owned));
        }
        picked.push(Picked {
            ticket_type: t,
            quantity: item.quantity,
            attendees,
        });
    }
    if errors.is_empty() {
        Ok(picked)
    } else {
        Err(AppError::fields(errors))
    }
}

/// The coupon's terms if it can be used for this order now (limits are enforced at the hold).
fn coupon_terms(
    coupon: &CouponRow,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<CouponTerms> {
    if !coupon.active {
        return Err(coupon_error("not_active", "this coupon is not active"));
    }
    if coupon.starts_at.is_some_and(|s| now < s) {
        return Err(coupon_error(
            "not_yet_valid",
            "this coupon is not valid yet",
        ));
    }
    if coupon.ends_at.is_some_and(|e| now >= e) {
        return Err(coupon_error("expired", "this coupon has expired"));
    }
    let allowed = db::coupons::allowed_emails(coupon);
    if !allowed.is_empty() && email.is_some_and(|e| !allowed.iter().any(|a| a == e)) {
        return Err(coupon_error(
            "email_not_allowed",
            "this coupon is reserved for other buyers",
        ));
    }
    if coupon.max_uses.is_some_and(|m| coupon.used >= m) {
        return Err(AppError::field_conflict(
            ErrorCode::CouponExhausted,
            "coupon_code",
            "this coupon has been used up",
        ));
    }
    let discount = match DiscountKind::parse(&coupon.kind) {
        Some(DiscountKind::Percent) => {
            Discount::PercentBp(u32::try_from(coupon.percent_bp.unwrap_or(0)).unwrap_or(0))
        }
        _ => Discount::FixedMinor(coupon.amount_minor.unwrap_or(0)),
    };
    Ok(CouponTerms {
        discount,
        ticket_type_ids: db::coupons::ticket_type_ids(coupon),
        min_order_minor: coupon.min_order_minor,
    })
}

const FEE_RULES_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// The tier's fee rule for `currency`. Read on every quote and order, changed by a platform admin
/// a few times a year: cached (shared through Redis when configured) and forgotten on change.
pub async fn fee_rule(state: &AppState, org: &Org, currency: Currency) -> AppResult<FeeRule> {
    let key = format!("fee-rule:{}:{}", org.tier.as_str(), currency.code());
    if let Some(bytes) = state.cache.get(&key).await
        && let Ok((percent_bp, fixed_minor, organizer)) =
            serde_json::from_slice::<(u32, i64, bool)>(&bytes)
    {
        return Ok(FeeRule {
            percent_bp,
            fixed_minor,
            payer: if organizer {
                common::admin::FeePayer::Organizer
            } else {
                common::admin::FeePayer::Buyer
            },
        });
    }
    let rule = db::tiers::get(&state.db, org.tier).await?;
    let fee = FeeRule {
        percent_bp: rule.fee_percent_bp,
        fixed_minor: rule.fee_fixed.get(currency.code()).copied().unwrap_or(0),
        payer: rule.fee_payer,
    };
    let organizer = fee.payer == common::admin::FeePayer::Organizer;
    if let Ok(bytes) = serde_json::to_vec(&(fee.percent_bp, fee.fixed_minor, organizer)) {
        state.cache.set(&key, bytes, FEE_RULES_TTL).await;
    }
    Ok(fee)
}

pub async fn forget_fee_rules(state: &AppState) {
    state.cache.delete(&["fee-rule:*".to_owned()]).await;
}

async fn prepare(
    state: &AppState,
    slug: &str,
    items: &[OrderLineInput],
    coupon_code: Option<&str>,
    access_code: Option<&str>,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Prepared> {
    let (event, org) = db::events::find_public(&state.db, slug)
        .await?
        .ok_or_else(AppError::not_found)?;
    if event.status != "published" || now >= event.ends_at {
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "this event is not selling tickets",
        ));
    }
    let scope = OrgScope::for_buyer_of(org.id);
    let types = db::ticket_types::list(&state.db, scope, event.id).await?;
    let currency = crate::services::event_fields::currency_of(&event);
    let picked = pick(&types, &event, items, access_code, now)?;
    let coupon = match coupon_code
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(code) => Some(
            db::coupons::find_by_code(&state.db, scope, event.id, &code)
                .await?
                .ok_or_else(|| coupon_error("not_found", "no such coupon for this event"))?,
        ),
    };
    let terms = match &coupon {
        Some(c) => Some(coupon_terms(c, email, now)?),
        None => None,
    };
    let lines: Vec<Line> = picked
        .iter()
        .map(|p| Line {
            ticket_type_id: p.ticket_type.id,
            unit_price_minor: p.ticket_type.price_minor,
            quantity: p.quantity,
        })
        .collect();
    let fee = fee_rule(state, &org, currency).await?;
    let priced = domain::pricing::price(&lines, terms.as_ref(), fee).map_err(|e| match e {
        PricingError::BelowMinimum { min_order_minor } => coupon_error(
            "below_minimum",
            &format!(
                "this coupon needs an order of at least {}",
                common::Money::from_minor(min_order_minor, currency).amount
            ),
        ),
        PricingError::NotApplicable => coupon_error(
            "not_applicable",
            "this coupon does not apply to these tickets",
        ),
        other => AppError::internal(anyhow::anyhow!("pricing failed: {other:?}")),
    })?;
    let index: HashMap<Uuid, usize> = types.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let lines = picked
        .into_iter()
        .filter_map(|p| Some((*index.get(&p.ticket_type.id)?, p.quantity, p.attendees)))
        .collect();
    Ok(Prepared {
        event,
        org,
        types,
        coupon,
        priced,
        currency,
        lines,
    })
}

pub async fn quote(state: &AppState, slug: &str, input: QuoteOrder) -> AppResult<PriceBreakdown> {
    let email = input.email.as_deref().map(db::users::normalize_email);
    let p = prepare(
        state,
        slug,
        &input.items,
        input.coupon_code.as_deref(),
        input.access_code.as_deref(),
        email.as_deref(),
        state.now(),
    )
    .await?;
    Ok(order_view::breakdown(
        &p.priced,
        p.currency,
        &p.types,
        p.coupon.as_ref().map(|c| c.code.clone()),
    ))
}

/// Strips spaces, dashes, dots and parentheses; `00` becomes `+`. E.164 or a field error.
pub fn normalize_phone(raw: &str) -> Option<String> {
    let mut digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if let Some(rest) = digits.strip_prefix("00") {
        digits = format!("+{rest}");
    }
    common::users::is_e164(&digits).then_some(digits)
}

struct BuyerDetails {
    name: String,
    email: String,
    phone: Option<String>,
}

async fn buyer(state: &AppState, caller: &Caller, input: &CreateOrder) -> AppResult<BuyerDetails> {
    let profile = match caller.user_id {
        Some(id) => db::users::find(&state.db, id).await?,
        None => None,
    };
    let b = &input.buyer;
    let name = b
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .or_else(|| profile.as_ref().map(|p| p.name.clone()))
        .unwrap_or_default();
    let email = b
        .email
        .as_deref()
        .map(db::users::normalize_email)
        .filter(|e| !e.is_empty())
        .or_else(|| profile.as_ref().map(|p| p.email.clone()))
        .unwrap_or_default();
    let phone_raw = b
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .or_else(|| profile.as_ref().and_then(|p| p.phone.clone()));
    let mut errors = Errors::default();
    if name.is_empty() {
        errors.push("buyer.name", "required", "tell us who is buying");
    } else if name.chars().count() > NAME_MAX {
        errors.push("buyer.name", "too_long", "at most 100 characters");
    }
    if email.is_empty() {
        errors.push(
            "buyer.email",
            "required",
            "tickets are sent to this address",
        );
    } else if !validator::ValidateEmail::validate_email(&email) {
        errors.push("buyer.email", "invalid_email", "not an email address");
    }
    let phone = match phone_raw {
        None => None,
        Some(raw) => match normalize_phone(&raw) {
            Some(p) => Some(p),
            None => {
                errors.push(
                    "buyer.phone",
                    "invalid_phone",
                    "use the international format, e.g. +237 6 70 00 00 00",
                );
                None
            }
        },
    };
    if !errors.0.is_empty() {
        return Err(AppError::fields(errors.0));
    }
    Ok(BuyerDetails { name, email, phone })
}

pub const CHECKOUT_PER_IP: &str = "checkout-ip";

/// Places an order: holds its tickets (or confirms it at once when free).
pub async fn place(
    state: &AppState,
    slug: &str,
    caller: &Caller,
    input: CreateOrder,
    idem: Option<&IdemKey>,
) -> AppResult<Order> {
    let limit = rate_limits::Limit {
        bucket: CHECKOUT_PER_IP,
        limit: state.settings.checkout_per_minute,
        window: std::time::Duration::from_secs(60),
    };
    rate_limits::check(state, &[(&limit, &caller.client_ip)]).await?;
    // Already sold can never come back (only holds lapse): after a sell-out most attempts end here,
    // on one indexed read and no write.
    let ids: Vec<Uuid> = input.items.iter().map(|i| i.ticket_type_id).collect();
    for (id, sold, quantity, max) in db::ticket_types::sold_counts(&state.db, slug, &ids).await? {
        let wanted = input
            .items
            .iter()
            .filter(|i| i.ticket_type_id == id)
            .map(|i| i64::from(i.quantity))
            .sum::<i64>();
        // An invalid quantity gets its field error from the full validation instead.
        if wanted > 0 && wanted <= i64::from(max) && i64::from(sold) + wanted > i64::from(quantity)
        {
            return Err(AppError::with_detail(
                ErrorCode::SoldOut,
                "not enough tickets left",
            ));
        }
    }
    let now = state.now();
    let buyer = buyer(state, caller, &input).await?;
    let p = prepare(
        state,
        slug,
        &input.items,
        input.coupon_code.as_deref(),
        input.access_code.as_deref(),
        Some(&buyer.email),
        now,
    )
    .await?;
    let scope = OrgScope::for_buyer_of(p.org.id);
    let lang = input.language.unwrap_or(caller.lang);
    let tickets: u32 = p.lines.iter().map(|(_, q, _)| *q).sum();
    if let Some(key) = idem {
        claim(state, key, now).await?;
    }
    let placed = write_order(state, caller, &p, buyer, lang, tickets, scope, idem, now).await;
    if let (Err(_), Some(key)) = (&placed, idem) {
        // Nothing was written: give the key back so that a retry runs again.
        let tx = db::begin_write(&state.db).await?;
        db::idempotency::abandon(&tx, &key.scope, &key.key).await?;
        tx.commit().await?;
    }
    let (order, free) = placed?;
    after_inventory_change(state, &p.event, free).await;
    Ok(order)
}

/// Claims the idempotency key (committed at once, so that a concurrent duplicate sees it).
async fn claim(state: &AppState, key: &IdemKey, now: DateTime<Utc>) -> AppResult<()> {
    let tx = db::begin_write(&state.db).await?;
    let begun = db::idempotency::begin(&tx, &key.scope, &key.key, &key.request_hash, now).await?;
    tx.commit().await?;
    match begun {
        db::idempotency::Begin::Started => Ok(()),
        // Finished between the route's look and this claim: the caller replays via the route.
        db::idempotency::Begin::Replay { .. } | db::idempotency::Begin::InProgress => {
            Err(AppError::code(ErrorCode::IdempotencyConflict))
        }
        db::idempotency::Begin::Mismatch => Err(AppError::code(ErrorCode::IdempotencyKeyReused)),
    }
}

/// The order's one write transaction; `(order, confirmed at once)`.
#[allow(clippy::too_many_arguments)]
async fn write_order(
    state: &AppState,
    caller: &Caller,
    p: &Prepared,
    buyer: BuyerDetails,
    lang: Lang,
    tickets: u32,
    scope: OrgScope,
    idem: Option<&IdemKey>,
    now: DateTime<Utc>,
) -> AppResult<(Order, bool)> {
    let free = p.priced.total_minor == 0;
    let tx = db::begin_write(&state.db).await?;
    if !free {
        // Free orders hold nothing: the limit is about tickets blocked while unpaid.
        let held = db::orders::tickets_held_by(&tx, scope, p.event.id, &buyer.email, now).await?;
        if held + i64::from(tickets) > i64::from(state.settings.max_held_tickets) {
            return Err(AppError::with_detail(
                ErrorCode::HoldLimitReached,
                format!(
                    "you may hold at most {} tickets of this event at once; finish or cancel your other order first",
                    state.settings.max_held_tickets
                ),
            ));
        }
    }
    let new_items: Vec<db::orders::NewItem> = p
        .lines
        .iter()
        .zip(&p.priced.lines)
        .map(|((i, q, attendees), priced)| {
            let t = &p.types[*i];
            db::orders::NewItem {
                ticket_type_id: t.id,
                capacity_group_id: t.capacity_group_id,
                quantity: i32::try_from(*q).unwrap_or(i32::MAX),
                unit_price_minor: priced.unit_price_minor,
                subtotal_minor: priced.subtotal_minor,
                discount_minor: priced.discount_minor,
                fee_minor: priced.fee_minor,
                attendees: attendees.clone(),
            }
        })
        .collect();
    let claims: Vec<db::inventory::Claim> = new_items
        .iter()
        .map(|i| db::inventory::Claim {
            ticket_type_id: i.ticket_type_id,
            capacity_group_id: i.capacity_group_id,
            quantity: i.quantity,
        })
        .collect();
    let hold = Duration::minutes(i64::from(p.event.hold_minutes.clamp(1, 60)));
    let (order, items) = db::orders::insert(
        &tx,
        scope,
        db::orders::NewOrder {
            event_id: p.event.id,
            user_id: caller.user_id,
            reference: domain::codes::order_reference(rand::random()),
            buyer_name: buyer.name,
            buyer_email: buyer.email.clone(),
            buyer_phone: buyer.phone,
            language: lang.as_str().into(),
            currency: p.currency.code().into(),
            subtotal_minor: p.priced.subtotal_minor,
            discount_minor: p.priced.discount_minor,
            fee_minor: p.priced.fee_minor,
            total_minor: p.priced.total_minor,
            fee_payer: p.priced.payer.as_str().into(),
            coupon_id: p.coupon.as_ref().map(|c| c.id),
            coupon_code: p.coupon.as_ref().map(|c| c.code.clone()),
            holder_key: buyer.email,
            expires_at: now + hold,
            confirmed: free,
            items: new_items,
        },
        now,
    )
    .await?;
    db::order_events::record(
        &tx,
        scope,
        order.id,
        db::order_events::NewOrderEvent {
            kind: "created",
            to_status: Some("pending"),
            actor: ActorKind::Buyer,
            actor_user_id: caller.user_id,
            ..Default::default()
        },
        now,
    )
    .await?;
    let issued = if free {
        order_lifecycle::record_confirmation(
            &tx,
            state,
            scope,
            &order,
            &items,
            order_lifecycle::Actor::SYSTEM,
            now,
        )
        .await?
    } else {
        Vec::new()
    };
    let dto = order_view::assemble(
        state,
        &order_view::Parts {
            order: &order,
            event: &p.event,
            items: &items,
            types: &p.types,
            tickets: &issued,
            payments: &[],
            refunds: &[],
        },
    );
    save_response(&tx, idem, 201, &dto, now).await?;
    // The contended rows last: their locks (PostgreSQL) last only until the commit just below.
    // A refusal here rolls back everything written above.
    if let Some(coupon) = &p.coupon
        && !db::coupons::reserve_use(&tx, scope, coupon, &order.holder_key, now).await?
    {
        return Err(AppError::field_conflict(
            ErrorCode::CouponExhausted,
            "coupon_code",
            "this coupon has been used up",
        ));
    }
    let mut taken = take(&tx, scope, &claims, free).await?;
    // Lapsed holds of this event are swept only when they stand in the way.
    if taken.is_err() && order_lifecycle::sweep_event(&tx, scope, p.event.id, now).await? > 0 {
        taken = take(&tx, scope, &claims, free).await?;
    }
    if let Err(out) = taken {
        return Err(sold_out(&p.types, out));
    }
    tx.commit().await?;
    Ok((dto, free))
}

async fn take(
    tx: &WriteTx,
    scope: OrgScope,
    claims: &[db::inventory::Claim],
    free: bool,
) -> AppResult<Result<(), db::inventory::SoldOut>> {
    Ok(if free {
        db::inventory::sell(tx, scope, claims).await?
    } else {
        db::inventory::hold(tx, scope, claims).await?
    })
}

async fn save_response(
    tx: &WriteTx,
    idem: Option<&IdemKey>,
    status: u16,
    dto: &Order,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if let Some(k) = idem {
        let body = serde_json::to_string(dto).map_err(AppError::internal)?;
        db::idempotency::complete(tx, &k.scope, &k.key, status, &body, now).await?;
    }
    Ok(())
}

fn sold_out(types: &[TicketTypeRow], out: db::inventory::SoldOut) -> AppError {
    let detail = match out {
        db::inventory::SoldOut::TicketType(id) => {
            let name = types
                .iter()
                .find(|t| t.id == id)
                .and_then(|t| t.name_en.clone().or_else(|| t.name_fr.clone()))
                .unwrap_or_default();
            format!("not enough \"{name}\" tickets left")
        }
        db::inventory::SoldOut::CapacityGroup(_) => "not enough tickets left".to_owned(),
    };
    AppError::with_detail(ErrorCode::SoldOut, detail)
}

/// After a commit that moved inventory: the public page shows fresh counts, and confirmation
/// emails leave at once. (Discovery's popularity is refreshed by the worker, not per sale: the
/// event row would otherwise be a second hot lock during a drop.)
pub async fn after_inventory_change(state: &AppState, event: &EventRow, jobs_enqueued: bool) {
    crate::services::public_events::invalidate_availability(state, &event.slug).await;
    if jobs_enqueued {
        state.jobs_ready.notify_one();
    }
}
