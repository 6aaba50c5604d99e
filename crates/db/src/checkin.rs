//! Check-in lists, presence of tickets on them, and the scan log. Presence changes are single
//! conditional statements so that of two devices scanning one ticket at once exactly one wins:
//! a first entry inserts the `(list_id, ticket_id)` row with `ON CONFLICT DO NOTHING`, re-entry
//! and exit flip `state` with `WHERE state = ...`; callers check rows affected.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef, Statement,
    TryInsertResult,
};
use uuid::Uuid;

use crate::cursor;
use crate::entities::checkin_lists::{ActiveModel, Column, Entity};
use crate::entities::{checkins, orders, scans, ticket_types, tickets};
use crate::error::{DbError, DbResult};
use crate::scope::OrgScope;

pub use crate::entities::checkin_lists::Model as CheckinListRow;
pub use crate::entities::checkins::Model as CheckinRow;
pub use crate::entities::scans::Model as ScanRow;
pub use crate::entities::tickets::Model as TicketRow;

/// What an organizer sets, validated by the service.
#[derive(Debug, Clone)]
pub struct ListFields {
    pub name: String,
    pub ticket_type_ids: Vec<Uuid>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub allow_reentry: bool,
}

impl ListFields {
    pub fn of(r: &CheckinListRow) -> ListFields {
        ListFields {
            name: r.name.clone(),
            ticket_type_ids: ticket_type_ids(r),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            allow_reentry: r.allow_reentry,
        }
    }

    fn apply(self, m: &mut ActiveModel) {
        m.name = Set(self.name);
        m.ticket_type_ids = Set(serde_json::json!(self.ticket_type_ids));
        m.starts_at = Set(self.starts_at);
        m.ends_at = Set(self.ends_at);
        m.allow_reentry = Set(self.allow_reentry);
    }
}

pub fn ticket_type_ids(r: &CheckinListRow) -> Vec<Uuid> {
    serde_json::from_value(r.ticket_type_ids.clone()).unwrap_or_default()
}

pub async fn lists_for_event<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<CheckinListRow>> {
    Ok(Entity::find()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::CreatedAt)
        .order_by_asc(Column::Id)
        .all(conn)
        .await?)
}

pub async fn get_list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<CheckinListRow> {
    Entity::find_by_id(id)
        .filter(Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?
        .ok_or(DbError::NotFound)
}

pub async fn insert_list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
    f: ListFields,
    now: DateTime<Utc>,
) -> DbResult<CheckinListRow> {
    let mut model = ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        event_id: Set(event_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    f.apply(&mut model);
    Ok(model.insert(conn).await?)
}

pub async fn update_list<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    current: CheckinListRow,
    f: ListFields,
    now: DateTime<Utc>,
) -> DbResult<CheckinListRow> {
    if current.org_id != scope.org_id() {
        return Err(DbError::NotFound);
    }
    let mut model: ActiveModel = current.into();
    f.apply(&mut model);
    model.updated_at = Set(now);
    Ok(model.update(conn).await?)
}

