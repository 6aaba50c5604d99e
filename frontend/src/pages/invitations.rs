//! stub
pub mod accept {
use leptos::prelude::*;
#[component]
pub fn AcceptInvitationPage() -> impl IntoView { view! { <p>"x"</p> } }
}
