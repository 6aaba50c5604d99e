//! Group commit for SQLite: many small, concurrent write transactions share one commit.
//!
//! SQLite commits one transaction at a time, and with `synchronous = FULL` (kept: a confirmed
//! sale must survive a power cut) each commit waits for an fsync — about 2 ms on our machines,
//! so at most ~450 commits a second however short the transactions. A door at opening time sends
//! far more scans than that. So on SQLite, [`run`] queues the job; whoever next holds this
//! process's writer gate (the same gate as [`begin_write`](crate::begin_write)) takes every queued
//! job, runs each in its own SAVEPOINT inside one `BEGIN IMMEDIATE` transaction, commits once,
//! and then hands each caller its result. A job that fails, or asks to be undone, rolls back its
//! savepoint only. Nobody learns of a success before the commit that makes it durable.
//!
//! The batch runs in a task of its own, so a caller whose request is dropped (client gone) does
//! not cancel the others' work. On PostgreSQL each job simply runs in its own transaction:
//! concurrent commits already share WAL flushes there, and transactions run in parallel.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};
use tokio::sync::oneshot;

use crate::error::DbError;
use crate::transaction::{begin_immediate, gate_for, sqlite_file};

/// Jobs per commit at most; the rest wait for the next one.
const MAX_BATCH: usize = 128;

/// What a job returns: its value, and whether its writes stay (`keep`) or are rolled back (for
/// instance a retried request that found its earlier answer).
pub struct Grouped<R> {
    pub value: R,
    pub keep: bool,
}

pub type JobFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Called once the batch's fate is known: `Ok` when the commit succeeded.
type Deliver = Box<dyn FnOnce(Result<(), &DbErr>) + Send>;
/// A queued job: run in a savepoint, it says whether to keep its writes and how to answer.
type Ran = (bool, Deliver);
type Job = Box<dyn for<'a> FnOnce(&'a DatabaseTransaction) -> JobFuture<'a, Ran> + Send>;
type Queue = Arc<Mutex<Vec<Job>>>;

fn queue_for(file: PathBuf) -> Queue {
    static QUEUES: OnceLock<Mutex<HashMap<PathBuf, Queue>>> = OnceLock::new();
    let queues = QUEUES.get_or_init(Default::default);
    let mut map = queues.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(file).or_default().clone()
}

/// Runs `job` in a write transaction, sharing the commit with concurrent jobs on SQLite.
pub async fn run<R, E, F>(db: &DatabaseConnection, job: F) -> Result<R, E>
where
    R: Send + 'static,
    E: From<DbError> + Send + 'static,
    F: for<'a> FnOnce(&'a DatabaseTransaction) -> JobFuture<'a, Result<Grouped<R>, E>>
        + Send
        + 'static,
{
    let Some(gate) = gate_for(db) else {
        // PostgreSQL: a transaction of its own.
        let tx = db.begin().await.map_err(DbError::from)?;
        let done = job(&tx).await?;
        if done.keep {
            tx.commit().await.map_err(DbError::from)?;
        } else {
            tx.rollback().await.map_err(DbError::from)?;
        }
        return Ok(done.value);
    };

    let (send, receive) = oneshot::channel::<Result<R, E>>();
    let boxed: Job = Box::new(move |tx: &DatabaseTransaction| {
        Box::pin(async move {
            match job(tx).await {
                Ok(done) => {
                    let deliver: Deliver = Box::new(move |committed: Result<(), &DbErr>| {
                        let result = committed
                            .map(|()| done.value)
                            .map_err(|e| E::from(DbError::from(DbErr::Custom(e.to_string()))));
                        let _ = send.send(result);
                    });
                    (done.keep, deliver)
                }
                Err(e) => {
                    let deliver: Deliver = Box::new(move |_| {
                        let _ = send.send(Err(e));
                    });
                    (false, deliver)
                }
            }
        })
    });
    let queue = queue_for(sqlite_file(db));
    queue.lock().unwrap_or_else(|p| p.into_inner()).push(boxed);

    let mut receive = receive;
    // Either an earlier leader runs this job (the answer arrives), or this caller gets the gate
    // and leads the next batch.
    let guard = tokio::select! {
        answer = &mut receive => return answer.unwrap_or_else(|_| Err(lost())),
        guard = gate.lock_owned() => guard,
    };
    let jobs: Vec<Job> = {
        let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
        let n = q.len().min(MAX_BATCH);
        q.drain(..n).collect()
    };
    if !jobs.is_empty() {
        let db = db.clone();
        let batch = tokio::spawn(async move {
            let _guard = guard;
            run_batch(&db, jobs).await;
        });
        let _ = batch.await;
    } else {
        drop(guard);
    }
    receive.await.unwrap_or_else(|_| Err(lost()))
}

