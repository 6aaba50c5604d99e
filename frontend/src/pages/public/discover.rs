//! Event discovery (on `/`): "Search events", filters (category, city, country, from / to dates,
//! free or paid, sort by date or popularity), the results as cards and "Load more". Selects and
//! dates apply at once; the words and the city on Enter or "Search".

use chrono::NaiveDate;
use common::events::Category;
use common::public::{DiscoverQuery, DiscoverSort, PriceFilter, PublicEventSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::button::{LINK, SECONDARY};
use crate::components::event_card::EventCard;
use crate::components::field::{INPUT, LABEL};
use crate::components::{ErrSignal, ErrorAlert, Loading, SelectField, TextField};
use crate::i18n::countries::COUNTRIES;
use crate::i18n::{public as pb, t, ui, use_lang};
use crate::time::parse_date;

const PAGE: u64 = 12;

fn opt(s: RwSignal<String>) -> Option<String> {
    let v = s.get_untracked().trim().to_owned();
    (!v.is_empty()).then_some(v)
}

fn date(s: RwSignal<String>) -> Option<NaiveDate> {
    parse_date(&s.get_untracked())
}

#[component]
pub fn Discover() -> impl IntoView {
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let sort = RwSignal::new("date".to_owned());
    let categories = RwSignal::new(Vec::<Category>::new());
    let items = RwSignal::new(Vec::<PublicEventSummary>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error: ErrSignal = RwSignal::new(None);
    let generation = StoredValue::new(0u32);

    spawn_local(async move {
        if let Ok(list) = api::public::list_categories().await {
            categories.set(list);
        }
    });

    let load = move |append: bool| {
        let query = DiscoverQuery {
            q: opt(q),
            category: opt(category),
            city: opt(city),
            country: opt(country),
            from: date(from),
            to: date(to),
            price: match price.get_untracked().as_str() {
                "free" => Some(PriceFilter::Free),
                "paid" => Some(PriceFilter::Paid),
                _ => None,
            },
            sort: Some(if sort.get_untracked() == "popularity" {
                DiscoverSort::Popularity
            } else {
                DiscoverSort::Date
            }),
            limit: Some(PAGE),
            cursor: if append { next.get_untracked() } else { None },
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::public::discover_events(&query).await;
            if generation.get_value() != mine {
                return;
            }
            match result {
                Ok(page) => {
                    items.update(|l| {
                        if append {
                            l.extend(page.items)
                        } else {
                            *l = page.items
                        }
                    });
                    next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    // Choices apply at once (the first run is the initial search).
    Effect::new(move |_| {
        category.track();
        country.track();
        from.track();
        to.track();
        price.track();
        sort.track();
        load(false);
    });

    let clear = move |_| {
        for s in [q, category, city, country, from, to, price] {
            s.set(String::new());
        }
        sort.set("date".into());
    };
    let filtered = move || {
        [q, category, city, country, from, to, price]
            .iter()
            .any(|s| s.with(|v| !v.is_empty()))
    };

    let category_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), pb::ANY_CATEGORY.get(l).to_owned())];
        v.extend(
            categories
                .get()
                .into_iter()
                .map(|c| (c.slug.clone(), c.name.get(l).to_owned())),
        );
        v
    });
    let country_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), pb::ANY_COUNTRY.get(l).to_owned())];
        v.extend(
            COUNTRIES
                .iter()
                .map(|(c, n)| ((*c).to_owned(), n.get(l).to_owned())),
        );
        v
    });
    let price_options = Signal::derive(move || {
        let l = lang.get();
        vec![
            (String::new(), pb::ANY_PRICE.get(l).to_owned()),
            ("free".into(), pb::FREE.get(l).to_owned()),
            ("paid".into(), pb::PAID.get(l).to_owned()),
        ]
    });
    let sort_options = Signal::derive(move || {
        let l = lang.get();
        vec![
            ("date".into(), pb::SORT_DATE.get(l).to_owned()),
            ("popularity".into(), pb::SORT_POPULARITY.get(l).to_owned()),
        ]
    });

    view! {
        <section aria-labelledby="discover-heading" class="space-y-5">
            <h2 id="discover-heading" class="text-2xl font-bold text-gray-900">{t(pb::DISCOVER_TITLE)}</h2>
            <form
                role="search"
                aria-labelledby="discover-heading"
                class="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
                on:submit=move |e| {
                    e.prevent_default();
                    load(false);
                }
            >
                <div class="flex flex-wrap items-end gap-3">
                    <div class="min-w-[14rem] flex-1 space-y-1">
                        <label for="discover-q" class=LABEL>{t(pb::SEARCH_EVENTS)}</label>
                        <input id="discover-q" name="q" type="search" class=INPUT bind:value=q />
                    </div>
                    <button type="submit" class=SECONDARY>{t(ui::SEARCH)}</button>
                </div>
                <fieldset>
                    <legend class="sr-only">{t(pb::FILTERS)}</legend>
                    <div class="grid grid-cols-2 gap-3 lg:grid-cols-4 xl:grid-cols-7">
                        <SelectField id="discover-category" label=pb::CATEGORY value=category options=category_options />
                        <TextField id="discover-city" label=pb::CITY value=city autocomplete="address-level2" />
                        <SelectField id="discover-country" label=pb::COUNTRY value=country options=country_options />
                        <TextField id="discover-from" label=pb::FROM value=from kind="date" />
                        <TextField id="discover-to" label=pb::TO value=to kind="date" />
                        <SelectField id="discover-price" label=pb::PRICE value=price options=price_options />
                        <SelectField id="discover-sort" label=pb::SORT value=sort options=sort_options />
                    </div>
                </fieldset>
                <Show when=filtered>
                    <button type="button" class=LINK on:click=clear>{t(pb::CLEAR_FILTERS)}</button>
                </Show>
            </form>
            <ErrorAlert error />
            <ul
                class="grid gap-5 transition-opacity sm:grid-cols-2 lg:grid-cols-3 aria-busy:opacity-60"
                aria-label=t(pb::RESULTS)
                aria-busy=move || loading.get().to_string()
            >
                <For each=move || items.get() key=|e| e.slug.clone() let:e>
                    <li><EventCard event=Signal::stored(e) link=true /></li>
                </For>
            </ul>
            <Show when=move || loading.get()>
                <Loading />
            </Show>
            <p role="status" class="empty:hidden">
                {move || {
                    (!loading.get() && items.with(Vec::is_empty) && error.with(Option::is_none))
                        .then(|| view! { <span class="block rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t(pb::NO_MATCH)}</span> })
                }}
            </p>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <div class="flex justify-center">
                    <button type="button" class=SECONDARY on:click=move |_| load(true)>{t(ui::LOAD_MORE)}</button>
                </div>
            </Show>
        </section>
    }
}
