//! [`FileMailer`]: the development mailer. Each message becomes three files in a folder (text, HTML
//! and a JSON summary), plus one file per attachment, and one log line listing its links, so a
//! developer can click a verification link or open a ticket PDF without running a mail server.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use chrono::Utc;
use serde::Serialize;

use super::{Email, MailError, Mailer, extract_links, mask_email};

#[derive(Debug)]
pub struct FileMailer {
    dir: PathBuf,
    // Orders messages written within the same millisecond and keeps their names distinct.
    counter: AtomicU64,
}

#[derive(Serialize)]
struct Summary<'a> {
    to: &'a str,
    subject: &'a str,
    links: &'a [String],
    /// File names, in this folder, of the attachments (`<stem>-<filename>`).
    attachments: Vec<String>,
    created_at: String,
}

impl FileMailer {
    /// Writes into `dir`, which is created on first send if missing.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            counter: AtomicU64::new(0),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Keeps a recipient readable in a file name while ruling out separators and other surprises.
fn sanitize_for_file_name(to: &str) -> String {
    let cleaned: String = to
        .chars()
        .take(80)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '+') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // A leading dot would hide the files; an empty name would leave a dangling dash.
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        "unknown".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[async_trait]
impl Mailer for FileMailer {
    async fn send(&self, msg: &Email) -> Result<(), MailError> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let now = Utc::now();
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let stem = format!(
            "{}-{n}-{}",
            now.timestamp_millis(),
            sanitize_for_file_name(&msg.to)
        );
        let links = extract_links(&msg.text);
        let mut attachments = Vec::with_capacity(msg.attachments.len());
        for file in &msg.attachments {
            let name = format!("{stem}-{}", sanitize_for_file_name(&file.filename));
            tokio::fs::write(self.dir.join(&name), &file.bytes).await?;
            attachments.push(name);
        }
        let summary = Summary {
            to: &msg.to,
            subject: &msg.subject,
            links: &links,
            attachments,
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        };
        // Not `Path::with_extension`: the stem ends in the recipient's domain, which has dots.
        let path = |extension: &str| self.dir.join(format!("{stem}.{extension}"));
        tokio::fs::write(path("txt"), &msg.text).await?;
        tokio::fs::write(path("html"), &msg.html).await?;
        // Last, so a reader polling for the summary finds the other files already complete.
        tokio::fs::write(path("json"), serde_json::to_vec_pretty(&summary)?).await?;
        tracing::info!(
            mail.to = %mask_email(&msg.to),
            mail.subject = %msg.subject,
            mail.links = %links.join(" "),
            // The folder, not the file: file names contain the full address.
            mail.dir = %self.dir.display(),
            "email written to disk (development mailer)"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

    impl Write for CapturedLogs {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Routes this thread's logs into a buffer. Every test that reaches the mailer's log call
    /// installs one: tracing caches a call site's interest process-wide, and a test running with
    /// no subscriber at the same moment could otherwise make the call site look unwanted.
    fn capture_logs() -> (CapturedLogs, tracing::subscriber::DefaultGuard) {
        let logs = CapturedLogs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    fn email() -> Email {
        Email {
            to: "jane.doe@example.com".to_owned(),
            subject: "Confirmez votre adresse e-mail".to_owned(),
            text: "Bonjour,\nOuvrez https://reckot.test/verify?token=abc&x=1.\n".to_owned(),
            html: "<p>Bonjour</p>".to_owned(),
            attachments: vec![],
        }
    }

    #[tokio::test]
    async fn each_message_becomes_text_html_and_json_files_in_a_created_folder() {
        let (_logs, _guard) = capture_logs();
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("outbox/nested");
        let mailer = FileMailer::new(&dir);

        mailer.send(&email()).await.unwrap();
        mailer.send(&email()).await.unwrap();

        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 6, "{names:?}");
        let json_name = names
            .iter()
            .find(|n| n.ends_with("-0-jane.doe@example.com.json"));
        let json_name = json_name.expect("the first message's summary, named millis-0-recipient");
        let millis = json_name.split('-').next().unwrap();
        assert!(millis.parse::<i64>().is_ok(), "{json_name}");
        assert!(
            names
                .iter()
                .any(|n| n.ends_with("-1-jane.doe@example.com.txt"))
        );

        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(json_name)).unwrap()).unwrap();
        assert_eq!(summary["to"], "jane.doe@example.com");
        assert_eq!(summary["subject"], "Confirmez votre adresse e-mail");
        assert_eq!(
            summary["links"],
            serde_json::json!(["https://reckot.test/verify?token=abc&x=1"])
        );
        assert!(summary["created_at"].as_str().unwrap().ends_with('Z'));
        let text_name = json_name.replace(".json", ".txt");
        let html_name = json_name.replace(".json", ".html");
        assert_eq!(
            std::fs::read_to_string(dir.join(text_name)).unwrap(),
            email().text
        );
        assert_eq!(
            std::fs::read_to_string(dir.join(html_name)).unwrap(),
            email().html
        );
    }

    #[tokio::test]
    async fn the_log_line_shows_links_and_subject_but_masks_the_recipient() {
        let (logs, _guard) = capture_logs();
        let temp = tempfile::tempdir().unwrap();

        FileMailer::new(temp.path()).send(&email()).await.unwrap();

        let output = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
        assert!(output.contains("INFO"), "{output}");
        assert!(
            output.contains("https://reckot.test/verify?token=abc&x=1"),
            "{output}"
        );
        assert!(
            output.contains("Confirmez votre adresse e-mail"),
            "{output}"
        );
        assert!(output.contains("j***@example.com"), "{output}");
        assert!(!output.contains("jane.doe@example.com"), "{output}");
    }

    #[tokio::test]
    async fn attachments_are_written_next_to_the_message_and_listed_in_its_summary() {
        let (_logs, _guard) = capture_logs();
        let Ok(temp) = tempfile::tempdir() else {
            panic!("a temporary folder");
        };
        let mut message = email();
        message.attachments.push(crate::mailer::Attachment::pdf(
            "billets-RK-3F8Q1ZKD.pdf",
            b"%PDF-1.7 \xe9".to_vec(),
        ));
        message.attachments.push(crate::mailer::Attachment {
            filename: "../../escape.txt".to_owned(),
            content_type: "text/plain".to_owned(),
            bytes: b"kept inside".to_vec(),
        });

        if let Err(e) = FileMailer::new(temp.path()).send(&message).await {
            panic!("writing failed: {e}");
        }

        let Some(json_name) = std::fs::read_dir(temp.path())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .find(|name| name.ends_with(".json"))
        else {
            panic!("no summary written");
        };
        let stem = json_name.trim_end_matches(".json");
        let summary: serde_json::Value = std::fs::read(temp.path().join(&json_name))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let pdf_name = format!("{stem}-billets-RK-3F8Q1ZKD.pdf");
        let txt_name = format!("{stem}-_.._escape.txt");
        assert_eq!(
            summary["attachments"],
            serde_json::json!([pdf_name, txt_name])
        );
        assert_eq!(
            std::fs::read(temp.path().join(&pdf_name)).unwrap_or_default(),
            b"%PDF-1.7 \xe9"
        );
        assert_eq!(
            std::fs::read(temp.path().join(&txt_name)).unwrap_or_default(),
            b"kept inside"
        );
    }

    #[test]
    fn file_names_keep_the_address_but_nothing_that_could_escape_the_folder() {
        assert_eq!(
            sanitize_for_file_name("a.b+c@ex-ample.com"),
            "a.b+c@ex-ample.com"
        );
        assert_eq!(sanitize_for_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize_for_file_name(""), "unknown");
    }
}
