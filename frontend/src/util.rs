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

/// A link the server gave (a gateway page, a return address) as a path of this site, when it is
/// one: `/pay/test/…` as is, `https://this-host/orders/…` without the origin. `None` for other sites.
pub fn app_path(url: &str) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(url.to_owned());
    }
    let origin = web_sys::window()?.location().origin().ok()?;
    url.strip_prefix(&origin)
        .filter(|rest| rest.starts_with('/'))
        .map(str::to_owned)
}

/// Leaves the app for another site (a real payment gateway).
pub fn go_external(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
}

/// Offers `bytes` as a file download named `name` (through a temporary Blob URL).
pub fn save_file(bytes: &[u8], name: &str, mime: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let doc = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("hidden");
    doc.body()?.append_child(&a).ok()?;
    a.click();
    a.remove();
    // Revoked a little later: the download reads the URL after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Some(())
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
