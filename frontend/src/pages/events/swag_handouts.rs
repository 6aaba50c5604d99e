//! The hand-out report of one swag item: who received how many, when and from whom, newest
//! first, 50 at a time with "Load more".

use common::Lang;
use common::page::PageQuery;
use common::swag::SwagHandout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin::{EMPTY, REGION};
use crate::api;
use crate::components::button::SECONDARY;
use crate::components::{ErrSignal, ErrorAlert, Loading};
use crate::i18n::{checkin as ci, t, ui, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::time::format_short;

#[component]
pub fn Handouts(org_id: Uuid, item_id: Uuid, timezone: String) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(timezone);
    let items = RwSignal::new(Vec::<SwagHandout>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);

    let load = move |append: bool| {
        let q = PageQuery {
            limit: Some(50),
            cursor: if append { next.get_untracked() } else { None },
        };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::swag::list_swag_handouts(org_id, item_id, &q).await;
            // The panel may have been closed meanwhile.
            match result {
                Ok(page) => {
                    let _ = items.try_update(|l| {
                        if !append {
                            l.clear();
                        }
                        l.extend(page.items);
                    });
                    let _ = next.try_set(page.next_cursor);
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
            let _ = loading.try_set(false);
        });
    };
    load(false);

    let row = move |h: SwagHandout, l: Lang| {
        view! {
            <tr>
                <td class=TD>{format_short(&h.created_at, &tz.get_value(), l)}</td>
                <td class=format!("{TD} font-mono")>{h.ticket.code.clone()}</td>
                <td class=TD>{h.ticket.attendee_name.clone()}</td>
                <td class=TD>{h.ticket.ticket_type_name.get(l).to_owned()}</td>
                <td class=format!("{TD} tabular-nums")>{h.quantity}</td>
                <td class=TD>{h.by_name.clone().unwrap_or_default()}</td>
            </tr>
        }
    };

    view! {
        <h3 class="text-base font-semibold text-gray-900">{t(ci::HANDOUTS)}</h3>
        <ErrorAlert error />
        <Show when=move || !items.with(Vec::is_empty)>
            <div role="region" aria-label=t(ci::HANDOUTS) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(ci::WHEN)}</th>
                            <th scope="col" class=TH>{t(ci::TICKET)}</th>
                            <th scope="col" class=TH>{t(ci::ATTENDEE)}</th>
                            <th scope="col" class=TH>{t(ci::TICKET_TYPE)}</th>
                            <th scope="col" class=TH>{t(ci::QUANTITY)}</th>
                            <th scope="col" class=TH>{t(ci::BY)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            items.get().into_iter().map(|h| row(h, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </Show>
        <Show when=move || loading.get()>
            <Loading />
        </Show>
        <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
            <p class=EMPTY>{t(ci::NO_HANDOUTS)}</p>
        </Show>
        <Show when=move || next.with(Option::is_some) && !loading.get()>
            <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
        </Show>
    }
}
