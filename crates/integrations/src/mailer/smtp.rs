//! [`SmtpMailer`]: real delivery through an SMTP relay with lettre, configured by one URL.

use async_trait::async_trait;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{Email, MailError, Mailer, mask_email};

/// Sends mail through an SMTP server. Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    // lettre's Debug output includes the credentials; keep them out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// Builds a mailer from a connection URL and a From address such as `Reckot <no-reply@reckot.com>`.
    ///
    /// URL forms (user and password percent-encoded):
    /// - `smtp://host:25` — plain SMTP, no TLS (local relays and test stubs only);
    /// - `smtp://user:pass@host:587?tls=starttls` — STARTTLS required (`tls=required` is the same);
    /// - `smtp://user:pass@host:587?tls=opportunistic` — STARTTLS when the server offers it;
    /// - `smtps://user:pass@host:465` — TLS from the first byte.
    ///
    /// No connection is made here; the first [`Mailer::send`] connects. Must be called inside a
    /// Tokio runtime: lettre's connection pool spawns its idle-connection reaper on creation.
    pub fn new(url: &str, from: &str) -> Result<Self, MailError> {
        // lettre would panic (and abort, the panic repeating in a destructor) outside a runtime.
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(MailError::Config(
                "SmtpMailer must be created inside a Tokio runtime".to_owned(),
            ));
        }
        let from: Mailbox = from
            .parse()
            .map_err(|_| MailError::InvalidAddress(from.to_owned()))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url(url))
            // lettre's message may echo the URL, password included, so it is not passed on.
            .map_err(|_| {
                MailError::Config(
                    "SMTP URL must look like smtp://host:port, smtp://user:pass@host:587?tls=starttls \
                     or smtps://user:pass@host:465"
                        .to_owned(),
                )
            })?
            .build();
        Ok(Self { transport, from })
    }
}

