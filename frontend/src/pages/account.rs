//! stub
use leptos::prelude::*;
#[component]
pub fn AccountPage() -> impl IntoView { view! { <p>"x"</p> } }
