//! pawaPay's signed messages: RFC 9421 HTTP Message Signatures over an RFC 9530 `Content-Digest`,
//! ECDSA P-256 with SHA-256, signatures ASN.1 DER-encoded as pawaPay's own examples make them
//! (the fixed 64-byte `r‖s` of RFC 9421 is accepted too). Only the narrow part of RFC 8941
//! structured fields these headers use is parsed: dictionaries of byte sequences and of one inner
//! list of quoted component names with parameters.
//!
//! The client verifies callbacks with it; the stub signs them with it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest as _, Sha256, Sha512};

/// The label pawaPay signs under.
pub const LABEL: &str = "sig-pp";
/// The only algorithm accepted.
pub const ALG: &str = "ecdsa-p256-sha256";
/// What pawaPay covers in a callback (its examples' defaults).
pub const CALLBACK_COMPONENTS: &[&str] = &[
    "@method",
    "@authority",
    "@path",
    "signature-date",
    "content-digest",
    "content-type",
    "content-length",
];

/// `sha-512=:<base64>:` over the body.
pub fn content_digest(body: &[u8]) -> String {
    format!("sha-512=:{}:", B64.encode(Sha512::digest(body)))
}

/// Checks a `Content-Digest` header against the body: every SHA-256/512 member must match, and
/// there must be one.
pub fn verify_content_digest(header: &str, body: &[u8]) -> Result<(), String> {
    let mut checked = false;
    for (name, value) in dictionary(header)? {
        let expected = match name.as_str() {
            "sha-512" => Sha512::digest(body).to_vec(),
            "sha-256" => Sha256::digest(body).to_vec(),
            _ => continue,
        };
        let given = byte_sequence(&value).ok_or("Content-Digest is not a byte sequence")?;
        if given != expected {
            return Err(format!("Content-Digest {name} does not match the body"));
        }
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err("Content-Digest has no sha-256 or sha-512 member".into())
    }
}

/// One signature from `Signature-Input` and `Signature`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The covered component identifiers, in order (`@method`, `content-digest`, ...).
    pub components: Vec<String>,
    /// The `Signature-Input` member value exactly as received: the `@signature-params` line.
    pub params_text: String,
    pub keyid: Option<String>,
    pub alg: Option<String>,
    pub created: Option<i64>,
    pub expires: Option<i64>,
    pub signature: Vec<u8>,
}

/// Finds the signature labelled [`LABEL`] (or the only one) in the two headers.
pub fn parse(signature_input: &str, signature: &str) -> Result<Parsed, String> {
    let inputs = dictionary(signature_input)?;
    let (label, params_text) = inputs
        .iter()
        .find(|(label, _)| label == LABEL)
        .or(if inputs.len() == 1 {
            inputs.first()
        } else {
            None
        })
        .cloned()
        .ok_or("no sig-pp member in Signature-Input")?;
    let signatures = dictionary(signature)?;
    let signature = signatures
        .iter()
        .find(|(l, _)| *l == label)
        .and_then(|(_, value)| byte_sequence(value))
        .ok_or_else(|| format!("no {label} byte sequence in Signature"))?;
    let rest = params_text
        .strip_prefix('(')
        .ok_or("Signature-Input member is not an inner list")?;
    let close = rest.find(')').ok_or("unterminated inner list")?;
    let mut components = Vec::new();
    for item in rest[..close].split_whitespace() {
        let name = item
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .ok_or_else(|| format!("component {item} is not a plain quoted name"))?;
        components.push(name.to_owned());
    }
    let mut parsed = Parsed {
        components,
        params_text: params_text.clone(),
        keyid: None,
        alg: None,
        created: None,
        expires: None,
        signature,
    };
    for param in rest[close + 1..]
        .split(';')
        .filter(|p| !p.trim().is_empty())
    {
        let (key, value) = param.trim().split_once('=').unwrap_or((param.trim(), ""));
        let text = value.trim_matches('"').to_owned();
        match key {
            "keyid" => parsed.keyid = Some(text),
            "alg" => parsed.alg = Some(text),
            "created" => parsed.created = text.parse().ok(),
            "expires" => parsed.expires = text.parse().ok(),
            _ => {}
        }
    }
    Ok(parsed)
}

/// The RFC 9421 signature base: one `"<component>": <value>` line per covered component, then
/// the `@signature-params` line; `value` resolves a component (`None` if the message lacks it).
pub fn signature_base(
    components: &[String],
    params_text: &str,
    value: impl Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut base = String::new();
    for component in components {
        let v = value(component).ok_or_else(|| format!("the message has no {component}"))?;
        if v.contains('\n') || v.contains('\r') {
            return Err(format!("{component} contains a line break"));
        }
        base.push_str(&format!("\"{component}\": {v}\n"));
    }
    base.push_str(&format!("\"@signature-params\": {params_text}"));
    Ok(base)
}

/// Verifies an ECDSA P-256/SHA-256 signature, DER or fixed-size.
pub fn verify(key: &VerifyingKey, base: &str, signature: &[u8]) -> Result<(), String> {
    let sig = if signature.len() == 64 {
        Signature::from_slice(signature)
    } else {
        Signature::from_der(signature)
    }
    .map_err(|_| "the signature is not an ECDSA P-256 signature".to_owned())?;
    key.verify(base.as_bytes(), &sig)
        .map_err(|_| "the signature does not match".to_owned())
}

