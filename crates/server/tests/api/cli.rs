//! The `reckot` binary as an operator uses it.

use std::process::Command;

fn reckot(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reckot"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/cli.sqlite?mode=rwc", dir.display()),
        )
        .env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn migrate_then_create_user_and_admin_give_accounts_that_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reckot(dir.path(), &["migrate"], &[]).status.success());
    let out = reckot(
        dir.path(),
        &[
            "create-user",
            "--email",
            "ops@example.com",
            "--password",
            "long enough pw",
            "--verified",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = reckot(
        dir.path(),
        &[
            "create-user",
            "--email",
            "ops@example.com",
            "--password",
            "long enough pw",
        ],
        &[],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let out = reckot(
        dir.path(),
        &[
            "create-admin",
            "--email",
            "ops@example.com",
            "--password",
            "long enough pw",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let short = reckot(
        dir.path(),
        &[
            "create-user",
            "--email",
            "x@example.com",
            "--password",
            "short",
        ],
        &[],
    );
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10"));

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let conn = db::connect(&format!("sqlite://{}/cli.sqlite", dir.path().display()))
            .await
            .unwrap();
        let user = db::users::find_by_email(&conn, "ops@example.com")
            .await
            .unwrap()
            .unwrap();
        assert!(user.is_platform_admin);
        assert!(user.email_verified_at.is_some());
    });
}

#[test]
fn production_refuses_to_boot_without_its_secrets_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let out = reckot(dir.path(), &["serve"], &[("APP_ENV", "production")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("JWT_SECRET") && err.contains("SMTP_URL"),
        "{err}"
    );
}

#[test]
fn the_openapi_command_prints_the_committed_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = reckot(dir.path(), &["openapi"], &[]);
    assert!(out.status.success());
    let committed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json"),
    )
    .unwrap();
    assert_eq!(out.stdout, committed);
}

#[test]
fn seeding_the_demo_twice_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    assert!(reckot(dir.path(), &["seed-demo"], &[]).status.success());
    let out = reckot(dir.path(), &["seed-demo"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
