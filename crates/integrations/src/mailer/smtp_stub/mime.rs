//! Just enough MIME reading for test assertions on what the SMTP stub received: header lookup,
//! RFC 2047 encoded words, multipart traversal, and base64 / quoted-printable bodies. It assumes
//! UTF-8 content, which is what Reckot sends.

/// Splits a message into its header block and body at the first empty line.
pub(super) fn split_headers(message: &str) -> (&str, &str) {
    if let Some(at) = message.find("\r\n\r\n") {
        (&message[..at], &message[at + 4..])
    } else if let Some(at) = message.find("\n\n") {
        (&message[..at], &message[at + 2..])
    } else {
        (message, "")
    }
}

/// The first header with this name, with continuation lines unfolded.
pub(super) fn header(headers: &str, name: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for line in headers.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with([' ', '\t']) {
            if let Some(value) = found.as_mut() {
                value.push_str(line);
            }
            continue;
        }
        if found.is_some() {
            break;
        }
        if let Some((field, value)) = line.split_once(':')
            && field.trim().eq_ignore_ascii_case(name)
        {
            found = Some(value.trim_start().to_owned());
        }
    }
    found.map(|value| value.trim().to_owned())
}

/// A `; name=value` parameter of a structured header such as Content-Type.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// Finds the first leaf part with this media type, depth-first, and returns it decoded.
pub(super) fn find_part(entity: &str, media_type: &str) -> Option<String> {
    leaves(entity)
        .into_iter()
        .find(|leaf| leaf.media_type == media_type)
        .and_then(|leaf| leaf.decode())
        .map(|bytes| String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

/// A part that is not itself multipart: its lowercase media type, headers and encoded body.
pub(super) struct Leaf<'a> {
    pub(super) media_type: String,
    pub(super) headers: &'a str,
    body: &'a str,
}

impl Leaf<'_> {
    /// The body with its Content-Transfer-Encoding undone; `None` on invalid base64.
    pub(super) fn decode(&self) -> Option<Vec<u8>> {
        let encoding = header(self.headers, "Content-Transfer-Encoding")
            .unwrap_or_else(|| "7bit".to_owned())
            .to_ascii_lowercase();
        match encoding.as_str() {
            "base64" => decode_base64(self.body),
            "quoted-printable" => Some(decode_quoted_printable(self.body)),
            _ => Some(self.body.as_bytes().to_vec()),
        }
    }

    /// The `filename` of a `Content-Disposition: attachment` part (plain form; RFC 2231 encoded
    /// names are not decoded).
    pub(super) fn attachment_filename(&self) -> Option<String> {
        let disposition = header(self.headers, "Content-Disposition")?;
        let kind = disposition.split(';').next().unwrap_or_default().trim();
        kind.eq_ignore_ascii_case("attachment")
            .then(|| parameter(&disposition, "filename"))
            .flatten()
    }
}

/// Every leaf part, depth-first, in order.
pub(super) fn leaves(entity: &str) -> Vec<Leaf<'_>> {
    let (headers, body) = split_headers(entity);
    let content_type = header(headers, "Content-Type").unwrap_or_else(|| "text/plain".to_owned());
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if media_type.starts_with("multipart/") {
        let Some(boundary) = parameter(&content_type, "boundary") else {
            return Vec::new();
        };
        return multipart_parts(body, &boundary)
            .into_iter()
            .flat_map(leaves)
            .collect();
    }
    vec![Leaf {
        media_type,
        headers,
        body,
    }]
}

/// The body parts between `--boundary` delimiter lines; the CRLF before each delimiter belongs to
/// the delimiter (RFC 2046 section 5.1.1), so it is not part of the previous part.
fn multipart_parts<'a>(body: &'a str, boundary: &str) -> Vec<&'a str> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut current: Option<usize> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == delimiter || trimmed == format!("{delimiter}--") {
            if let Some(start) = current {
                let part = &body[start..offset];
                let part = part
                    .strip_suffix("\r\n")
                    .or_else(|| part.strip_suffix('\n'))
                    .unwrap_or(part);
                parts.push(part);
            }
            if trimmed.ends_with("--") && trimmed != delimiter {
                break;
            }
            current = Some(offset + line.len());
        }
        offset += line.len();
    }
    parts
}

/// Decodes RFC 2047 `=?charset?B|Q?text?=` words; whitespace between two encoded words is dropped,
/// as the RFC requires.
pub(super) fn decode_encoded_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut pending_space = String::new();
    let mut after_word = false;
    while !rest.is_empty() {
        if let Some((decoded, consumed)) = encoded_word(rest) {
            if !after_word {
                out.push_str(&pending_space);
            }
            pending_space.clear();
            out.push_str(&decoded);
            rest = &rest[consumed..];
            after_word = true;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            pending_space.push(c);
        } else {
            out.push_str(&pending_space);
            pending_space.clear();
            out.push(c);
            after_word = false;
        }
        rest = &rest[c.len_utf8()..];
    }
    out.push_str(&pending_space);
    out
}

fn encoded_word(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix("=?")?;
    let (_charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let payload = &rest[..end];
    let bytes = match encoding {
        "B" | "b" => decode_base64(payload)?,
        "Q" | "q" => decode_quoted_printable(&payload.replace('_', " ")),
        _ => return None,
    };
    let consumed = text.len() - rest.len() + end + 2;
    Some((String::from_utf8_lossy(&bytes).into_owned(), consumed))
}

/// Standard-alphabet base64, ignoring whitespace and line breaks; `None` on any other stray byte.
pub(super) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    fn value(byte: u8) -> Option<u32> {
        match byte {
            b'A'..=b'Z' => Some(u32::from(byte - b'A')),
            b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::new();
    let mut accumulator: u32 = 0;
    let mut bits = 0;
    for byte in text.bytes() {
        if byte.is_ascii_whitespace() {
            continue;
        }
        if byte == b'=' {
            break;
        }
        accumulator = (accumulator << 6) | value(byte)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((accumulator >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Quoted-printable (RFC 2045 section 6.7): `=XX` escapes and `=` soft line breaks.
fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let next = &bytes[i + 1..];
        if next.starts_with(b"\r\n") {
            i += 3;
        } else if next.starts_with(b"\n") {
            i += 2;
        } else if let Some(hex) = next.get(..2)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_decode_and_the_space_between_them_disappears() {
        assert_eq!(
            decode_encoded_words("=?utf-8?b?Q29uZmlybWV6?= =?utf-8?q?_l'adresse_=C3=A9?= ok"),
            "Confirmez l'adresse é ok"
        );
        assert_eq!(decode_encoded_words("Plain subject"), "Plain subject");
    }

    #[test]
    fn nested_multipart_parts_are_found_and_decoded() {
        let message = "Content-Type: multipart/mixed; boundary=outer\r\n\r\n\
            --outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n\
            --inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
            Caf=C3=A9 tr=\r\n=C3=A8s bon\r\n--inner\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n\
            PHA+aGk8L3A+\r\n--inner--\r\n--outer--\r\n";
        assert_eq!(
            find_part(message, "text/plain").as_deref(),
            Some("Café très bon")
        );
        assert_eq!(
            find_part(message, "text/html").as_deref(),
            Some("<p>hi</p>")
        );
        assert_eq!(find_part(message, "image/png"), None);
    }
}
