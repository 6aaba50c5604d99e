//! A minimal HTTP/1.1 client for the load generators (`bench_checkout`, `bench_checkin`), over
//! tokio's `TcpStream`: Content-Length and chunked bodies, keep-alive, plain HTTP only. Small on
//! purpose, so the examples need no dependency the server does not already have.
//!
//! Included from each example with `#[path = "bench_support/http.rs"] mod http;` (this folder has
//! no `main.rs`, so it is not an example target itself).

use anyhow::{Context, bail};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    /// The server will close the connection after this response.
    pub close: bool,
}

pub struct Conn {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    pub async fn connect(host: &str) -> std::io::Result<Self> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream: BufReader::with_capacity(16 * 1024, stream),
            host: host.to_owned(),
        })
    }

    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> std::io::Result<Response> {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n",
            self.host
        );
        for (name, value) in headers {
            req.push_str(name);
            req.push_str(": ");
            req.push_str(value);
            req.push_str("\r\n");
        }
        let body = body.unwrap_or_default();
        if !body.is_empty() || method == "POST" {
            req.push_str("Content-Type: application/json\r\n");
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        self.stream.get_mut().write_all(&bytes).await?;
        self.read_response().await
    }

    async fn read_line(&mut self, line: &mut Vec<u8>) -> std::io::Result<()> {
        line.clear();
        let n = self.stream.read_until(b'\n', line).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed by the server",
            ));
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(())
    }

    async fn read_response(&mut self) -> std::io::Result<Response> {
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        let mut line = Vec::with_capacity(256);
        self.read_line(&mut line).await?;
        // "HTTP/1.1 201 Created"
        let status_line = String::from_utf8_lossy(&line).into_owned();
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| bad("malformed status line"))?;
        let mut length: Option<usize> = None;
        let mut chunked = false;
        let mut close = status_line.starts_with("HTTP/1.0");
        loop {
            self.read_line(&mut line).await?;
            if line.is_empty() {
                break;
            }
            let header = String::from_utf8_lossy(&line);
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.parse().map_err(|_| bad("bad content-length"))?);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                self.read_line(&mut line).await?;
                let size = String::from_utf8_lossy(&line);
                let size = size.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size, 16).map_err(|_| bad("bad chunk size"))?;
                if size == 0 {
                    // Trailers, then the empty line.
                    loop {
                        self.read_line(&mut line).await?;
                        if line.is_empty() {
                            break;
                        }
                    }
                    break;
                }
                let start = body.len();
                body.resize(start + size, 0);
                self.stream.read_exact(&mut body[start..]).await?;
                self.read_line(&mut line).await?;
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.stream.read_exact(&mut body).await?;
        } else if status != 204 && status != 304 && !(100..200).contains(&status) {
            // No length: the body runs to the end of the connection.
            self.stream.read_to_end(&mut body).await?;
            close = true;
        }
        Ok(Response {
            status,
            body,
            close,
        })
    }
}

/// `host:port` of an `http://` base URL.
pub fn host_of(base_url: &str) -> anyhow::Result<String> {
    let Some(rest) = base_url.strip_prefix("http://") else {
        bail!("--base-url must start with http:// (got {base_url})");
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        bail!("--base-url has no host: {base_url}");
    }
    Ok(host.to_owned())
}

/// One set-up call: JSON in, JSON out, the expected status or an error with the body.
pub async fn call(
    conn: &mut Conn,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    expect: u16,
) -> anyhow::Result<Value> {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = Vec::new();
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let bytes = body.map(serde_json::to_vec).transpose()?;
    let res = conn
        .request(method, path, &headers, bytes.as_deref())
        .await
        .with_context(|| format!("{method} {path}"))?;
    if res.status != expect {
        bail!(
            "{method} {path} answered {} (expected {expect}): {}",
            res.status,
            String::from_utf8_lossy(&res.body)
        );
    }
    if res.body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&res.body).with_context(|| format!("{method} {path}: not JSON"))
}

pub fn str_field(v: &Value, key: &str) -> anyhow::Result<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .with_context(|| format!("no `{key}` in {v}"))
}

/// The error's kind, for the report: `http_429`, `http_409_idempotency_conflict`, `timeout`, ...
pub fn http_error_kind(res: &Response) -> String {
    let code = serde_json::from_slice::<Value>(&res.body)
        .ok()
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned));
    match code {
        Some(c) => format!("http_{}_{c}", res.status),
        None => format!("http_{}", res.status),
    }
}
