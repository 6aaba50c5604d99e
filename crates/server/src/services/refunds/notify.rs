//! Telling the buyer what became of a refund, by email (a job, rendered from the database when
//! it runs).

use chrono::{DateTime, Utc};
use common::Currency;
use db::{ConnectionTrait, OrgScope};
use integrations::emails::{RefundNews, RefundUpdate, refund_update};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::join;
use crate::services::order_delivery::format_money;
use crate::services::order_lifecycle::lang_of;
use crate::services::order_view;
use crate::state::AppState;

pub const REFUND_NEWS: &str = "refund_news";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum News {
    Refunded,
    Rejected,
    PaidTooLate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefundNewsJob {
    pub refund_id: Uuid,
    pub org_id: Uuid,
    pub news: News,
}

pub(super) async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    refund_id: Uuid,
    news: RefundNews,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let news = match news {
        RefundNews::Refunded => News::Refunded,
        RefundNews::Rejected => News::Rejected,
        RefundNews::PaidTooLate => News::PaidTooLate,
    };
    let payload = serde_json::to_value(RefundNewsJob {
        refund_id,
        org_id: scope.org_id(),
        news,
    })
    .map_err(AppError::internal)?;
    db::jobs::enqueue(conn, REFUND_NEWS, payload, now, now).await?;
    Ok(())
}

pub async fn send_news(state: &AppState, job: &RefundNewsJob) -> anyhow::Result<()> {
    let scope = OrgScope::for_platform_operation(job.org_id);
    let refund = db::refunds::get(&state.db, scope, job.refund_id).await?;
    let order = db::orders::get(&state.db, scope, refund.order_id).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    let lang = lang_of(&order);
    let email = refund_update(
        lang,
        &order.buyer_email,
        &RefundUpdate {
            news: match job.news {
                News::Refunded => RefundNews::Refunded,
                News::Rejected => RefundNews::Rejected,
                News::PaidTooLate => RefundNews::PaidTooLate,
            },
            buyer_name: order.buyer_name.clone(),
            event_title: join(&event.title_en, &event.title_fr).get(lang).to_owned(),
            reference: order.reference.clone(),
            amount: format_money(
                refund.amount_minor,
                Currency::from_code(&refund.currency).unwrap_or(Currency::XAF),
            ),
            note: refund.decision_note.clone(),
            order_link: crate::services::mail::link(state, &order_view::page_path(state, order.id)),
        },
    );
    state.mailer.send(&email).await?;
    Ok(())
}