/// Deletes a list with its presence rows and scan log (foreign keys cascade).
pub async fn delete_list<C: ConnectionTrait>(conn: &C, scope: OrgScope, id: Uuid) -> DbResult<()> {
    let res = Entity::delete_many()
        .filter(Column::OrgId.eq(scope.org_id()))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Valid tickets of an event, counted by ticket type.
pub async fn valid_tickets_by_type<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    event_id: Uuid,
) -> DbResult<Vec<(Uuid, i64)>> {
    Ok(tickets::Entity::find()
        .select_only()
        .column(tickets::Column::TicketTypeId)
        .expr(Expr::col(tickets::Column::Id).count())
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::EventId.eq(event_id))
        .filter(tickets::Column::Status.eq("valid"))
        .group_by(tickets::Column::TicketTypeId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Tickets inside right now on each of `list_ids`: `(list id, ticket type id, count)`.
pub async fn inside_by_type<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    list_ids: &[Uuid],
) -> DbResult<Vec<(Uuid, Uuid, i64)>> {
    if list_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(checkins::Entity::find()
        .select_only()
        .column(checkins::Column::ListId)
        .column(checkins::Column::TicketTypeId)
        .expr(Expr::col(checkins::Column::Id).count())
        .filter(checkins::Column::OrgId.eq(scope.org_id()))
        .filter(checkins::Column::ListId.is_in(list_ids.iter().copied()))
        .filter(checkins::Column::State.eq("in"))
        .group_by(checkins::Column::ListId)
        .group_by(checkins::Column::TicketTypeId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// A ticket with what the door needs besides: its order's status and its type's names, read in
/// one query (a scan is on the hot path of opening time).
#[derive(Debug, Clone, FromQueryResult)]
pub struct DoorTicketRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub event_id: Uuid,
    pub order_id: Uuid,
    pub order_item_id: Uuid,
    pub ticket_type_id: Uuid,
    pub code: String,
    pub attendee_name: String,
    pub status: String,
    pub position: i32,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub order_status: Option<String>,
    pub type_name_en: Option<String>,
    pub type_name_fr: Option<String>,
}

impl DoorTicketRow {
    pub fn ticket(&self) -> TicketRow {
        TicketRow {
            id: self.id,
            org_id: self.org_id,
            event_id: self.event_id,
            order_id: self.order_id,
            order_item_id: self.order_item_id,
            ticket_type_id: self.ticket_type_id,
            code: self.code.clone(),
            attendee_name: self.attendee_name.clone(),
            status: self.status.clone(),
            position: self.position,
            checked_in_at: self.checked_in_at,
            // Not read at the door: the status says whether a refund voided the ticket.
            refund_id: None,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// How the scanned code names the ticket.
#[derive(Debug, Clone, Copy)]
pub enum TicketKey<'a> {
    Id(Uuid),
    /// Grouped code (`XXXX-XXXX-XXXX-XXXX`).
    Code(&'a str),
}

pub async fn door_ticket<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    key: TicketKey<'_>,
) -> DbResult<Option<DoorTicketRow>> {
    let to_order: RelationDef = tickets::Entity::belongs_to(orders::Entity)
        .from(tickets::Column::OrderId)
        .to(orders::Column::Id)
        .into();
    let to_type: RelationDef = tickets::Entity::belongs_to(ticket_types::Entity)
        .from(tickets::Column::TicketTypeId)
        .to(ticket_types::Column::Id)
        .into();
    let mut q = tickets::Entity::find()
        .column_as(orders::Column::Status, "order_status")
        .column_as(ticket_types::Column::NameEn, "type_name_en")
        .column_as(ticket_types::Column::NameFr, "type_name_fr")
        .join(JoinType::LeftJoin, to_order)
        .join(JoinType::LeftJoin, to_type)
        .filter(tickets::Column::OrgId.eq(scope.org_id()));
    q = match key {
        TicketKey::Id(id) => q.filter(tickets::Column::Id.eq(id)),
        TicketKey::Code(code) => q.filter(tickets::Column::Code.eq(code)),
    };
    Ok(q.into_model::<DoorTicketRow>().one(conn).await?)
}

pub async fn ticket_by_id<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    id: Uuid,
) -> DbResult<Option<TicketRow>> {
    Ok(tickets::Entity::find_by_id(id)
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .one(conn)
        .await?)
}

/// By its grouped code (`XXXX-XXXX-XXXX-XXXX`).
pub async fn ticket_by_code<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    code: &str,
) -> DbResult<Option<TicketRow>> {
    Ok(tickets::Entity::find()
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::Code.eq(code))
        .one(conn)
        .await?)
}

pub async fn order_status<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order_id: Uuid,
) -> DbResult<Option<String>> {
    Ok(orders::Entity::find_by_id(order_id)
        .select_only()
        .column(orders::Column::Status)
        .filter(orders::Column::OrgId.eq(scope.org_id()))
        .into_tuple::<String>()
        .one(conn)
        .await?)
}

pub async fn presence<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    list_id: Uuid,
    ticket_id: Uuid,
) -> DbResult<Option<CheckinRow>> {
    Ok(checkins::Entity::find()
        .filter(checkins::Column::OrgId.eq(scope.org_id()))
        .filter(checkins::Column::ListId.eq(list_id))
        .filter(checkins::Column::TicketId.eq(ticket_id))
        .one(conn)
        .await?)
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub list_id: Uuid,
    pub ticket_id: Uuid,
    pub ticket_type_id: Uuid,
    pub at: DateTime<Utc>,
    pub gate: Option<String>,
    pub by: Uuid,
}