fn lost<E: From<DbError>>() -> E {
    E::from(DbError::from(DbErr::Custom(
        "a grouped write was dropped before it ran".into(),
    )))
}

async fn run_batch(db: &DatabaseConnection, jobs: Vec<Job>) {
    // A job dropped unrun drops its sender: its caller gets an error, nothing was written for it.
    let tx = match begin_immediate(db).await {
        Ok(tx) => tx,
        Err(e) => {
            tracing::error!(error = %e, "group commit: cannot begin the batch transaction");
            return;
        }
    };
    let mut delivers = Vec::with_capacity(jobs.len());
    let mut broken = None;
    for job in jobs {
        let savepoint = match tx.begin().await {
            Ok(sp) => sp,
            Err(e) => {
                broken = Some(e);
                break;
            }
        };
        let (keep, deliver) = job(&savepoint).await;
        let ended = if keep {
            savepoint.commit().await
        } else {
            savepoint.rollback().await
        };
        if let Err(e) = ended {
            // The transaction's state is unknown: give up the whole batch.
            deliver(Err(&e));
            broken = Some(e);
            break;
        }
        delivers.push(deliver);
    }
    let committed = match broken {
        Some(e) => {
            tracing::error!(error = %e, "group commit: a savepoint failed, the batch is rolled back");
            if let Err(rb) = tx.rollback().await {
                tracing::error!(error = %rb, "group commit: rollback failed");
            }
            Err(e)
        }
        None => tx.commit().await,
    };
    match &committed {
        Ok(()) => delivers.into_iter().for_each(|d| d(Ok(()))),
        Err(e) => delivers.into_iter().for_each(|d| d(Err(e))),
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement};

    use super::{Grouped, JobFuture, run};
    use crate::error::DbError;
    use crate::testing::TestDb;

    type TestResult = Result<(), Box<dyn Error>>;

    async fn count(db: &sea_orm::DatabaseConnection) -> Result<i64, DbError> {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM group_commit_test",
            ))
            .await?
            .ok_or(DbError::NotFound)?;
        Ok(row.try_get("", "n")?)
    }

    /// Inserts `n`; job 3 asks to be undone, job 5 fails after writing.
    fn job(
        n: i64,
    ) -> impl for<'a> FnOnce(&'a DatabaseTransaction) -> JobFuture<'a, Result<Grouped<i64>, DbError>>
    + Send
    + 'static {
        move |tx: &DatabaseTransaction| {
            Box::pin(async move {
                tx.execute_raw(Statement::from_sql_and_values(
                    tx.get_database_backend(),
                    match tx.get_database_backend() {
                        DbBackend::Postgres => "INSERT INTO group_commit_test (n) VALUES ($1)",
                        _ => "INSERT INTO group_commit_test (n) VALUES (?)",
                    },
                    [n.into()],
                ))
                .await?;
                if n == 5 {
                    return Err(DbError::Conflict("job 5 fails".into()));
                }
                Ok(Grouped {
                    value: n * 10,
                    keep: n != 3,
                })
            })
        }
    }

    async fn concurrent_jobs_each_keep_their_own_result(test_db: &TestDb) -> TestResult {
        let db = &test_db.db;
        db.execute_unprepared("CREATE TABLE group_commit_test (n INTEGER NOT NULL)")
            .await?;
        let runs = (0..40).map(|n| run::<i64, DbError, _>(db, job(n)));
        let results = futures_util::future::join_all(runs).await;
        for (n, r) in results.iter().enumerate() {
            let n = i64::try_from(n)?;
            match n {
                5 => assert!(r.is_err(), "job 5 must fail"),
                _ => assert_eq!(r.as_ref().ok(), Some(&(n * 10)), "job {n}"),
            }
        }
        // 40 jobs, minus the undone one and the failed one.
        assert_eq!(count(db).await?, 38);
        Ok(())
    }

    #[tokio::test]
    async fn concurrent_grouped_jobs_on_sqlite_each_keep_or_undo_their_own_writes() -> TestResult {
        concurrent_jobs_each_keep_their_own_result(&TestDb::sqlite().await).await
    }

    #[tokio::test]
    async fn concurrent_grouped_jobs_on_postgres_each_keep_or_undo_their_own_writes() -> TestResult
    {
        match TestDb::postgres().await {
            Some(test_db) => concurrent_jobs_each_keep_their_own_result(&test_db).await,
            None => {
                eprintln!("SKIPPED: postgres unreachable");
                Ok(())
            }
        }
    }
}
