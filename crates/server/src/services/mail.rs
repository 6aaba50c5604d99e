//! Emails as durable jobs: enqueued in the transaction that causes them, rendered and sent by
//! the worker, retried on failure.

use common::{Lang, Role};
use db::ConnectionTrait;
use integrations::emails;
use integrations::mailer::Email;
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::state::AppState;

pub const JOB_KIND: &str = "send_email";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum EmailJob {
    VerifyEmail {
        to: String,
        name: String,
        lang: Lang,
        link: String,
    },
    AccountExists {
        to: String,
        name: String,
        lang: Lang,
        login_link: String,
        reset_link: String,
    },
    PasswordReset {
        to: String,
        name: String,
        lang: Lang,
        link: String,
    },
    PasswordChanged {
        to: String,
        name: String,
        lang: Lang,
    },
    Invitation {
        to: String,
        lang: Lang,
        org_name: String,
        inviter_name: String,
        role: Role,
        link: String,
    },
}

impl EmailJob {
    pub fn render(&self) -> Email {
        match self {
            EmailJob::VerifyEmail {
                to,
                name,
                lang,
                link,
            } => emails::verify_email(*lang, to, name, link),
            EmailJob::AccountExists {
                to,
                name,
                lang,
                login_link,
                reset_link,
            } => emails::account_exists(*lang, to, name, login_link, reset_link),
            EmailJob::PasswordReset {
                to,
                name,
                lang,
                link,
            } => emails::password_reset(*lang, to, name, link),
            EmailJob::PasswordChanged { to, name, lang } => {
                emails::password_changed(*lang, to, name)
            }
            EmailJob::Invitation {
                to,
                lang,
                org_name,
                inviter_name,
                role,
                link,
            } => emails::invitation(
                *lang,
                to,
                org_name,
                inviter_name,
                role_label(*role, *lang),
                link,
            ),
        }
    }
}

pub fn role_label(role: Role, lang: Lang) -> &'static str {
    let (en, fr) = match role {
        Role::Owner => ("Owner", "Propriétaire"),
        Role::Admin => ("Admin", "Administrateur"),
        Role::Manager => ("Manager", "Gestionnaire"),
        Role::CheckinStaff => ("Check-in staff", "Agent d'accueil"),
        Role::Viewer => ("Viewer", "Lecteur"),
    };
    lang.pick(en, fr)
}

/// Queues an email in the caller's transaction.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    job: &EmailJob,
) -> AppResult<()> {
    let payload = serde_json::to_value(job).map_err(crate::error::AppError::internal)?;
    let now = state.now();
    db::jobs::enqueue(conn, JOB_KIND, payload, now, now).await?;
    Ok(())
}

/// `{BASE_URL}{path}`
pub fn link(state: &AppState, path_and_query: &str) -> String {
    format!("{}{}", state.settings.base_url, path_and_query)
}
