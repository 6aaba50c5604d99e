//! The buyer's invoice and credit notes on their order page: each a PDF link (the order's
//! access token in the link, like the tickets' PDF). Read again when the order's refunds change,
//! since a completed refund adds a credit note.

use common::invoices::Invoice;
use common::orders::{Order, OrderStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::button::LINK;
use crate::i18n::{finance as fi, t, use_lang};
use crate::money::format_money;
use crate::pages::orgs::invoices::invoice_kind_text;

const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

#[component]
pub fn OrderInvoices(#[prop(into)] order: Signal<Order>) -> impl IntoView {
    let lang = use_lang();
    let invoices = RwSignal::new(Vec::<Invoice>::new());
    Effect::new(move |_| {
        // Tracks the whole order: a refund that completes arrives as a new order value.
        let (id, token, confirmed) = order.with(|o| {
            (
                o.id,
                o.access_token.clone(),
                o.status == OrderStatus::Confirmed,
            )
        });
        if !confirmed {
            return;
        }
        spawn_local(async move {
            if let Ok(found) = api::finance::list_order_invoices(id, &token).await {
                let _ = invoices.try_set(found);
            }
        });
    });
    view! {
        <Show when=move || invoices.with(|i| !i.is_empty())>
            <section aria-labelledby="order-invoices-heading" class=CARD>
                <h2 id="order-invoices-heading" class="text-lg font-semibold text-gray-900">{t(fi::INVOICES)}</h2>
                <ul class="divide-y divide-gray-200" aria-labelledby="order-invoices-heading">
                    {move || {
                        let l = lang.get();
                        let (id, token) = order.with(|o| (o.id, o.access_token.clone()));
                        invoices
                            .get()
                            .into_iter()
                            .map(|i| {
                                let href = format!("/api/v1/orders/{id}/invoices/{}.pdf?token={token}", i.id);
                                view! {
                                    <li class="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                                        <span class="text-gray-800">
                                            {invoice_kind_text(i.kind).get(l)} " " <span class="font-mono">{i.display_number.clone()}</span>
                                            " · " <span class="tabular-nums">{format_money(&i.total, l)}</span>
                                        </span>
                                        <a
                                            href=href
                                            class=LINK
                                            download=""
                                            aria-label=fi::DOWNLOAD_PDF_OF.fill(l, &[("number", &i.display_number)])
                                        >
                                            {fi::DOWNLOAD_PDF.get(l)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