/// The `Signature-Input` member value for these components and parameters.
pub fn params_text(components: &[&str], keyid: &str, created: i64, expires: i64) -> String {
    let list: Vec<String> = components.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "({});alg=\"{ALG}\";keyid=\"{keyid}\";created={created};expires={expires}",
        list.join(" ")
    )
}

/// Signs a base and returns the `Signature-Input` and `Signature` header values (DER, like
/// pawaPay).
pub fn sign(key: &SigningKey, params_text: &str, base: &str) -> (String, String) {
    let signature: Signature = key.sign(base.as_bytes());
    (
        format!("{LABEL}={params_text}"),
        format!("{LABEL}=:{}:", B64.encode(signature.to_der().as_bytes())),
    )
}

/// Splits an RFC 8941 dictionary into (key, raw member value) at top-level commas.
fn dictionary(header: &str) -> Result<Vec<(String, String)>, String> {
    let mut members = Vec::new();
    let (mut depth, mut quoted, mut start) = (0_i32, false, 0);
    let bytes = header.as_bytes();
    let mut push = |text: &str| -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| format!("dictionary member {text:?} has no value"))?;
        members.push((key.trim().to_owned(), value.trim().to_owned()));
        Ok(())
    };
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth -= 1,
            b',' if !quoted && depth == 0 => {
                push(&header[start..i])?;
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&header[start..])?;
    Ok(members)
}

/// `:<base64>:` (parameters after it ignored).
fn byte_sequence(value: &str) -> Option<Vec<u8>> {
    let inner = value.strip_prefix(':')?;
    let end = inner.find(':')?;
    B64.decode(&inner[..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_slice(&[7_u8; 32]).unwrap_or_else(|_| unreachable!())
    }

    fn values(name: &str) -> Option<String> {
        Some(
            match name {
                "@method" => "POST",
                "@authority" => "merchant.example:8443",
                "@path" => "/cb/deposit",
                "signature-date" => "2025-01-10T11:17:01Z",
                "content-digest" => "sha-512=:abc=:",
                "content-type" => "application/json",
                "content-length" => "42",
                _ => return None,
            }
            .to_owned(),
        )
    }

    #[test]
    fn a_signature_made_here_parses_and_verifies() {
        let params = params_text(
            CALLBACK_COMPONENTS,
            "HTTP_EC_P256_KEY:1",
            1_700_000_000,
            1_700_000_060,
        );
        let components: Vec<String> = CALLBACK_COMPONENTS.iter().map(|c| c.to_string()).collect();
        let base = signature_base(&components, &params, values).unwrap_or_default();
        let (input, signature) = sign(&key(), &params, &base);
        let parsed = parse(&input, &signature).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.components, components);
        assert_eq!(parsed.keyid.as_deref(), Some("HTTP_EC_P256_KEY:1"));
        assert_eq!(parsed.alg.as_deref(), Some(ALG));
        assert_eq!(parsed.created, Some(1_700_000_000));
        assert_eq!(parsed.expires, Some(1_700_000_060));
        let rebuilt =
            signature_base(&parsed.components, &parsed.params_text, values).unwrap_or_default();
        assert_eq!(rebuilt, base);
        assert!(verify(key().verifying_key(), &rebuilt, &parsed.signature).is_ok());
        assert!(
            verify(
                key().verifying_key(),
                &rebuilt.replace("POST", "GET"),
                &parsed.signature
            )
            .is_err()
        );
    }

    #[test]
    fn the_signature_base_follows_rfc_9421_line_by_line() {
        let components = vec!["@method".to_owned(), "content-digest".to_owned()];
        let base = signature_base(
            &components,
            "(\"@method\" \"content-digest\");created=1",
            values,
        );
        assert_eq!(
            base.as_deref(),
            Ok(
                "\"@method\": POST\n\"content-digest\": sha-512=:abc=:\n\"@signature-params\": (\"@method\" \"content-digest\");created=1"
            )
        );
    }

    #[test]
    fn fixed_size_signatures_are_accepted_as_well_as_der() {
        let signature: Signature = key().sign(b"base");
        assert!(verify(key().verifying_key(), "base", &signature.to_bytes()).is_ok());
        assert!(verify(key().verifying_key(), "base", signature.to_der().as_bytes()).is_ok());
        assert!(verify(key().verifying_key(), "base", b"junk").is_err());
    }

    #[test]
    fn content_digests_are_checked_against_the_raw_body() {
        let body = br#"{"depositId":"x","status":"COMPLETED"}"#;
        let header = content_digest(body);
        assert!(verify_content_digest(&header, body).is_ok());
        assert!(verify_content_digest(&header, b"{}").is_err());
        let sha256 = format!("sha-256=:{}:", B64.encode(Sha256::digest(body)));
        assert!(verify_content_digest(&sha256, body).is_ok());
        assert!(verify_content_digest("md5=:AAAA:", body).is_err());
    }

    #[test]
    fn several_signatures_pick_the_pawapay_label() {
        let input = r#"other=("@method");created=1, sig-pp=("@path");keyid="k";created=2"#;
        let signature = "other=:AAAA:, sig-pp=:AQID:";
        let parsed = parse(input, signature).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.components, vec!["@path".to_owned()]);
        assert_eq!(parsed.signature, vec![1, 2, 3]);
        assert_eq!(parsed.created, Some(2));
    }
}
