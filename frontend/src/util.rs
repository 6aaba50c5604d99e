//! Small helpers: slugs, safe redirects, URL encoding, dates in the reader's language.

use chrono::{DateTime, Utc};
use common::Lang;
use wasm_bindgen::JsValue;

/// Longest web address (slug) the API accepts.
pub const SLUG_MAX: usize = 60;

/// Suggests a web address from a name: `Festival d'Été 2025` -> `festival-d-ete-2025`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            'æ' => {
                out.push('a');
                'e'
            }
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(mapped);
    }
    out.truncate(SLUG_MAX);
    out.trim_end_matches('-').to_owned()
}

/// True for lowercase letters, digits and dashes, 3 to 60 characters, no leading/trailing dash.
pub fn is_valid_slug(slug: &str) -> bool {
    (3..=SLUG_MAX).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// Keeps a `?next=` target only if it is a path on this site (no `//host`, no scheme, no API).
pub fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| {
        n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.starts_with("/api/")
    })
}

/// `encodeURIComponent`.
pub fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// A date the way the reader writes it (`25 Nov 2026` / `25 nov. 2026`).
pub fn format_date(at: &DateTime<Utc>, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let opts = js_sys::Object::new();
    for (k, v) in [("year", "numeric"), ("month", "short"), ("day", "numeric")] {
        let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    String::from(date.to_locale_date_string(lang.as_str(), &opts))
}

/// The current path and query, for `?next=` links back here.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| {
            let loc = w.location();
            Some(format!("{}{}", loc.pathname().ok()?, loc.search().ok()?))
        })
        .unwrap_or_else(|| "/".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(slugify("Festival d'Été 2025"), "festival-d-ete-2025");
        assert_eq!(slugify("  --Hello   World-- "), "hello-world");
        assert!(is_valid_slug(&slugify("Cœur de Douala")));
    }

    #[test]
    fn only_same_site_paths_are_followed() {
        assert_eq!(safe_next(Some("/orgs/x".into())), Some("/orgs/x".into()));
        assert_eq!(safe_next(Some("//evil.com".into())), None);
        assert_eq!(safe_next(Some("https://evil.com".into())), None);
    }
}
