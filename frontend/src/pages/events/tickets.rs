//! The "Tickets" section of the event page: the ticket types (name, price, sold of quantity, sale
//! window, hidden/inactive/group), each with Edit and Delete (confirmed), and the form below.

use common::events::{CapacityGroup, TicketType};
use common::{Currency, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::form::CARD;
use super::ticket_form::TicketForm;
use crate::api;
use crate::components::button::{SMALL_DANGER, SMALL_SECONDARY};
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{events as ev, members, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::time::format_short;

const PILL: &str =
    "mr-1 inline-flex rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-800";

/// `5,000 XAF`, or "Free".
pub fn price_label(t: &TicketType, lang: Lang) -> String {
    if t.price.amount == Decimal::ZERO {
        ev::FREE.get(lang).to_owned()
    } else {
        format_money(&t.price, lang)
    }
}

#[component]
pub fn TicketTypesSection(
    org_id: Uuid,
    event_id: Uuid,
    #[prop(into)] currency: Signal<Currency>,
    #[prop(into)] timezone: Signal<String>,
    tickets: RwSignal<Vec<TicketType>>,
    groups: RwSignal<Vec<CapacityGroup>>,
    /// After any change (capacity groups count their ticket types).
    on_changed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let editing = RwSignal::new(None::<TicketType>);
    let flash = RwSignal::new(None::<Flash>);
    let error: ErrSignal = RwSignal::new(None);
    let to_delete = RwSignal::new(None::<TicketType>);
    let dialog_open = RwSignal::new(false);

    let on_saved = Callback::new(move |(saved, was_new): (TicketType, bool)| {
        let name = saved.name.get(lang.get_untracked()).to_owned();
        tickets.update(|list| match list.iter_mut().find(|t| t.id == saved.id) {
            Some(slot) => *slot = saved,
            None => list.push(saved),
        });
        let tr = if was_new {
            ev::TICKET_ADDED
        } else {
            ev::TICKET_SAVED
        };
        flash.set(Some(Flash::fill(tr, "name", name)));
        on_changed.run(());
    });
    let on_delete = Callback::new(move |()| {
        let Some(t) = to_delete.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::events::delete_ticket_type(org_id, event_id, t.id).await {
                Ok(()) => {
                    tickets.update(|l| l.retain(|x| x.id != t.id));
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|e| e.id == t.id)) {
                        editing.set(None);
                    }
                    flash.set(Some(Flash::new(ev::TICKET_DELETED)));
                    on_changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let delete_title = Signal::derive(move || {
        let name = to_delete.with(|t| {
            t.as_ref()
                .map(|t| t.name.get(lang.get()).to_owned())
                .unwrap_or_default()
        });
        ev::DELETE_TICKET_TITLE.fill(lang.get(), &[("name", &name)])
    });
    let delete_text = Signal::derive(move || ev::DELETE_TICKET_TEXT.get(lang.get()).to_owned());

    let row = move |tt: TicketType, l: Lang| {
        let tz = timezone.get_untracked();
        let name = tt.name.get(l).to_owned();
        let window = match (tt.sale_starts_at, tt.sale_ends_at) {
            (None, None) => "—".to_owned(),
            (a, b) => format!(
                "{} → {}",
                a.map(|d| format_short(&d, &tz, l)).unwrap_or_default(),
                b.map(|d| format_short(&d, &tz, l)).unwrap_or_default()
            ),
        };
        let group = tt.capacity_group_id.and_then(|g| {
            groups.with_untracked(|gs| gs.iter().find(|x| x.id == g).map(|x| x.name.clone()))
        });
        let sold = ev::SOLD_OF.fill(
            l,
            &[
                ("sold", &tt.sold.to_string()),
                ("total", &tt.quantity.to_string()),
            ],
        );
        let (for_edit, for_delete) = (tt.clone(), tt.clone());
        let edit_label = ev::EDIT_NAMED.fill(l, &[("name", &name)]);
        let delete_label = ev::DELETE_NAMED.fill(l, &[("name", &name)]);
        view! {
            <tr>
                <td class=TD><span class="font-medium">{name}</span></td>
                <td class=TD>{price_label(&tt, l)}</td>
                <td class=TD>{sold}</td>
                <td class=TD>{window}</td>
                <td class="px-4 py-3 text-sm text-gray-900">
                    {tt.access_code.is_some().then(|| view! { <span class=PILL>{ev::HIDDEN.get(l)}</span> })}
                    {(!tt.active).then(|| view! { <span class=PILL>{ev::INACTIVE.get(l)}</span> })}
                    {group.map(|g| view! { <span class=PILL>{g}</span> })}
                </td>
                <td class=TD>
                    <div class="flex gap-2">
                        <button
                            type="button"
                            class=SMALL_SECONDARY
                            aria-label=edit_label
                            on:click=move |_| {
                                editing.set(Some(for_edit.clone()));
                                if let Some(el) = document().get_element_by_id("ticket-name-en")
                                    && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
                                {
                                    let _ = el.focus();
                                }
                            }
                        >
                            {ev::EDIT.get(l)}
                        </button>
                        <button
                            type="button"
                            class=SMALL_DANGER
                            aria-label=delete_label
                            on:click=move |_| {
                                to_delete.set(Some(for_delete.clone()));
                                dialog_open.set(true);
                            }
                        >
                            {ev::DELETE.get(l)}
                        </button>
                    </div>
                </td>
            </tr>
        }
    };

    view! {
        <section id="tickets" aria-labelledby="tickets-heading" class=CARD>
            <h2 id="tickets-heading" class="text-lg font-semibold text-gray-900">{t(ev::TICKETS)}</h2>
            <ErrorAlert error />
            <FlashMessage flash />
            <Show
                when=move || !tickets.with(Vec::is_empty)
                fallback=|| view! { <p class="text-gray-700">{t(ev::NO_TICKET_TYPES)}</p> }
            >
                <div
                    role="region"
                    aria-label=t(ev::TICKETS)
                    tabindex="0"
                    class="overflow-x-auto rounded-lg border border-gray-200 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                >
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(ev::NAME)}</th>
                                <th scope="col" class=TH>{t(ev::PRICE)}</th>
                                <th scope="col" class=TH>{t(ev::QUANTITY)}</th>
                                <th scope="col" class=TH>{t(ev::SALE_STARTS)}" / "{t(ev::SALE_ENDS)}</th>
                                <th scope="col" class=TH>{t(ev::OPTIONS)}</th>
                                <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                groups.track();
                                tickets.get().into_iter().map(|tt| row(tt, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <TicketForm org_id event_id currency timezone groups editing on_saved flash />
            <ConfirmDialog
                id="delete-ticket-dialog"
                open=dialog_open
                title=delete_title
                message=delete_text
                confirm_label=ev::DELETE
                danger=true
                on_confirm=on_delete
            />
        </section>
    }
}
