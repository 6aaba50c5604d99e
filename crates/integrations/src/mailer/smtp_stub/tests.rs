//! Tests that drive the SMTP stub by hand, command by command, as a client would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::*;

/// Sends one command and returns the full (possibly multiline) reply.
async fn exchange(
    reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: &mut tokio::net::tcp::OwnedWriteHalf,
    command: &str,
) -> String {
    if !command.is_empty() {
        writer
            .write_all(format!("{command}\r\n").as_bytes())
            .await
            .unwrap();
    }
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.unwrap();
        reply.push_str(&line);
        // A multiline reply continues with "250-" and ends with "250 ".
        if line.as_bytes().get(3) != Some(&b'-') {
            return reply;
        }
    }
}

#[tokio::test]
async fn the_stub_follows_the_smtp_dialogue_and_unstuffs_dots() {
    let stub = SmtpStub::start().await.unwrap();
    let (read_half, mut writer) = TcpStream::connect(stub.addr()).await.unwrap().into_split();
    let mut reader = BufReader::new(read_half);

    assert!(
        exchange(&mut reader, &mut writer, "")
            .await
            .starts_with("220 ")
    );
    assert!(
        exchange(&mut reader, &mut writer, "MAIL FROM:<a@x.test>")
            .await
            .starts_with("503")
    );
    let ehlo = exchange(&mut reader, &mut writer, "EHLO client.test").await;
    assert!(
        ehlo.starts_with("250-") && ehlo.contains("250 AUTH PLAIN LOGIN\r\n"),
        "{ehlo}"
    );
    assert!(
        exchange(&mut reader, &mut writer, "AUTH LOGIN")
            .await
            .starts_with("334 VXNlcm5hbWU6")
    );
    // base64("ann"), then base64("pw")
    assert!(
        exchange(&mut reader, &mut writer, "YW5u")
            .await
            .starts_with("334 UGFzc3dvcmQ6")
    );
    assert!(
        exchange(&mut reader, &mut writer, "cHc=")
            .await
            .starts_with("235")
    );
    assert!(
        exchange(&mut reader, &mut writer, "RCPT TO:<b@x.test>")
            .await
            .starts_with("503")
    );
    let mail = exchange(
        &mut reader,
        &mut writer,
        "mail from:<a@x.test> BODY=8BITMIME",
    )
    .await;
    assert!(mail.starts_with("250"));
    assert!(
        exchange(&mut reader, &mut writer, "RCPT TO:<b@x.test>")
            .await
            .starts_with("250")
    );
    assert!(
        exchange(&mut reader, &mut writer, "RCPT TO:<c@x.test>")
            .await
            .starts_with("250")
    );
    assert!(
        exchange(&mut reader, &mut writer, "DATA")
            .await
            .starts_with("354")
    );
    let body = "Subject: hi\r\n\r\n..leading dot\r\n...\r\nend\r\n.";
    assert!(
        exchange(&mut reader, &mut writer, body)
            .await
            .starts_with("250")
    );
    assert!(
        exchange(&mut reader, &mut writer, "NOOP")
            .await
            .starts_with("250")
    );
    assert!(
        exchange(&mut reader, &mut writer, "BOGUS")
            .await
            .starts_with("500")
    );
    assert!(
        exchange(&mut reader, &mut writer, "QUIT")
            .await
            .starts_with("221")
    );

    let received = stub.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].mail_from, "a@x.test");
    assert_eq!(received[0].rcpt_to, vec!["b@x.test", "c@x.test"]);
    assert_eq!(
        received[0].data,
        "Subject: hi\r\n\r\n.leading dot\r\n..\r\nend\r\n"
    );
    assert_eq!(received[0].subject().as_deref(), Some("hi"));
    let auth = received[0].auth.clone().unwrap();
    assert_eq!(
        (
            auth.mechanism.as_str(),
            auth.username.as_str(),
            auth.password.as_str()
        ),
        ("LOGIN", "ann", "pw")
    );
}

#[tokio::test]
async fn auth_plain_without_an_initial_response_gets_an_empty_challenge() {
    let stub = SmtpStub::start_requiring("ann", "pw").await.unwrap();
    let (read_half, mut writer) = TcpStream::connect(stub.addr()).await.unwrap().into_split();
    let mut reader = BufReader::new(read_half);
    exchange(&mut reader, &mut writer, "").await;
    exchange(&mut reader, &mut writer, "EHLO client.test").await;

    assert!(
        exchange(&mut reader, &mut writer, "MAIL FROM:<a@x.test>")
            .await
            .starts_with("530")
    );
    assert_eq!(
        exchange(&mut reader, &mut writer, "AUTH PLAIN").await,
        "334 \r\n"
    );
    // base64("\0ann\0pw")
    assert!(
        exchange(&mut reader, &mut writer, "AGFubgBwdw==")
            .await
            .starts_with("235")
    );
    assert!(
        exchange(&mut reader, &mut writer, "MAIL FROM:<a@x.test>")
            .await
            .starts_with("250")
    );
}
