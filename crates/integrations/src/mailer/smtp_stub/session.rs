//! One SMTP conversation on the stub's side: the command loop and its state (greeting, AUTH,
//! envelope, DATA), following RFC 5321 with AUTH from RFC 4954.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::{HOSTNAME, ReceivedMail, StubConfig, StubCredentials, mime};

#[derive(Default)]
struct Session {
    greeted: bool,
    auth: Option<StubCredentials>,
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
}

impl Session {
    fn reset_transaction(&mut self) {
        self.mail_from = None;
        self.rcpt_to.clear();
    }
}

pub(super) async fn serve(stream: TcpStream, config: StubConfig) -> std::io::Result<()> {
    let (read_half, mut writer) = stream.into_split();
    let mut reader = BufReader::new(read_half);
    let mut session = Session::default();

    writer
        .write_all(format!("220 {HOSTNAME} ESMTP Reckot test stub ready\r\n").as_bytes())
        .await?;

    loop {
        let Some(line) = read_line(&mut reader).await? else {
            return Ok(());
        };
        let (verb, argument) = match line.split_once(' ') {
            Some((verb, argument)) => (verb.to_ascii_uppercase(), argument.trim()),
            None => (line.to_ascii_uppercase(), ""),
        };
        let reply: String = match verb.as_str() {
            "EHLO" => {
                session.greeted = true;
                session.reset_transaction();
                format!(
                    "250-{HOSTNAME} greets {argument}\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n\
                     250-SMTPUTF8\r\n250 AUTH PLAIN LOGIN\r\n"
                )
            }
            "HELO" => {
                session.greeted = true;
                session.reset_transaction();
                format!("250 {HOSTNAME}\r\n")
            }
            "AUTH" if !session.greeted => "503 5.5.1 Send EHLO first\r\n".to_owned(),
            "AUTH" if session.auth.is_some() => "503 5.5.1 Already authenticated\r\n".to_owned(),
            "AUTH" => match authenticate(argument, &mut reader, &mut writer).await? {
                Some(credentials) if accepts(&config, &credentials) => {
                    session.auth = Some(credentials);
                    "235 2.7.0 Authentication successful\r\n".to_owned()
                }
                Some(_) => "535 5.7.8 Authentication credentials invalid\r\n".to_owned(),
                None => "501 5.5.2 Cannot decode the authentication response\r\n".to_owned(),
            },
            "MAIL" if !session.greeted => "503 5.5.1 Send EHLO first\r\n".to_owned(),
            "MAIL" if config.required.is_some() && session.auth.is_none() => {
                "530 5.7.0 Authentication required\r\n".to_owned()
            }
            "MAIL" if session.mail_from.is_some() => "503 5.5.1 Nested MAIL command\r\n".to_owned(),
            "MAIL" => match path_argument(argument, "FROM:") {
                Some(path) => {
                    session.mail_from = Some(path);
                    "250 2.1.0 Sender OK\r\n".to_owned()
                }
                None => "501 5.5.4 Syntax: MAIL FROM:<address>\r\n".to_owned(),
            },
            "RCPT" if session.mail_from.is_none() => "503 5.5.1 Need MAIL first\r\n".to_owned(),
            "RCPT" => match path_argument(argument, "TO:") {
                Some(path) if !path.is_empty() => {
                    session.rcpt_to.push(path);
                    "250 2.1.5 Recipient OK\r\n".to_owned()
                }
                _ => "501 5.5.4 Syntax: RCPT TO:<address>\r\n".to_owned(),
            },
            "DATA" if session.rcpt_to.is_empty() => "503 5.5.1 Need RCPT first\r\n".to_owned(),
            "DATA" => {
                writer
                    .write_all(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n")
                    .await?;
                let Some(data) = read_data(&mut reader).await? else {
                    return Ok(());
                };
                let mail = ReceivedMail {
                    mail_from: session.mail_from.take().unwrap_or_default(),
                    rcpt_to: std::mem::take(&mut session.rcpt_to),
                    data,
                    auth: session.auth.clone(),
                };
                config.received.send_modify(|mails| mails.push(mail));
                "250 2.0.0 OK: queued\r\n".to_owned()
            }
            "RSET" => {
                session.reset_transaction();
                "250 2.0.0 OK\r\n".to_owned()
            }
            "NOOP" => "250 2.0.0 OK\r\n".to_owned(),
            "VRFY" => "252 2.1.5 Cannot VRFY user\r\n".to_owned(),
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n").await?;
                writer.shutdown().await?;
                return Ok(());
            }
            _ => "500 5.5.2 Command not recognized\r\n".to_owned(),
        };
        writer.write_all(reply.as_bytes()).await?;
    }
}

