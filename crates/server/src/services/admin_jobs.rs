//! The platform admins' view of the job queue: what is waiting, done or failed for good, and a
//! retry for the failed ones (emails, refunds and payouts that exhausted their attempts).

use common::finance::{AdminJob, JobStatus, ListJobsQuery};
use common::page::PageQuery;
use common::{ErrorCode, Page};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

fn dto(row: db::jobs::JobRow) -> AdminJob {
    AdminJob {
        id: row.id,
        kind: row.kind,
        status: JobStatus::parse(&row.status).unwrap_or(JobStatus::Pending),
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        max_attempts: u32::try_from(row.max_attempts).unwrap_or(0),
        run_at: row.run_at,
        last_error: row.last_error,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub async fn list(state: &AppState, q: ListJobsQuery) -> AppResult<Page<AdminJob>> {
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let (rows, next_cursor) = db::jobs::list(
        &state.db,
        q.status.map(JobStatus::as_str),
        page.cursor.as_deref(),
        page.limit(),
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(dto).collect(),
        next_cursor,
    })
}

pub async fn retry(state: &AppState, id: Uuid) -> AppResult<AdminJob> {
    let tx = db::begin_write(&state.db).await?;
    if !db::jobs::retry(&tx, id, state.now()).await? {
        db::jobs::get(&tx, id).await?;
        return Err(AppError::with_detail(
            ErrorCode::Conflict,
            "only a job that failed for good can be retried",
        ));
    }
    tx.commit().await?;
    state.jobs_ready.notify_one();
    tracing::info!(job.id = %id, "platform admin retried a job");
    Ok(dto(db::jobs::get(&state.db, id).await?))
}
