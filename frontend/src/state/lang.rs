//! The interface language: remembered in `localStorage["reckot.lang"]`, else taken from
//! `navigator.language`, else English. Changing it updates `<html lang>` and the API's
//! `Accept-Language` at once.

use common::Lang;

use super::storage;

pub const STORAGE_KEY: &str = "reckot.lang";

/// The language chosen earlier on this device, if any.
pub fn remembered() -> Option<Lang> {
    storage::get(STORAGE_KEY).and_then(|s| Lang::from_tag(&s))
}

/// The language to start with.
pub fn initial() -> Lang {
    remembered()
        .or_else(|| {
            web_sys::window()
                .and_then(|w| w.navigator().language())
                .and_then(|l| Lang::from_tag(&l))
        })
        .unwrap_or_default()
}

pub fn remember(lang: Lang) {
    storage::set(STORAGE_KEY, lang.as_str());
}

/// Applies a language to the document and to API calls (not to storage).
pub fn apply(lang: Lang) {
    crate::api::set_lang(lang);
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.as_str());
    }
}
