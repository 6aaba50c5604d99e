//! The `reckot` command line: one binary for the API server, the worker and operations.

use std::process::ExitCode;

use actix_web::HttpServer;
use anyhow::Context;
use clap::{Parser, Subcommand};
use common::Lang;

use crate::auth::password;
use crate::settings::Settings;
use crate::state::AppState;
use crate::{bootstrap, http, jobs, openapi};

#[derive(Parser)]
#[command(
    name = "reckot",
    version,
    about = "Reckot: event management and ticketing"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the SPA (and run the worker in-process unless RUN_WORKER=false).
    Serve,
    /// Run only the job worker.
    Worker,
    /// Apply pending database migrations.
    Migrate,
    /// Print the OpenAPI document, or write it to a file.
    Openapi {
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Create (or promote) a platform administrator.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long, default_value = "Platform admin")]
        name: String,
    },
    /// Create a user account.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long, default_value = "")]
        name: String,
        /// Mark the email as already verified.
        #[arg(long)]
        verified: bool,
    },
    /// Fill an empty database with a demo organizer account and organization.
    SeedDemo,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    if let Command::Openapi { out } = &command {
        let json = openapi::to_pretty_json(&openapi::document())?;
        return match out {
            Some(path) => std::fs::write(path, json)
                .with_context(|| format!("cannot write {}", path.display())),
            None => {
                use std::io::Write;
                Ok(std::io::stdout().write_all(json.as_bytes())?)
            }
        };
    }
    let mut settings = Settings::from_env()?;
    bootstrap::init_tracing(settings.log_format);
    // Kept alive for the whole command: dropping the stubs stops them.
    let _stubs = if settings.payment_stubs && matches!(command, Command::Serve | Command::Worker) {
        Some(crate::dev_stubs::start(&mut settings).await?)
    } else {
        None
    };
    let state = bootstrap::build_default_state(settings).await?;
    if matches!(command, Command::Serve | Command::Worker) {
        // Platform admins' gateway configuration (after migrations have run at least once).
        if let Err(e) = crate::services::gateway_configs::apply(&state, false).await {
            tracing::warn!(error = %e, "gateway configuration not loaded (database not migrated yet?)");
        }
    }
    match command {
        Command::Serve => serve(state).await,
        Command::Worker => {
            db::migrate(&state.db).await?;
            jobs::run(state, shutdown_signal()).await;
            Ok(())
        }
        Command::Migrate => {
            db::migrate(&state.db).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin {
            email,
            password,
            name,
        } => create_user(&state, &email, &password, &name, true, true).await,
        Command::CreateUser {
            email,
            password,
            name,
            verified,
        } => create_user(&state, &email, &password, &name, verified, false).await,
        Command::SeedDemo => seed_demo(&state).await,
        Command::Openapi { .. } => Ok(()),
    }
}