fn accepts(config: &StubConfig, credentials: &StubCredentials) -> bool {
    match &config.required {
        Some((username, password)) => {
            credentials.username == *username && credentials.password == *password
        }
        None => true,
    }
}

/// Runs the AUTH exchange (RFC 4954) for PLAIN (RFC 4616) or LOGIN. `None` means the client sent
/// something undecodable or cancelled with `*`; an unsupported mechanism is reported the same way.
async fn authenticate<R, W>(
    argument: &str,
    reader: &mut R,
    writer: &mut W,
) -> std::io::Result<Option<StubCredentials>>
where
    R: tokio::io::AsyncBufRead + Unpin,
    W: tokio::io::AsyncWrite + Unpin,
{
    let (mechanism, initial) = match argument.split_once(' ') {
        Some((mechanism, initial)) => (
            mechanism.to_ascii_uppercase(),
            Some(initial.trim().to_owned()),
        ),
        None => (argument.to_ascii_uppercase(), None),
    };
    match mechanism.as_str() {
        "PLAIN" => {
            let response = match initial {
                Some(initial) => initial,
                None => match challenge(reader, writer, "").await? {
                    Some(response) => response,
                    None => return Ok(None),
                },
            };
            let Some(decoded) = mime::decode_base64(&response) else {
                return Ok(None);
            };
            // authzid NUL authcid NUL passwd
            let mut fields = decoded.split(|b| *b == 0);
            let (Some(_authzid), Some(username), Some(password), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Ok(None);
            };
            Ok(Some(StubCredentials {
                mechanism,
                username: String::from_utf8_lossy(username).into_owned(),
                password: String::from_utf8_lossy(password).into_owned(),
            }))
        }
        "LOGIN" => {
            let username = match initial {
                Some(initial) => initial,
                // "Username:" and "Password:", base64-encoded, as servers conventionally prompt.
                None => match challenge(reader, writer, "VXNlcm5hbWU6").await? {
                    Some(response) => response,
                    None => return Ok(None),
                },
            };
            let Some(password) = challenge(reader, writer, "UGFzc3dvcmQ6").await? else {
                return Ok(None);
            };
            let (Some(username), Some(password)) = (
                mime::decode_base64(&username),
                mime::decode_base64(&password),
            ) else {
                return Ok(None);
            };
            Ok(Some(StubCredentials {
                mechanism,
                username: String::from_utf8_lossy(&username).into_owned(),
                password: String::from_utf8_lossy(&password).into_owned(),
            }))
        }
        _ => Ok(None),
    }
}

async fn challenge<R, W>(
    reader: &mut R,
    writer: &mut W,
    prompt: &str,
) -> std::io::Result<Option<String>>
where
    R: tokio::io::AsyncBufRead + Unpin,
    W: tokio::io::AsyncWrite + Unpin,
{
    writer
        .write_all(format!("334 {prompt}\r\n").as_bytes())
        .await?;
    Ok(read_line(reader).await?.filter(|line| line != "*"))
}

/// Reads one command line without its line ending; `None` at end of stream.
async fn read_line<R: tokio::io::AsyncBufRead + Unpin>(
    reader: &mut R,
) -> std::io::Result<Option<String>> {
    let mut buffer = Vec::new();
    if reader.read_until(b'\n', &mut buffer).await? == 0 {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&buffer);
    Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
}

/// Reads the DATA content up to the lone `.` line, removing the leading dot the client added to
/// lines that start with one (RFC 5321 section 4.5.2). `None` if the stream ends first.
async fn read_data<R: tokio::io::AsyncBufRead + Unpin>(
    reader: &mut R,
) -> std::io::Result<Option<String>> {
    let mut data = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(String::from_utf8_lossy(&data).into_owned()));
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
}

/// Extracts the address from `FROM:<a@b> BODY=8BITMIME` style arguments; parameters are ignored.
fn path_argument(argument: &str, keyword: &str) -> Option<String> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = argument[keyword.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some(inner[..end].to_owned())
}
