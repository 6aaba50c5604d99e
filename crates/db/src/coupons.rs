//! Coupons of one event, and the use counters that make their limits hold under concurrency:
//! a use is reserved with a conditional UPDATE (`used < max_uses`) in the order's transaction and
//! given back when the order lapses. Per-email limits use their own counter row per
//! (coupon, email), created on first use.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::entities::coupon_email_uses;
use crate::entities::coupons::{ActiveModel, Column, Entity};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::coupons::Model as CouponRow;

/// What an organizer sets, validated by the service. `code` is upper case.
#[derive(Debug, Clone)]
pub struct CouponFields {
    pub kind: String,
    pub percent_bp: Option<i32>,
    pub amount_minor: Option<i64>,
    pub ticket_type_ids: Vec<Uuid>,
    pub min_order_minor: Option<i64>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i32>,
    pub max_uses_per_email: Option<i32>,
    pub allowed_emails: Vec<String>,
    pub active: bool,
}

impl CouponFields {
    pub fn of(r: &CouponRow) -> CouponFields {
        CouponFields {
            kind: r.kind.clone(),
            percent_bp: r.percent_bp,
            amount_minor: r.amount_minor,
            ticket_type_ids: ticket_type_ids(r),
            min_order_minor: r.min_order_minor,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            max_uses: r.max_uses,
            max_uses_per_email: r.max_uses_per_email,
            allowed_emails: allowed_emails(r),
            active: r.active,
        }
    }

    fn apply(self, m: &mut ActiveModel) {
        m.kind = Set(self.kind);
        m.percent_bp = Set(self.percent_bp);
        m.amount_minor = Set(self.amount_minor);
        m.ticket_type_ids = Set(serde_json::json!(self.ticket_type_ids));
        m.min_order_minor = Set(self.min_order_minor);
        m.starts_at = Set(self.starts_at);
        m.ends_at = Set(self.ends_at);
        m.max_uses = Set(self.max_uses);
        m.max_uses_per_email = Set(self.max_uses_per_email);
        m.allowed_emails = Set(serde_json::json!(self.allowed_emails));
        m.active = Set(self.active);
    }
}

pub fn ticket_type_ids(r: &CouponRow) -> Vec<Uuid> {
    serde_json::from_value(r.ticket_type_ids.clone()).unwrap_or_default()
}

pub fn allowed_emails(r: &CouponRow) -> Vec<String> {
    serde_json::from_value(r.allowed_emails.clone()).unwrap_or_default()
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<CouponRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<CouponRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

/// By the code a buyer typed (already upper-cased).
pub async fn find_by_code<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    code: &str,
) -> DbResult<Option<CouponRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .filter(Column::Code.eq(code))
        .one(conn)
        .await?)
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    code: &str,
    f: CouponFields,
    now: DateTime<Utc>,
) -> DbResult<CouponRow> {
    let mut model = ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        event_id: Set(event_id),
        code: Set(code.to_owned()),
        used: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    f.apply(&mut model);
    Ok(model.insert(conn).await?)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
    f: CouponFields,
    now: DateTime<Utc>,
) -> DbResult<CouponRow> {
    let current = get(conn, scope, event_id, id).await?;
    let mut model: ActiveModel = current.into();
    f.apply(&mut model);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Deletes a coupon no order references yet; `false` when it has been used (deactivate instead).
pub async fn delete_unused<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    id: Uuid,
) -> DbResult<bool> {
    get(conn, scope, event_id, id).await?;
    let res = Entity::delete_many()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Used.eq(0))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Reserves one use of the coupon for `email`; `false` when the overall or per-email limit is
/// reached (the caller rolls back: the overall counter may already have been bumped).
pub async fn reserve_use<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    coupon: &CouponRow,
    email: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let overall = Entity::update_many()
        .col_expr(Column::Used, Expr::col(Column::Used).add(1))
        .filter(Column::Id.eq(coupon.id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(
            Condition::any()
                .add(Column::MaxUses.is_null())
                .add(Expr::col(Column::Used).lt(Expr::col(Column::MaxUses))),
        )
        .exec(conn)
        .await?;
    if overall.rows_affected != 1 {
        return Ok(false);
    }
    // Counted even without a per-email limit, so that adding one later sees past uses.
    coupon_email_uses::Entity::insert(coupon_email_uses::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        coupon_id: Set(coupon.id),
        email: Set(email.to_owned()),
        used: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        coupon_email_uses::Column::CouponId,
        coupon_email_uses::Column::Email,
    ])
    .exec(conn)
    .await?;
    let mut per_email = coupon_email_uses::Entity::update_many()
        .col_expr(
            coupon_email_uses::Column::Used,
            Expr::col(coupon_email_uses::Column::Used).add(1),
        )
        .col_expr(coupon_email_uses::Column::UpdatedAt, Expr::value(now))
        .filter(coupon_email_uses::Column::CouponId.eq(coupon.id))
        .filter(coupon_email_uses::Column::Email.eq(email));
    if let Some(limit) = coupon.max_uses_per_email {
        per_email = per_email.filter(coupon_email_uses::Column::Used.lt(limit));
    }
    Ok(per_email.exec(conn).await?.rows_affected == 1)
}

/// Gives back a use reserved by an order that lapsed or was cancelled.
pub async fn release_use<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    coupon_id: Uuid,
    email: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    Entity::update_many()
        .col_expr(Column::Used, Expr::col(Column::Used).sub(1))
        .filter(Column::Id.eq(coupon_id))
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Used.gt(0))
        .exec(conn)
        .await?;
    coupon_email_uses::Entity::update_many()
        .col_expr(
            coupon_email_uses::Column::Used,
            Expr::col(coupon_email_uses::Column::Used).sub(1),
        )
        .col_expr(coupon_email_uses::Column::UpdatedAt, Expr::value(now))
        .filter(coupon_email_uses::Column::CouponId.eq(coupon_id))
        .filter(coupon_email_uses::Column::Email.eq(email))
        .filter(coupon_email_uses::Column::Used.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}
