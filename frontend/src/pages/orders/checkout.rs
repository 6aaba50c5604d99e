//! `/e/:slug/checkout`: loads the event (and the hidden types the carried access code unlocks),
//! reads the selection carried from the event page, and shows the checkout form. Without a
//! selection it sends the buyer back to the event.

use common::ErrorCode;
use common::public::{PublicEvent, PublicTicketType, UnlockTicketTypes};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::checkout_form::CheckoutForm;
use crate::api::{self, ApiError};
use crate::components::button::LINK;
use crate::components::status::LoadError;
use crate::components::{Loading, NotFound, PageTitle};
use crate::i18n::{checkout as co, t};
use crate::state::checkout;

/// The event's ticket types, the hidden ones the code opens included.
pub async fn load_types(
    slug: &str,
    access_code: Option<String>,
) -> Result<(PublicEvent, Vec<PublicTicketType>), ApiError> {
    let event = api::public::get_public_event(slug).await?;
    let mut types = event.ticket_types.clone();
    if let Some(code) = access_code
        && let Ok(found) = api::public::unlock_ticket_types(slug, &UnlockTicketTypes { code }).await
    {
        for t in found {
            if !types.iter().any(|x| x.id == t.id) {
                types.push(t);
            }
        }
    }
    Ok((event, types))
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let state = RwSignal::new(None::<Result<(PublicEvent, Vec<PublicTicketType>), ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let s = slug.get();
        state.set(None);
        let code = checkout::load(&s).and_then(|sel| sel.access_code);
        spawn_local(async move {
            let result = load_types(&s, code).await;
            if slug.get_untracked() == s {
                state.set(Some(result));
            }
        });
    });

    view! {
        <PageTitle tr=co::CHECKOUT_TITLE />
        {move || match state.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(e)) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
            Some(Err(e)) => view! {
                <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
            }
            .into_any(),
            Some(Ok((event, types))) => {
                let s = slug.get_untracked();
                match checkout::load(&s).filter(|sel| sel.count() > 0) {
                    Some(selection) => view! { <CheckoutForm slug=s event types selection /> }.into_any(),
                    None => view! { <EmptySelection slug=s /> }.into_any(),
                }
            }
        }}
    }
}

/// Nothing chosen (a direct visit, or every quantity set back to 0).
#[component]
pub fn EmptySelection(
    slug: String,
    /// Under the checkout's own heading: no second `h1`.
    #[prop(optional)]
    no_heading: bool,
) -> impl IntoView {
    view! {
        <section class="mx-auto max-w-xl space-y-4 py-8 text-center">
            {(!no_heading).then(|| view! { <h1 class="text-2xl font-bold text-gray-900">{t(co::CHECKOUT_TITLE)}</h1> })}
            <p class="text-gray-700">{t(co::EMPTY_SELECTION)}</p>
            <a href=format!("/e/{slug}#tickets") class=LINK>{t(co::BACK_TO_EVENT)}</a>
        </section>
    }
}
