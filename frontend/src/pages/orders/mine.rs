//! `/me/tickets` ("My tickets"): the signed-in person's orders, newest first, each with its event,
//! status and reference, the tickets (QR codes) of confirmed ones, the PDF and a link to the
//! order page. Cursor paging with "Load more".

use common::orders::{Order, OrderStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::ticket_cards::TicketCards;
use crate::api;
use crate::components::badge::OrderStatusBadge;
use crate::components::button::{LINK, SECONDARY, SMALL_SECONDARY};
use crate::components::{ErrSignal, ErrorAlert, Loading, PageTitle};
use crate::i18n::{checkout as co, t, ui, use_lang};
use crate::money::format_money;
use crate::time::format_range;
use crate::util::encode;

#[component]
pub fn MyTicketsPage() -> impl IntoView {
    let lang = use_lang();
    let items = RwSignal::new(Vec::<Order>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let load = move |append: bool| {
        let cursor = if append { next.get_untracked() } else { None };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            match api::orders::list_my_orders(cursor.as_deref()).await {
                Ok(page) => {
                    items.update(|l| l.extend(page.items));
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load(false);

    let card = move |o: Order| {
        let l = lang.get_untracked();
        let e = &o.event;
        let href = format!("/orders/{}?token={}", o.id, encode(&o.access_token));
        let title = e.title.get(l).to_owned();
        let when = format_range(&e.starts_at, &e.ends_at, Some(&e.timezone), l);
        let heading_id = format!("order-{}", o.id);
        let count = o.tickets.len();
        let summary = co::ORDER_LINE.fill(
            l,
            &[
                ("reference", &o.reference),
                ("total", &format_money(&o.price.total, l)),
            ],
        );
        let status = o.status;
        let tickets = (status == OrderStatus::Confirmed && count > 0).then(|| o.tickets.clone());
        let pdf = o
            .pdf_url
            .clone()
            .filter(|_| status == OrderStatus::Confirmed);
        let labelled = heading_id.clone();
        view! {
            <li>
                <article aria-labelledby=labelled class="space-y-4 rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
                    <div class="flex flex-wrap items-start justify-between gap-3">
                        <div class="space-y-1">
                            <h2 id=heading_id class="text-lg font-semibold text-gray-900">{title}</h2>
                            <p class="text-sm text-gray-800">{when}</p>
                            <p class="text-sm text-gray-700">{summary}</p>
                        </div>
                        <OrderStatusBadge status=status />
                    </div>
                    {tickets.map(|tk| view! { <TicketCards tickets=tk compact=true /> })}
                    <div class="flex flex-wrap gap-3">
                        <a href=href class=SMALL_SECONDARY>{co::VIEW_ORDER.get(l)}</a>
                        {pdf.map(|p| view! { <a href=p class=SMALL_SECONDARY download="">{co::DOWNLOAD_PDF.get(l)}</a> })}
                    </div>
                </article>
            </li>
        }
    };

    view! {
        <PageTitle tr=co::MY_TICKETS />
        <section class="mx-auto max-w-4xl space-y-6">
            <h1 class="text-2xl font-bold text-gray-900">{t(co::MY_TICKETS)}</h1>
            <ErrorAlert error />
            <ul class="space-y-4">
                {move || {
                    lang.track();
                    items.get().into_iter().map(card).collect_view()
                }}
            </ul>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
                <div class="space-y-2 rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center">
                    <p class="text-gray-700">{t(co::NO_ORDERS)}</p>
                    <a href="/" class=LINK>{t(co::FIND_EVENTS)}</a>
                </div>
            </Show>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
            </Show>
        </section>
    }
}