/// A ticket's first entry on a list; `false` when it already has a presence row there.
pub async fn enter_first<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    e: &Entry,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = checkins::Entity::insert(checkins::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_id: Set(scope.org_id()),
        list_id: Set(e.list_id),
        ticket_id: Set(e.ticket_id),
        ticket_type_id: Set(e.ticket_type_id),
        state: Set("in".into()),
        first_entry_at: Set(e.at),
        last_entry_at: Set(e.at),
        last_entry_gate: Set(e.gate.clone()),
        last_entry_by: Set(e.by),
        last_exit_at: Set(None),
        entries: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([checkins::Column::ListId, checkins::Column::TicketId])
    .exec_without_returning(conn)
    .await?;
    Ok(matches!(res, TryInsertResult::Inserted(1)))
}

/// A ticket's first entry on a list, with `tickets.checked_in_at` stamped when this is its first
/// entry through any list; `false` when it already has a presence row there. On PostgreSQL one
/// statement (a data-modifying CTE): scans at opening time are bound by round trips.
pub async fn enter_first_and_stamp<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    e: &Entry,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    if conn.get_database_backend() != DbBackend::Postgres {
        let entered = enter_first(conn, scope, e, now).await?;
        if entered {
            stamp_ticket(conn, scope, e.ticket_id, e.at, now).await?;
        }
        return Ok(entered);
    }
    let sql = "WITH ins AS (
            INSERT INTO checkins (id, org_id, list_id, ticket_id, ticket_type_id, state,
                first_entry_at, last_entry_at, last_entry_gate, last_entry_by, last_exit_at,
                entries, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, 'in', $6, $6, $7, $8, NULL, 1, $9, $9)
            ON CONFLICT (list_id, ticket_id) DO NOTHING
            RETURNING ticket_id
        ), stamp AS (
            UPDATE tickets SET checked_in_at = $6, updated_at = $9
            WHERE id IN (SELECT ticket_id FROM ins) AND org_id = $2 AND checked_in_at IS NULL
        )
        SELECT COUNT(*) AS n FROM ins";
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [
                Uuid::now_v7().into(),
                scope.org_id().into(),
                e.list_id.into(),
                e.ticket_id.into(),
                e.ticket_type_id.into(),
                e.at.into(),
                e.gate.clone().into(),
                e.by.into(),
                now.into(),
            ],
        ))
        .await?
        .ok_or(DbError::NotFound)?;
    let n: i64 = row.try_get("", "n")?;
    Ok(n == 1)
}

/// Back in after an exit; `false` unless the ticket was out.
pub async fn reenter<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    e: &Entry,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = checkins::Entity::update_many()
        .col_expr(checkins::Column::State, Expr::value("in"))
        .col_expr(checkins::Column::LastEntryAt, Expr::value(e.at))
        .col_expr(checkins::Column::LastEntryGate, Expr::value(e.gate.clone()))
        .col_expr(checkins::Column::LastEntryBy, Expr::value(e.by))
        .col_expr(
            checkins::Column::Entries,
            Expr::col(checkins::Column::Entries).add(1),
        )
        .col_expr(checkins::Column::UpdatedAt, Expr::value(now))
        .filter(checkins::Column::OrgId.eq(scope.org_id()))
        .filter(checkins::Column::ListId.eq(e.list_id))
        .filter(checkins::Column::TicketId.eq(e.ticket_id))
        .filter(checkins::Column::State.eq("out"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Out through the door; `false` unless the ticket was in.
pub async fn exit<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    list_id: Uuid,
    ticket_id: Uuid,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = checkins::Entity::update_many()
        .col_expr(checkins::Column::State, Expr::value("out"))
        .col_expr(checkins::Column::LastExitAt, Expr::value(Some(at)))
        .col_expr(checkins::Column::UpdatedAt, Expr::value(now))
        .filter(checkins::Column::OrgId.eq(scope.org_id()))
        .filter(checkins::Column::ListId.eq(list_id))
        .filter(checkins::Column::TicketId.eq(ticket_id))
        .filter(checkins::Column::State.eq("in"))
        .exec(conn)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves a ticket's first entry on a list back to `e` (an offline scan that happened before the
/// entry recorded first), and its `checked_in_at` with it.
pub async fn backdate_first_entry<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    e: &Entry,
    now: DateTime<Utc>,
) -> DbResult<()> {
    checkins::Entity::update_many()
        .col_expr(checkins::Column::FirstEntryAt, Expr::value(e.at))
        .col_expr(checkins::Column::UpdatedAt, Expr::value(now))
        .filter(checkins::Column::OrgId.eq(scope.org_id()))
        .filter(checkins::Column::ListId.eq(e.list_id))
        .filter(checkins::Column::TicketId.eq(e.ticket_id))
        .filter(checkins::Column::FirstEntryAt.gt(e.at))
        .exec(conn)
        .await?;
    tickets::Entity::update_many()
        .col_expr(tickets::Column::CheckedInAt, Expr::value(Some(e.at)))
        .col_expr(tickets::Column::UpdatedAt, Expr::value(now))
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::Id.eq(e.ticket_id))
        .filter(tickets::Column::CheckedInAt.gt(e.at))
        .exec(conn)
        .await?;
    Ok(())
}

