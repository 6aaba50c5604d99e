//! A confirmed order's tickets as cards: the QR code (the signed image the door scans), the
//! ticket code to type in by hand, the attendee and the ticket type. Cancelled and refunded
//! tickets say so (their code no longer admits anyone).

use common::orders::{Ticket, TicketStatus};
use leptos::prelude::*;

use crate::i18n::{checkout as co, finance as fi, use_lang};

#[component]
pub fn TicketCards(tickets: Vec<Ticket>, #[prop(optional)] compact: bool) -> impl IntoView {
    let lang = use_lang();
    let qr_class = if compact { "h-24 w-24" } else { "h-40 w-40" };
    let list = tickets
        .into_iter()
        .enumerate()
        .map(|(i, tk)| {
            let void = match tk.status {
                TicketStatus::Valid => None,
                TicketStatus::Cancelled => Some((co::TICKET_CANCELLED, "bg-red-100 text-red-900")),
                TicketStatus::Refunded => Some((fi::TICKET_REFUNDED, "bg-gray-200 text-gray-900")),
            };
            let qr_class = if void.is_some() {
                format!("{qr_class} opacity-40")
            } else {
                qr_class.to_owned()
            };
            let code = tk.code.clone();
            let type_name = tk.ticket_type_name.clone();
            let alt_code = code.clone();
            let data_code = code.clone();
            let data_status = tk.status.as_str();
            view! {
                <li class="flex flex-wrap items-center gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-ticket-code=data_code data-ticket-status=data_status>
                    <img
                        src=tk.qr_svg_url.clone()
                        alt=move || co::QR_ALT.fill(lang.get(), &[("code", &alt_code)])
                        class=format!("{qr_class} shrink-0 rounded border border-gray-200 bg-white p-1")
                        width="160"
                        height="160"
                    />
                    <div class="min-w-0 flex-1 space-y-1">
                        <p class="text-xs font-semibold uppercase tracking-wide text-gray-600">
                            {move || co::TICKET_N.fill(lang.get(), &[("n", &(i + 1).to_string())])}
                        </p>
                        <p class="font-semibold text-gray-900">{move || type_name.get(lang.get()).to_owned()}</p>
                        <p class="text-gray-800">{tk.attendee_name.clone()}</p>
                        <p class="font-mono text-sm tracking-wider text-gray-900">
                            <span class="sr-only">{move || co::TICKET_CODE.get(lang.get())} " "</span>
                            {code}
                        </p>
                        {void
                            .map(|(text, colors)| view! {
                                <p class=format!("inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold {colors}")>
                                    {move || text.get(lang.get())}
                                </p>
                            })}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="grid gap-4 md:grid-cols-2" aria-label=move || co::TICKETS.get(lang.get())>{list}</ul> }
}
