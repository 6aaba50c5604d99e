//! stub
use leptos::prelude::*;
#[component]
pub fn AdminPage() -> impl IntoView { view! { <p>"x"</p> } }