/// Stamps `tickets.checked_in_at` on the ticket's first entry through any list.
pub async fn stamp_ticket<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    ticket_id: Uuid,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    tickets::Entity::update_many()
        .col_expr(tickets::Column::CheckedInAt, Expr::value(Some(at)))
        .col_expr(tickets::Column::UpdatedAt, Expr::value(now))
        .filter(tickets::Column::OrgId.eq(scope.org_id()))
        .filter(tickets::Column::Id.eq(ticket_id))
        .filter(tickets::Column::CheckedInAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct NewScan {
    pub id: Uuid,
    pub list_id: Uuid,
    pub event_id: Uuid,
    pub ticket_id: Option<Uuid>,
    pub direction: String,
    pub outcome: String,
    pub gate: Option<String>,
    pub scanned_by: Uuid,
    pub nonce: String,
    pub scanned_at: DateTime<Utc>,
    pub result: serde_json::Value,
    pub device: Option<Uuid>,
    /// What an offline scanner showed, for synced scans.
    pub offline_outcome: Option<String>,
    pub conflict: bool,
}

/// Records a scan; `false` when this member already sent this nonce on this list (the caller
/// rolls back and replays the first one).
pub async fn record_scan<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    s: NewScan,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = scans::Entity::insert(scans::ActiveModel {
        id: Set(s.id),
        org_id: Set(scope.org_id()),
        list_id: Set(s.list_id),
        event_id: Set(s.event_id),
        ticket_id: Set(s.ticket_id),
        direction: Set(s.direction),
        outcome: Set(s.outcome),
        gate: Set(s.gate),
        scanned_by: Set(s.scanned_by),
        device: Set(s.device.map(|d| d.to_string())),
        nonce: Set(s.nonce),
        scanned_at: Set(s.scanned_at),
        result: Set(s.result),
        offline_outcome: Set(s.offline_outcome),
        conflict: Set(s.conflict),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        scans::Column::ListId,
        scans::Column::ScannedBy,
        scans::Column::Nonce,
    ])
    .exec_without_returning(conn)
    .await?;
    Ok(matches!(res, TryInsertResult::Inserted(1)))
}

pub async fn find_scan<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    list_id: Uuid,
    scanned_by: Uuid,
    nonce: &str,
) -> DbResult<Option<ScanRow>> {
    Ok(scans::Entity::find()
        .filter(scans::Column::OrgId.eq(scope.org_id()))
        .filter(scans::Column::ListId.eq(list_id))
        .filter(scans::Column::ScannedBy.eq(scanned_by))
        .filter(scans::Column::Nonce.eq(nonce))
        .one(conn)
        .await?)
}

/// A list's scans, newest recorded first.
pub async fn scans_page<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    list_id: Uuid,
    conflicts_only: bool,
    limit: u64,
    after: Option<&str>,
) -> DbResult<(Vec<ScanRow>, Option<String>)> {
    let mut query = scans::Entity::find()
        .filter(scans::Column::OrgId.eq(scope.org_id()))
        .filter(scans::Column::ListId.eq(list_id));
    if conflicts_only {
        query = query.filter(scans::Column::Conflict.eq(true));
    }
    let rows = query
        .filter(cursor::before(
            scans::Column::CreatedAt,
            scans::Column::Id,
            after,
        ))
        .order_by_desc(scans::Column::CreatedAt)
        .order_by_desc(scans::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    Ok(cursor::page(rows, limit, |r| (r.created_at, r.id)))
}
