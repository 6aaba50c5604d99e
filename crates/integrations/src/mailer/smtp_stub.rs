//! An in-process SMTP server for tests (feature `test-stubs`): it speaks the server side of
//! RFC 5321 (greeting, EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA with dot-unstuffing, RSET,
//! NOOP, QUIT) on `127.0.0.1:0` and records every accepted message so tests can assert on the
//! envelope, the credentials and the decoded content.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

mod mime;
mod session;

/// One message the stub accepted, exactly as the client sent it (after dot-unstuffing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The reverse path from `MAIL FROM:<...>`, without the angle brackets.
    pub mail_from: String,
    /// Every forward path from `RCPT TO:<...>`, in order.
    pub rcpt_to: Vec<String>,
    /// The message content between `DATA` and the terminating `.` line, CRLFs included.
    pub data: String,
    /// The credentials the client authenticated with on this connection, if it did.
    pub auth: Option<StubCredentials>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubCredentials {
    /// `PLAIN` or `LOGIN`.
    pub mechanism: String,
    pub username: String,
    pub password: String,
}

/// A running stub; it stops when dropped.
pub struct SmtpStub {
    addr: SocketAddr,
    received: watch::Receiver<Vec<ReceivedMail>>,
    task: JoinHandle<()>,
}

#[derive(Clone)]
pub(super) struct StubConfig {
    /// When set, only these credentials are accepted and MAIL requires authentication.
    pub(super) required: Option<(String, String)>,
    pub(super) received: watch::Sender<Vec<ReceivedMail>>,
}

pub(super) const HOSTNAME: &str = "smtp-stub.reckot.test";

impl SmtpStub {
    /// Starts a stub that accepts any credentials, or none.
    pub async fn start() -> std::io::Result<Self> {
        Self::spawn(None).await
    }

    /// Starts a stub that accepts only these credentials (`535` otherwise) and refuses mail from
    /// unauthenticated clients (`530`), like a real submission server.
    pub async fn start_requiring(username: &str, password: &str) -> std::io::Result<Self> {
        Self::spawn(Some((username.to_owned(), password.to_owned()))).await
    }

    async fn spawn(required: Option<(String, String)>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (sender, received) = watch::channel(Vec::new());
        let config = StubConfig {
            required,
            received: sender,
        };
        let task = tokio::spawn(accept_loop(listener, config));
        Ok(Self {
            addr,
            received,
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `smtp://127.0.0.1:<port>`: plain SMTP, no credentials.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// `smtp://user:pass@127.0.0.1:<port>`; the caller passes URL-safe user and password.
    pub fn url_with_credentials(&self, username: &str, password: &str) -> String {
        format!("smtp://{username}:{password}@{}", self.addr)
    }

    /// Every message accepted so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.received.borrow().clone()
    }

    /// Waits until at least `count` messages arrived or `timeout` passed, then returns them all
    /// (possibly fewer than `count`), for mail sent by background jobs.
    pub async fn wait_for_messages(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let mut receiver = self.received.clone();
        // The error cases (timeout, stub gone) fall through to returning what arrived.
        let _ =
            tokio::time::timeout(timeout, receiver.wait_for(|mails| mails.len() >= count)).await;
        self.messages()
    }
}

impl Drop for SmtpStub {
    fn drop(&mut self) {
        // Dropping the accept loop drops its JoinSet, which aborts open connections too.
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, config: StubConfig) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let Ok((stream, _)) = listener.accept().await else {
            // Accept errors (e.g. too many open files) are usually transient; don't spin on them.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let config = config.clone();
        connections.spawn(async move {
            if let Err(error) = session::serve(stream, config).await {
                tracing::debug!(%error, "SMTP stub connection ended with an error");
            }
        });
    }
}

impl ReceivedMail {
    /// The first header with this name (case-insensitive), unfolded, still encoded.
    pub fn header(&self, name: &str) -> Option<String> {
        mime::header(mime::split_headers(&self.data).0, name)
    }

    /// The Subject with RFC 2047 encoded words decoded.
    pub fn subject(&self) -> Option<String> {
        self.header("Subject")
            .map(|raw| mime::decode_encoded_words(&raw))
    }

    /// The decoded `text/plain` part (line endings as `\n`).
    pub fn text_body(&self) -> Option<String> {
        mime::find_part(&self.data, "text/plain")
    }

    /// The decoded `text/html` part (line endings as `\n`).
    pub fn html_body(&self) -> Option<String> {
        mime::find_part(&self.data, "text/html")
    }

    /// Every `Content-Disposition: attachment` part, decoded, in order.
    pub fn attachments(&self) -> Vec<StubAttachment> {
        mime::leaves(&self.data)
            .into_iter()
            .filter_map(|leaf| {
                Some(StubAttachment {
                    filename: leaf.attachment_filename()?,
                    bytes: leaf.decode()?,
                    content_type: leaf.media_type,
                })
            })
            .collect()
    }
}

/// A file attached to a [`ReceivedMail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StubAttachment {
    pub filename: String,
    /// The media type, lower case, without parameters.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests;
