//! Tickets as a door sees them: each with its order's status and its presence on one list, for
//! the name search and for the offline copy a scanner downloads. One query per page (tickets
//! joined to their order and left-joined to the list's presence rows), paged by ticket id.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use uuid::Uuid;

use crate::entities::{checkins, orders, tickets};
use crate::error::DbResult;
use crate::scope::OrgScope;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorTicket {
    pub id: Uuid,
    pub code: String,
    pub attendee_name: String,
    pub ticket_type_id: Uuid,
    /// `tickets.status`: valid, cancelled, refunded.
    pub status: String,
    /// `orders.status`.
    pub order_status: String,
    /// `checkins.state` on the list: `in`, `out`, or none.
    pub presence: Option<String>,
    pub last_entry_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What to look for; `None` pages through every ticket of the event.
#[derive(Debug, Clone, Default)]
pub struct DoorSearch {
    /// Lowercased text matched inside the attendee's name and the buyer's email.
    pub text: Option<String>,
    /// A normalized ticket code or an uppercased order reference, matched exactly.
    pub exact: Option<String>,
}

fn row(r: &QueryResult) -> Result<DoorTicket, DbErr> {
    Ok(DoorTicket {
        id: r.try_get("", "id")?,
        code: r.try_get("", "code")?,
        attendee_name: r.try_get("", "attendee_name")?,
        ticket_type_id: r.try_get("", "ticket_type_id")?,
        status: r.try_get("", "status")?,
        order_status: r.try_get("", "order_status")?,
        presence: r.try_get("", "presence")?,
        last_entry_at: r.try_get("", "last_entry_at")?,
    })
}

/// A page of the event's tickets after ticket id `after`, in id order; the cursor of the next
/// page is the last id when the page is full.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    list_id: Uuid,
    search: &DoorSearch,
    limit: u64,
    after: Option<Uuid>,
) -> DbResult<(Vec<DoorTicket>, Option<Uuid>)> {
    let t = Alias::new("t");
    let o = Alias::new("o");
    let c = Alias::new("c");
    let mut q = Query::select();
    q.column((t.clone(), tickets::Column::Id))
        .column((t.clone(), tickets::Column::Code))
        .column((t.clone(), tickets::Column::AttendeeName))
        .column((t.clone(), tickets::Column::TicketTypeId))
        .column((t.clone(), tickets::Column::Status))
        .expr_as(
            Expr::col((o.clone(), orders::Column::Status)),
            Alias::new("order_status"),
        )
        .expr_as(
            Expr::col((c.clone(), checkins::Column::State)),
            Alias::new("presence"),
        )
        .column((c.clone(), checkins::Column::LastEntryAt))
        .from_as(tickets::Entity, t.clone())
        .join_as(
            JoinType::InnerJoin,
            orders::Entity,
            o.clone(),
            Expr::col((o.clone(), orders::Column::Id))
                .equals((t.clone(), tickets::Column::OrderId)),
        )
        .join_as(
            JoinType::LeftJoin,
            checkins::Entity,
            c.clone(),
            Expr::col((c.clone(), checkins::Column::TicketId))
                .equals((t.clone(), tickets::Column::Id))
                .and(Expr::col((c.clone(), checkins::Column::ListId)).eq(list_id)),
        )
        .and_where(Expr::col((t.clone(), tickets::Column::OrgId)).eq(scope.org_id()))
        .and_where(Expr::col((t.clone(), tickets::Column::EventId)).eq(event_id))
        .and_where(Expr::col((o.clone(), orders::Column::OrgId)).eq(scope.org_id()));
    if let Some(after) = after {
        q.and_where(Expr::col((t.clone(), tickets::Column::Id)).gt(after));
    }
    if search.text.is_some() || search.exact.is_some() {
        let mut any = sea_orm::Condition::any();
        if let Some(text) = &search.text {
            // Wildcards typed by the user are dropped, as in the bookings search.
            let pattern = format!("%{}%", text.replace(['%', '_'], ""));
            any = any
                .add(
                    Expr::expr(Func::lower(Expr::col((
                        t.clone(),
                        tickets::Column::AttendeeName,
                    ))))
                    .like(pattern.clone()),
                )
                .add(
                    Expr::expr(Func::lower(Expr::col((
                        o.clone(),
                        orders::Column::BuyerEmail,
                    ))))
                    .like(pattern),
                );
        }
        if let Some(exact) = &search.exact {
            any = any
                .add(Expr::col((t.clone(), tickets::Column::Code)).eq(exact.clone()))
                .add(Expr::col((o.clone(), orders::Column::Reference)).eq(exact.clone()));
        }
        q.cond_where(any);
    }
    q.order_by((t.clone(), tickets::Column::Id), sea_orm::Order::Asc)
        .limit(limit + 1);
    let rows = conn.query_all(&q).await?;
    let mut out = rows.iter().map(row).collect::<Result<Vec<_>, DbErr>>()?;
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let next = if out.len() > limit {
        out.truncate(limit);
        out.last().map(|r| r.id)
    } else {
        None
    };
    Ok((out, next))
}
