//! `/orgs/:org_id/events/:event_id/bookings`: an event's orders. Filters (status, ticket type,
//! created from / to, search by buyer, reference or ticket code) apply on "Filter"; the table
//! (reference, buyer, tickets, total, status, created) pages with "Load more"; "Export CSV"
//! downloads the filtered list. A reference opens the booking.

use common::ErrorCode;
use common::events::{Event, TicketType};
use common::orders::{ListOrdersQuery, OrderStatus, OrderSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::nav::{EventTabs, load_event};
use crate::api::{self, ApiError};
use crate::components::badge::{OrderStatusBadge, order_status_text};
use crate::components::button::{LINK, SECONDARY};
use crate::components::status::LoadError;
use crate::components::{
    ErrSignal, ErrorAlert, Loading, NotFound, PageTitle, SelectField, TextField,
};
use crate::i18n::{events as ev, sales as sa, t, ui, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orgs::layout::use_org;
use crate::time::{format_short, parse_date};
use crate::util::save_file;

/// The event id of the route, and the organization's id.
pub fn route_ids() -> (Option<Uuid>, Memo<Option<Uuid>>) {
    let ctx = use_org();
    let params = use_params_map();
    let event_id = Memo::new(move |_| {
        params
            .read()
            .get("event_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    (ctx.id(), event_id)
}

/// Loads the event and its ticket types, then shows `page` with them (or 404, or the error).
#[component]
pub fn WithEvent(
    org_id: Uuid,
    event_id: Memo<Option<Uuid>>,
    page: fn(Uuid, Event, Vec<TicketType>) -> AnyView,
) -> impl IntoView {
    let state = RwSignal::new(None::<Result<(Event, Vec<TicketType>), ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = event_id.get() else { return };
        state.set(None);
        spawn_local(async move {
            let result = load_event(org_id, id).await;
            if event_id.get_untracked() == Some(id) {
                state.set(Some(result));
            }
        });
    });
    move || match (event_id.get(), state.get()) {
        (None, _) => view! { <NotFound /> }.into_any(),
        (_, None) => view! { <Loading /> }.into_any(),
        (_, Some(Err(e))) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
        (_, Some(Err(e))) => view! {
            <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
        }
        .into_any(),
        (_, Some(Ok((event, types)))) => page(org_id, event, types),
    }
}

#[component]
pub fn BookingsPage() -> impl IntoView {
    let (org_id, event_id) = route_ids();
    let Some(org_id) = org_id else {
        return ().into_any();
    };
    view! {
        <PageTitle tr=sa::BOOKINGS />
        <WithEvent org_id event_id page=|org_id, event, types| view! { <Bookings org_id event types /> }.into_any() />
    }
    .into_any()
}

#[component]
fn Bookings(org_id: Uuid, event: Event, types: Vec<TicketType>) -> impl IntoView {
    let lang = use_lang();
    let event_id = event.id;
    let tz = StoredValue::new(event.timezone.clone());
    let slug = event.slug.clone();
    let title = event.title.clone();

    let status = RwSignal::new(String::new());
    let ticket_type = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let applied = RwSignal::new(ListOrdersQuery::default());
    let filter_error: ErrSignal = RwSignal::new(None);

    let items = RwSignal::new(Vec::<OrderSummary>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let exporting = RwSignal::new(false);
    let generation = StoredValue::new(0u32);

    let load = move |append: bool| {
        let mut query = applied.get_untracked();
        query.limit = Some(50);
        query.cursor = if append { next.get_untracked() } else { None };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if !append {
            items.set(Vec::new());
            next.set(None);
        }
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::orders::list_orders(org_id, event_id, &query).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(page) => {
                    items.update(|l| l.extend(page.items));
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    Effect::new(move |_| {
        applied.track();
        load(false);
    });

    let on_filter = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let mut problems = Vec::new();
        let date = |s: RwSignal<String>, field: &'static str, problems: &mut Vec<_>| {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                return None;
            }
            let d = parse_date(&v);
            if d.is_none() {
                problems.push((field, "invalid_date"));
            }
            d
        };
        let from_d = date(from, "from", &mut problems);
        let to_d = date(to, "to", &mut problems);
        if let (Some(a), Some(b)) = (from_d, to_d)
            && b < a
        {
            problems.push(("to", "before_start"));
        }
        if let Some(err) = ApiError::invalid(&problems) {
            filter_error.set(Some(err));
            return;
        }
        filter_error.set(None);
        let search = q.get_untracked().trim().to_owned();
        applied.set(ListOrdersQuery {
            status: OrderStatus::parse(&status.get_untracked()),
            ticket_type_id: Uuid::parse_str(&ticket_type.get_untracked()).ok(),
            from: from_d,
            to: to_d,
            q: (!search.is_empty()).then_some(search),
            limit: None,
            cursor: None,
        });
    };
    let on_clear = move |_| {
        for s in [status, ticket_type, from, to, q] {
            s.set(String::new());
        }
        filter_error.set(None);
        applied.set(ListOrdersQuery::default());
    };
    let on_export = move |_| {
        if exporting.get_untracked() {
            return;
        }
        exporting.set(true);
        error.set(None);
        let query = applied.get_untracked();
        let name = format!("bookings-{slug}.csv");
        spawn_local(async move {
            match api::orders::export_orders_csv(org_id, event_id, &query).await {
                Ok(bytes) => {
                    save_file(&bytes, &name, "text/csv");
                }
                Err(e) => error.set(Some(e)),
            }
            exporting.set(false);
        });
    };

    let status_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), sa::ANY_STATUS.get(l).to_owned())];
        v.extend(OrderStatus::ALL.iter().map(|s| {
            (
                s.as_str().to_owned(),
                order_status_text(*s).get(l).to_owned(),
            )
        }));
        v
    });
    let types = StoredValue::new(types);
    let type_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), sa::ANY_TICKET_TYPE.get(l).to_owned())];
        types.with_value(|ts| {
            v.extend(
                ts.iter()
                    .map(|t| (t.id.to_string(), t.name.get(l).to_owned())),
            )
        });
        v
    });

    let row = move |o: OrderSummary, l| {
        let href = format!("/orgs/{org_id}/orders/{}", o.id);
        let created = format_short(&o.created_at, &tz.get_value(), l);
        view! {
            <tr>
                <td class=TD><a href=href class=format!("{LINK} font-mono")>{o.reference.clone()}</a></td>
                <td class=TD>
                    <span class="block font-medium">{o.buyer.name.clone()}</span>
                    <span class="block text-xs text-gray-700">{o.buyer.email.clone()}</span>
                </td>
                <td class=TD>{o.tickets}</td>
                <td class=TD>
                    {format_money(&o.total, l)}
                    {o.coupon_code.clone().map(|c| view! { <span class="block text-xs text-gray-700">{c}</span> })}
                </td>
                <td class=TD><OrderStatusBadge status=o.status /></td>
                <td class=TD>{created}</td>
            </tr>
        }
    };

    view! {
        <section class="space-y-6">
            <a href=format!("/orgs/{org_id}/events") class=LINK>"← " {t(ev::BACK_TO_EVENTS)}</a>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-gray-900">
                    {move || sa::BOOKINGS_OF.fill(lang.get(), &[("event", title.get(lang.get()))])}
                </h1>
                <button type="button" class=SECONDARY disabled=move || exporting.get() on:click=on_export>
                    {move || if exporting.get() { t(sa::EXPORTING)() } else { t(sa::EXPORT_CSV)() }}
                </button>
            </div>
            <EventTabs org_id event_id />
            <form role="search" aria-label=t(sa::FILTERS) class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" novalidate=true on:submit=on_filter>
                <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
                    <SelectField id="bookings-status" label=sa::STATUS value=status options=status_options />
                    <SelectField id="bookings-type" label=sa::TICKET_TYPE value=ticket_type options=type_options />
                    <TextField id="bookings-from" label=sa::CREATED_FROM value=from kind="date" field="from" error=filter_error />
                    <TextField id="bookings-to" label=sa::CREATED_TO value=to kind="date" field="to" error=filter_error />
                    <TextField id="bookings-q" label=sa::SEARCH value=q kind="search" hint=sa::SEARCH_HINT />
                </div>
                <div class="flex flex-wrap gap-3">
                    <button type="submit" class=SECONDARY>{t(sa::FILTER)}</button>
                    <button type="button" class=SECONDARY on:click=on_clear>{t(sa::CLEAR_FILTERS)}</button>
                </div>
            </form>
            <ErrorAlert error />
            <Show when=move || !items.with(Vec::is_empty)>
                <div
                    role="region"
                    aria-label=t(sa::BOOKINGS)
                    tabindex="0"
                    class="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                >
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(sa::REFERENCE)}</th>
                                <th scope="col" class=TH>{t(sa::BUYER)}</th>
                                <th scope="col" class=TH>{t(sa::TICKETS)}</th>
                                <th scope="col" class=TH>{t(sa::TOTAL)}</th>
                                <th scope="col" class=TH>{t(sa::STATUS)}</th>
                                <th scope="col" class=TH>{t(sa::CREATED)}</th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                items.get().into_iter().map(|o| row(o, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <Show when=move || !loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none)>
                <p class="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t(sa::NO_BOOKINGS)}</p>
            </Show>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
            </Show>
        </section>
    }
}
