//! Small helpers: slugs (from `domain`), safe redirects, URL encoding, dates in the reader's language.

use chrono::{DateTime, Utc};
use common::Lang;
use wasm_bindgen::JsValue;

pub use domain::slug::{is_valid as is_valid_slug, slugify};

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
    fn only_same_site_paths_are_followed() {
        assert_eq!(safe_next(Some("/orgs/x".into())), Some("/orgs/x".into()));
        assert_eq!(safe_next(Some("//evil.com".into())), None);
        assert_eq!(safe_next(Some("https://evil.com".into())), None);
    }
}
