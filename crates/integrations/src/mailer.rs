//! Sending email: the [`Mailer`] trait, the [`Email`] it sends, and its two implementations,
//! [`SmtpMailer`] for real delivery and [`FileMailer`] for development. Also the helpers both share
//! for logging safely (masking addresses, finding links).

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

mod file;
mod smtp;
#[cfg(any(test, feature = "test-stubs"))]
pub mod smtp_stub;

pub use file::FileMailer;
pub use smtp::SmtpMailer;

/// One rendered message, ready to send: a single recipient, a subject, and the same content as plain
/// text and as HTML (sent together as `multipart/alternative`), plus files such as ticket PDFs
/// (then everything is wrapped in `multipart/mixed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// A file sent with an [`Email`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The name the recipient sees, e.g. `tickets-RK-3F8Q1ZKD.pdf`.
    pub filename: String,
    /// A MIME type such as `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Attachment {
    pub fn pdf(filename: impl Into<String>, bytes: Vec<u8>) -> Self {
        Self {
            filename: filename.into(),
            content_type: "application/pdf".to_owned(),
            bytes,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid email address {0:?}")]
    InvalidAddress(String),
    #[error("invalid mailer configuration: {0}")]
    Config(String),
    #[error("invalid attachment content type {0:?}")]
    InvalidAttachment(String),
    #[error("could not build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("could not write the message to disk: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not encode the message metadata: {0}")]
    Json(#[from] serde_json::Error),
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, msg: &Email) -> Result<(), MailError>;
}

/// Masks an address for logs: `jane@example.com` becomes `j***@example.com`. Logs leave the
/// machine (aggregators, support tickets), so the full address never goes into them.
pub fn mask_email(address: &str) -> String {
    match address.trim().rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// Every `http://` and `https://` link in a text, in order, without trailing punctuation that
/// belongs to the sentence rather than to the URL.
pub fn extract_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(start) = find_link_start(rest) {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(candidate.len());
        let link = candidate[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
        let host_and_path = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"));
        if host_and_path.is_some_and(|r| !r.is_empty()) {
            links.push(link.to_owned());
        }
        rest = &candidate[end..];
    }
    links
}

fn find_link_start(text: &str) -> Option<usize> {
    match (text.find("http://"), text.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_only_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("jane.doe@example.com"), "j***@example.com");
        assert_eq!(mask_email("élodie@exemple.fr"), "é***@exemple.fr");
        assert_eq!(mask_email("not-an-address"), "***");
    }

    #[test]
    fn links_are_found_without_their_trailing_punctuation() {
        let text = "Open https://reckot.test/verify?token=a&b=c. Or (http://x.test/y), then stop.";
        assert_eq!(
            extract_links(text),
            vec!["https://reckot.test/verify?token=a&b=c", "http://x.test/y"]
        );
        assert!(extract_links("no links here, just http:// alone").is_empty());
    }
}
