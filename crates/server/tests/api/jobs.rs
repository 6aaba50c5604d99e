//! The worker's bookkeeping: a failing job is kept for a retry with backoff while the others run.

use crate::db_test;
use crate::support::TestApp;

db_test!(
    a_failing_job_is_kept_for_a_later_retry_while_the_next_one_runs,
    |app: TestApp| async move {
        let now = app.state.now();
        db::jobs::enqueue(
            &app.state.db,
            "no_such_kind",
            serde_json::json!({}),
            now,
            now,
        )
        .await
        .unwrap();
        let email = reckot_server::services::mail::EmailJob::PasswordChanged {
            to: "someone@example.com".into(),
            name: "Someone".into(),
            lang: common::Lang::Fr,
        };
        reckot_server::services::mail::enqueue(&app.state.db, &app.state, &email)
            .await
            .unwrap();
        let ran = reckot_server::jobs::drain(&app.state).await.unwrap();
        assert_eq!(ran, 2);
        // The failed one waits for its backoff; the email was sent and is done.
        assert_eq!(db::jobs::pending_count(&app.state.db).await.unwrap(), 1);
        assert_eq!(app.emails_to("someone@example.com").await.len(), 1);
        assert_eq!(reckot_server::jobs::drain(&app.state).await.unwrap(), 0);
        app.clock.advance(chrono::Duration::seconds(31));
        assert_eq!(
            reckot_server::jobs::drain(&app.state).await.unwrap(),
            1,
            "retried after 30 s"
        );
    }
);
