//! Reckot's single-page app: Leptos, client-side rendered, compiled to wasm32.
//!
//! `boot.js` imports the wasm-bindgen glue and calls `init()`, which runs [`start`]: it mounts
//! [`app::App`] into `<body>`. Nothing else runs before the router takes over.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod money;
pub mod pages;
pub mod perms;
pub mod state;
pub mod theme;
pub mod time;
pub mod util;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by wasm-bindgen's `init()`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