async fn serve(state: AppState) -> anyhow::Result<()> {
    if !state.settings.is_production() {
        // Production applies migrations explicitly (`reckot migrate`) before rolling out.
        db::migrate(&state.db).await?;
    }
    let addr = state.settings.bind_addr;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = state.settings.run_worker.then(|| {
        let state = state.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(jobs::run(state, async move {
            let _ = stop.changed().await;
        }))
    });
    let app_state = state.clone();
    let server = HttpServer::new(move || http::app::build(app_state.clone()))
        .bind(addr)
        .with_context(|| format!("cannot listen on {addr}"))?
        .run();
    tracing::info!(%addr, "Reckot is listening: open http://{addr}/ (API docs at /api/docs/)");
    // actix stops gracefully on SIGINT/SIGTERM, but waits for open responses: live dashboard
    // streams never end on their own, so end them (their clients reconnect elsewhere).
    let live = state.live.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        live.close();
    });
    server.await?;
    let _ = stop_tx.send(true);
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM (what container runtimes send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn create_user(
    state: &AppState,
    email: &str,
    pass: &str,
    name: &str,
    verified: bool,
    admin: bool,
) -> anyhow::Result<()> {
    db::migrate(&state.db).await?;
    if pass.chars().count() < 10 {
        anyhow::bail!("the password must be at least 10 characters long");
    }
    let now = state.now();
    if let Some(existing) = db::users::find_by_email(&state.db, email).await? {
        if admin {
            db::users::set_platform_admin(&state.db, existing.id, true, now).await?;
            db::users::mark_verified(&state.db, existing.id, now).await?;
            tracing::info!(user.id = %existing.id, "existing account promoted to platform admin");
            return Ok(());
        }
        anyhow::bail!("an account with this email already exists");
    }
    let hash = password::hash(pass)?;
    let display = if name.trim().is_empty() {
        email.split('@').next().unwrap_or(email)
    } else {
        name
    };
    let new = db::users::NewUser {
        email,
        password_hash: &hash,
        name: display,
        language: Lang::En,
        verified,
        is_platform_admin: admin,
    };
    let user = db::users::insert(&state.db, new, now).await?;
    tracing::info!(user.id = %user.id, admin, verified, "account created");
    Ok(())
}

async fn seed_demo(state: &AppState) -> anyhow::Result<()> {
    db::migrate(&state.db).await?;
    const EMAIL: &str = "demo@reckot.local";
    const PASSWORD: &str = "demo-password-2026";
    if db::users::find_by_email(&state.db, EMAIL).await?.is_some() {
        tracing::info!("demo data already present");
        return Ok(());
    }
    let now = state.now();
    let hash = password::hash(PASSWORD)?;
    let new = db::users::NewUser {
        email: EMAIL,
        password_hash: &hash,
        name: "Demo Organizer",
        language: Lang::Fr,
        verified: true,
        is_platform_admin: false,
    };
    let user = db::users::insert(&state.db, new, now).await?;
    let org = db::orgs::NewOrg {
        name: "Douala Tech Week",
        slug: "douala-tech-week",
        country: "CM",
        currency: common::Currency::XAF,
    };
    let org = db::orgs::create_with_owner(&state.db, org, user.id, now).await?;
    seed_demo_event(state, db::OrgScope::for_platform_operation(org.id))
        .await
        .map_err(|e| anyhow::anyhow!("seeding the demo event failed: {e}"))?;
    tracing::info!("demo organizer: {EMAIL} / {PASSWORD}; demo event at /e/{DEMO_EVENT_SLUG}");
    Ok(())
}

/// The demo event (also what `just bench-public` loads).
pub const DEMO_EVENT_SLUG: &str = "douala-jazz-night";

async fn seed_demo_event(state: &AppState, scope: db::OrgScope) -> crate::error::AppResult<()> {
    use common::events::{
        CreateCapacityGroup, CreateEvent, CreateTicketType, Location, Theme, Visibility,
    };
    use common::{Currency, Localized, Money};
    let starts_at = state.now() + chrono::Duration::days(45);
    let event = crate::services::events::create(
        state,
        scope,
        CreateEvent {
            title: Localized::new("Douala Jazz Night", "Nuit du Jazz de Douala"),
            slug: Some(DEMO_EVENT_SLUG.into()),
            summary: Localized::new("An evening of Cameroonian jazz by the river.", "Une soirée de jazz camerounais au bord du fleuve."),
            description: Localized::new(
                "## Line-up\n\n- Manu's heirs\n- **Wouri Quartet**\n\nDoors open at 19:00.",
                "## Programme\n\n- Les héritiers de Manu\n- **Quartet du Wouri**\n\nOuverture des portes à 19 h.",
            ),
            category_id: None,
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(5),
            hold_minutes: None,
            refund_deadline_hours: Some(48),
            timezone: "Africa/Douala".into(),
            location: Location {
                venue_name: Some("Espace Wouri".into()),
                address: Some("Boulevard de la Liberté".into()),
                city: Some("Douala".into()),
                country: Some("CM".into()),
                latitude: Some(rust_decimal::Decimal::new(4_051_100, 6)),
                longitude: Some(rust_decimal::Decimal::new(9_767_900, 6)),
                online_url: None,
            },
            visibility: Visibility::Public,
            currency: Some(Currency::XAF),
            theme: Theme { primary_color: Some("#7c2d12".into()), accent_color: Some("#f59e0b".into()), custom_css: Some("h1 { letter-spacing: 0.02em }".into()) },
        },
    )
    .await?;
    let group = crate::services::ticket_types::create_group(
        state,
        scope,
        event.id,
        CreateCapacityGroup {
            name: "Main hall".into(),
            capacity: 300,
        },
    )
    .await?;
    for (name_en, name_fr, price, quantity, grouped) in [
        ("Standard", "Standard", 5000, 250, true),
        ("VIP table", "Table VIP", 25000, 60, true),
        ("Student", "Étudiant", 0, 100, false),
    ] {
        let ticket = CreateTicketType {
            name: Localized::new(name_en, name_fr),
            description: Localized::default(),
            price: Money::from_minor(price, Currency::XAF),
            quantity,
            sale_starts_at: None,
            sale_ends_at: None,
            min_per_order: 1,
            max_per_order: 10,
            access_code: None,
            sort_order: 0,
            active: true,
            capacity_group_id: grouped.then_some(group.id),
        };
        crate::services::ticket_types::create(state, scope, event.id, ticket).await?;
    }
    crate::services::events::publish(state, scope, event.id).await?;
    Ok(())
}