/// lettre names STARTTLS `tls=required`; `tls=starttls` is the name operators expect, so accept both.
fn lettre_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let query: Vec<&str> = query
        .split('&')
        .map(|pair| {
            if pair.eq_ignore_ascii_case("tls=starttls") {
                "tls=required"
            } else {
                pair
            }
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// Builds the MIME message: `multipart/alternative` with the text part first, so clients that
/// prefer HTML pick the last part and the rest read the text. With attachments, that part comes
/// first inside a `multipart/mixed`, followed by one part per file.
pub(crate) fn build_message(from: &Mailbox, msg: &Email) -> Result<Message, MailError> {
    let to: Mailbox = msg
        .to
        .parse()
        .map_err(|_| MailError::InvalidAddress(mask_email(&msg.to)))?;
    let body = MultiPart::alternative_plain_html(msg.text.clone(), msg.html.clone());
    let body = if msg.attachments.is_empty() {
        body
    } else {
        let mut mixed = MultiPart::mixed().multipart(body);
        for file in &msg.attachments {
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|_| MailError::InvalidAttachment(file.content_type.clone()))?;
            // lettre encodes the name in the header; a line break in it must not start a header.
            let part = MimeAttachment::new(single_line(&file.filename))
                .body(file.bytes.clone(), content_type);
            mixed = mixed.singlepart(part);
        }
        mixed
    };
    let message = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(single_line(&msg.subject))
        .multipart(body)?;
    Ok(message)
}

// A subject carrying a line break would let an interpolated value add headers of its own.
fn single_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, msg: &Email) -> Result<(), MailError> {
        let message = build_message(&self.from, msg)?;
        self.transport.send(message).await?;
        tracing::info!(
            mail.to = %mask_email(&msg.to),
            mail.subject = %msg.subject,
            "email sent over SMTP"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::time::Duration;

    use common::Lang;

    use super::*;
    use crate::emails;
    use crate::mailer::Attachment;
    use crate::mailer::smtp_stub::{SmtpStub, StubCredentials};

    const FROM: &str = "Reckot <no-reply@reckot.test>";

    #[tokio::test]
    async fn a_french_email_arrives_with_both_parts_an_encoded_subject_envelope_and_credentials() {
        let stub = SmtpStub::start().await.unwrap();
        let mailer = SmtpMailer::new(&stub.url_with_credentials("user", "pass"), FROM).unwrap();
        let link = format!(
            "https://reckot.test/auth/verify?token={}",
            "a1b2c3d4".repeat(12)
        );
        let email = emails::password_reset(Lang::Fr, "zoe@example.com", "Zoé", &link);

        mailer.send(&email).await.unwrap();

        let received = stub.messages();
        assert_eq!(received.len(), 1);
        let mail = &received[0];
        assert_eq!(mail.mail_from, "no-reply@reckot.test");
        assert_eq!(mail.rcpt_to, vec!["zoe@example.com"]);
        assert_eq!(
            mail.auth,
            Some(StubCredentials {
                mechanism: "PLAIN".to_owned(),
                username: "user".to_owned(),
                password: "pass".to_owned(),
            })
        );

        let raw_subject = mail.header("Subject").unwrap();
        assert!(
            raw_subject.is_ascii(),
            "non-ASCII must be RFC 2047 encoded: {raw_subject}"
        );
        assert!(
            raw_subject.to_ascii_lowercase().starts_with("=?utf-8?"),
            "{raw_subject}"
        );
        assert_eq!(
            mail.subject().unwrap(),
            "Réinitialisez votre mot de passe Reckot"
        );

        assert!(
            mail.header("Content-Type")
                .unwrap()
                .starts_with("multipart/alternative")
        );
        assert!(
            mail.data
                .contains("Content-Type: text/plain; charset=utf-8")
        );
        assert!(mail.data.contains("Content-Type: text/html; charset=utf-8"));
        assert_eq!(mail.text_body().unwrap().trim_end(), email.text.trim_end());
        assert_eq!(mail.html_body().unwrap().trim_end(), email.html.trim_end());
        assert!(mail.text_body().unwrap().contains(&link));
        assert!(
            mail.header("From")
                .unwrap()
                .contains("no-reply@reckot.test")
        );
        assert_eq!(mail.header("To").unwrap(), "zoe@example.com");
    }

    #[tokio::test]
    async fn a_plain_ascii_email_is_readable_in_the_raw_data() {
        let stub = SmtpStub::start().await.unwrap();
        let mailer = SmtpMailer::new(&stub.url(), FROM).unwrap();
        let email = Email {
            to: "sam@example.com".to_owned(),
            subject: "Hello there".to_owned(),
            text: "Plain words.\n.A line starting with a dot survives.\n".to_owned(),
            html: "<p>Rich words.</p>".to_owned(),
            attachments: vec![],
        };

        mailer.send(&email).await.unwrap();

        let mail = stub
            .wait_for_messages(1, Duration::from_secs(5))
            .await
            .remove(0);
        assert_eq!(mail.auth, None);
        assert!(mail.data.contains("Subject: Hello there\r\n"));
        assert!(mail.data.contains("Plain words."));
        assert!(
            mail.data
                .contains("\r\n.A line starting with a dot survives."),
            "dot-unstuffed"
        );
        assert!(mail.data.contains("<p>Rich words.</p>"));
    }

    #[tokio::test]
    async fn a_pdf_attachment_survives_smtp_to_the_stub_next_to_both_text_parts() {
        let Ok(stub) = SmtpStub::start().await else {
            panic!("the stub starts");
        };
        let Ok(mailer) = SmtpMailer::new(&stub.url(), FROM) else {
            panic!("the mailer builds");
        };
        let mut email = emails::password_changed(Lang::Fr, "zoe@example.com", "Zoé");
        // Every byte value, so any lossy text handling along the way would show.
        let pdf: Vec<u8> = b"%PDF-1.7\n".iter().copied().chain(0..=255).collect();
        email
            .attachments
            .push(Attachment::pdf("billets-RK-3F8Q1ZKD.pdf", pdf.clone()));
        email.attachments.push(Attachment {
            filename: "notes.txt".to_owned(),
            content_type: "text/plain".to_owned(),
            bytes: b"second file".to_vec(),
        });

        if let Err(e) = mailer.send(&email).await {
            panic!("sending failed: {e}");
        }

        let received = stub.wait_for_messages(1, Duration::from_secs(5)).await;
        let Some(mail) = received.first() else {
            panic!("the stub received nothing");
        };
        let content_type = mail.header("Content-Type").unwrap_or_default();
        assert!(
            content_type.starts_with("multipart/mixed"),
            "{content_type}"
        );
        assert_eq!(
            mail.text_body().unwrap_or_default().trim_end(),
            email.text.trim_end()
        );
        assert_eq!(
            mail.html_body().unwrap_or_default().trim_end(),
            email.html.trim_end()
        );
        let files = mail.attachments();
        assert_eq!(files.len(), 2, "{files:?}");
        assert_eq!(files[0].filename, "billets-RK-3F8Q1ZKD.pdf");
        assert_eq!(files[0].content_type, "application/pdf");
        assert_eq!(files[0].bytes, pdf);
        assert_eq!(files[1].filename, "notes.txt");
        assert_eq!(files[1].bytes, b"second file");
    }

    #[tokio::test]
    async fn an_unparsable_attachment_type_is_refused_before_connecting() {
        let Ok(mailer) = SmtpMailer::new("smtp://127.0.0.1:1", FROM) else {
            panic!("the mailer builds");
        };
        let mut email = emails::password_changed(Lang::En, "sam@example.com", "Sam");
        email.attachments.push(Attachment {
            filename: "x.bin".to_owned(),
            content_type: "not a type".to_owned(),
            bytes: vec![1],
        });

        let result = mailer.send(&email).await;

        assert!(
            matches!(result, Err(MailError::InvalidAttachment(_))),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn a_server_refusing_the_credentials_is_an_smtp_error() {
        let stub = SmtpStub::start_requiring("user", "right").await.unwrap();
        let mailer = SmtpMailer::new(&stub.url_with_credentials("user", "wrong"), FROM).unwrap();
        let email = emails::password_changed(Lang::En, "sam@example.com", "Sam");

        let error = mailer.send(&email).await.unwrap_err();

        assert!(matches!(error, MailError::Smtp(_)), "{error:?}");
        assert!(stub.messages().is_empty());
    }

    #[tokio::test]
    async fn a_malformed_recipient_is_refused_before_connecting() {
        let mailer = SmtpMailer::new("smtp://127.0.0.1:1", FROM).unwrap();
        let mut email = emails::password_changed(Lang::En, "sam@example.com", "Sam");
        email.to = "not an address".to_owned();

        let error = mailer.send(&email).await.unwrap_err();

        assert!(matches!(error, MailError::InvalidAddress(_)), "{error:?}");
    }

    #[tokio::test]
    async fn tls_urls_build_without_installing_a_rustls_crypto_provider() {
        // lettre builds its rustls config here; with its `ring` feature it falls back to ring
        // when no process-wide provider is installed, instead of panicking.
        for url in [
            "smtps://user:pass@smtp.example.com:465",
            "smtp://user:pass@smtp.example.com:587?tls=starttls",
            "smtp://user:pass@smtp.example.com:587?tls=required",
            "smtp://smtp.example.com:587?tls=opportunistic",
            "smtp://localhost:1025",
        ] {
            SmtpMailer::new(url, FROM).unwrap_or_else(|e| panic!("{url}: {e}"));
        }
    }

    #[test]
    fn creating_the_mailer_outside_a_tokio_runtime_is_an_error_not_a_panic() {
        let error = SmtpMailer::new("smtp://localhost:25", FROM).unwrap_err();
        assert!(matches!(error, MailError::Config(_)), "{error:?}");
    }

    #[tokio::test]
    async fn bad_configuration_is_reported_without_echoing_the_password() {
        let error = SmtpMailer::new("http://user:s3cret@example.com", FROM).unwrap_err();
        assert!(matches!(error, MailError::Config(_)));
        assert!(!error.to_string().contains("s3cret"));

        let error = SmtpMailer::new("smtp://localhost:25", "not an address").unwrap_err();
        assert!(matches!(error, MailError::InvalidAddress(_)));
    }

    #[test]
    fn starttls_is_translated_to_lettres_name_and_other_parameters_are_kept() {
        assert_eq!(
            lettre_url("smtp://h:587?tls=starttls&x=1"),
            "smtp://h:587?tls=required&x=1"
        );
        assert_eq!(lettre_url("smtps://h:465"), "smtps://h:465");
    }
}
