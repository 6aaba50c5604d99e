//! The Finance page's "Invoices" tab: the organization's invoices to buyers, credit notes for
//! refunds and the platform's monthly fee invoices, newest first, filtered by kind, each
//! downloadable as its PDF (fetched with the member's token, then saved).

use common::Lang;
use common::invoices::{Invoice, InvoiceKind, ListInvoicesQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::finance_lists::booking_link;
use crate::api;
use crate::components::button::LINK;
use crate::components::paged::{Paged, PagedFooter, REGION};
use crate::components::{ErrorAlert, SelectField};
use crate::i18n::{Tr, finance as fi, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::time::format_datetime;
use crate::util::save_file;

pub fn invoice_kind_text(k: InvoiceKind) -> Tr {
    match k {
        InvoiceKind::Invoice => fi::INVOICE,
        InvoiceKind::CreditNote => fi::CREDIT_NOTE,
        InvoiceKind::FeeInvoice => fi::FEE_INVOICE,
    }
}

#[component]
pub fn OrgInvoices(org_id: Uuid, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let kind = RwSignal::new(String::new());
    let list = Paged::<Invoice>::new();
    let failed = RwSignal::new(None::<api::ApiError>);
    let load = move |append: bool| {
        let q = ListInvoicesQuery {
            kind: InvoiceKind::parse(&kind.get_untracked()),
            limit: None,
            cursor: None,
        };
        list.load(append, move |cursor| async move {
            let q = ListInvoicesQuery { cursor, ..q };
            api::finance::list_invoices(org_id, &q).await
        });
    };
    Effect::new(move |_| {
        kind.track();
        reload.track();
        load(false);
    });
    let options = Signal::derive(move || {
        let l = lang.get();
        std::iter::once((String::new(), fi::ANY_KIND.get(l).to_owned()))
            .chain(InvoiceKind::ALL.iter().map(|k| {
                (
                    k.as_str().to_owned(),
                    invoice_kind_text(*k).get(l).to_owned(),
                )
            }))
            .collect::<Vec<_>>()
    });
    let download = move |id: Uuid, number: String| {
        spawn_local(async move {
            match api::finance::download_invoice(org_id, id).await {
                Ok(bytes) => {
                    save_file(&bytes, &format!("{number}.pdf"), "application/pdf");
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    };
    let row = move |i: Invoice, l: Lang| {
        let number = i.display_number.clone();
        let label = fi::DOWNLOAD_PDF_OF.fill(l, &[("number", &number)]);
        view! {
            <tr>
                <td class=format!("{TD} font-mono")>{i.display_number.clone()}</td>
                <td class=TD>{invoice_kind_text(i.kind).get(l)}</td>
                <td class=TD>{format_datetime(&i.issued_at, None, l)}</td>
                <td class=TD>{i.customer_name.clone()}{i.period.clone().map(|p| view! { <span class="block text-xs text-gray-700">{p}</span> })}</td>
                <td class=TD>{booking_link(org_id, i.order_id, i.order_reference.clone())}</td>
                <td class=format!("{TD} tabular-nums font-medium")>{format_money(&i.total, l)}</td>
                <td class=TD>
                    <button type="button" class=LINK aria-label=label on:click=move |_| download(i.id, number.clone())>
                        {fi::DOWNLOAD_PDF.get(l)}
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <div class="space-y-4">
            <div class="max-w-xs">
                <SelectField id="invoice-kind" label=fi::DOCUMENT value=kind options />
            </div>
            <ErrorAlert error=list.error />
            <ErrorAlert error=failed />
            <div role="region" aria-label=t(fi::INVOICES) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::NUMBER)}</th>
                            <th scope="col" class=TH>{t(fi::DOCUMENT)}</th>
                            <th scope="col" class=TH>{t(fi::DATE)}</th>
                            <th scope="col" class=TH>{t(fi::CUSTOMER)}</th>
                            <th scope="col" class=TH>{t(fi::BOOKING)}</th>
                            <th scope="col" class=TH>{t(fi::AMOUNT)}</th>
                            <th scope="col" class=TH><span class="sr-only">{t(fi::DOWNLOAD_PDF)}</span></th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            list.items.get().into_iter().map(|i| row(i, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <PagedFooter paged=list empty=fi::NO_INVOICES on_more=Callback::new(move |()| load(true)) />
        </div>
    }
}
