//! Event themes under a strict CSP (`style-src 'self'`: no inline styles, no `<style>`):
//! stylesheets are built in script (`new CSSStyleSheet()`, `replaceSync`) and adopted by the
//! document (`document.adoptedStyleSheets`), one per key, replaced or dropped as pages change.
//! The CSS is scoped to `.event-theme` by the server; colors arrive only as the custom
//! properties `--event-primary` and `--event-accent`.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::CssStyleSheet;

/// The class of the element the theme applies to (the server scopes the organizer's CSS to it).
pub const SCOPE_CLASS: &str = "event-theme";
/// Reckot's own colors, used when an event has none.
pub const DEFAULT_PRIMARY: &str = "#0f766e";
pub const DEFAULT_ACCENT: &str = "#b45309";

thread_local! {
    static SHEETS: RefCell<Vec<(&'static str, CssStyleSheet)>> = const { RefCell::new(Vec::new()) };
}

/// `#rrggbb` (the only form color inputs give and the API accepts).
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// `.event-theme{--event-primary:#..;--event-accent:#..}` from the colors that are valid.
pub fn vars_css(primary: Option<&str>, accent: Option<&str>) -> String {
    let vars: Vec<String> = [("--event-primary", primary), ("--event-accent", accent)]
        .into_iter()
        .filter_map(|(name, v)| v.filter(|c| is_hex_color(c)).map(|c| format!("{name}:{c}")))
        .collect();
    if vars.is_empty() {
        String::new()
    } else {
        format!(".{SCOPE_CLASS}{{{}}}", vars.join(";"))
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sets the stylesheet under `key` to `css` (adopting it the first time).
pub fn adopt(key: &'static str, css: &str) {
    let Some(doc) = document() else { return };
    SHEETS.with(|sheets| {
        let mut sheets = sheets.borrow_mut();
        if let Some((_, sheet)) = sheets.iter().find(|(k, _)| *k == key) {
            let _ = sheet.replace_sync(css);
            return;
        }
        let Ok(sheet) = CssStyleSheet::new() else {
            return;
        };
        if sheet.replace_sync(css).is_err() {
            return;
        }
        let adopted = doc.adopted_style_sheets();
        adopted.push(&sheet);
        doc.set_adopted_style_sheets(&adopted);
        sheets.push((key, sheet));
    });
}

/// Removes the stylesheet under `key`, if any.
pub fn drop_sheet(key: &'static str) {
    let Some(doc) = document() else { return };
    SHEETS.with(|sheets| {
        let mut sheets = sheets.borrow_mut();
        let Some(i) = sheets.iter().position(|(k, _)| *k == key) else {
            return;
        };
        let (_, sheet) = sheets.remove(i);
        let target: &JsValue = sheet.as_ref();
        let kept = Array::new();
        for s in doc.adopted_style_sheets().iter() {
            if &s != target {
                kept.push(&s);
            }
        }
        doc.set_adopted_style_sheets(&kept);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colors_become_variables() {
        assert_eq!(
            vars_css(Some("#112233"), Some("red")),
            ".event-theme{--event-primary:#112233}"
        );
        assert_eq!(vars_css(None, Some("#aabbcc;}x{")), "");
        assert!(is_hex_color("#0f766e"));
        assert!(!is_hex_color("0f766e"));
    }
}
