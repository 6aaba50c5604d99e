//! An event as a card: cover (or the theme color with the category icon), "Featured" badge,
//! title in the reader's language, date in the event's time zone, city or "Online", and the
//! lowest price or "Free". Used by discovery and by the theme preview of the event form; and the
//! event page's colored header band.

use common::Lang;
use common::public::PublicEventSummary;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::i18n::countries::country_name;
use crate::i18n::{public as pb, t, use_lang};
use crate::money::format_money;
use crate::time::format_short;

/// "Free", "From 5,000 XAF", or nothing when no ticket is listed.
pub fn price_text(e: &PublicEventSummary, lang: Lang) -> Option<String> {
    let m = e.min_price.as_ref()?;
    Some(if m.amount == Decimal::ZERO {
        pb::FREE.get(lang).to_owned()
    } else {
        pb::FROM_PRICE.fill(lang, &[("price", &format_money(m, lang))])
    })
}

/// "Douala, Cameroon", or "Online".
pub fn place_text(e: &PublicEventSummary, lang: Lang) -> String {
    let country = e.country.as_deref().map(|c| country_name(c, lang));
    match (&e.city, country) {
        (Some(city), Some(country)) => format!("{city}, {country}"),
        (Some(city), None) => city.clone(),
        (None, _) if e.online => pb::ONLINE.get(lang).to_owned(),
        (None, Some(country)) => country,
        (None, None) => String::new(),
    }
}

#[component]
pub fn EventCard(
    #[prop(into)] event: Signal<PublicEventSummary>,
    /// Links the card to `/e/{slug}` (the preview in the editor does not).
    #[prop(optional)]
    link: bool,
) -> impl IntoView {
    let lang = use_lang();
    let title = move || event.with(|e| e.title.get(lang.get()).to_owned());
    let href = move || event.with(|e| format!("/e/{}", e.slug));
    let cover = move || event.with(|e| e.cover_url.clone());
    let category = move || {
        event.with(|e| {
            e.category
                .as_ref()
                .map(|c| c.name.get(lang.get()).to_owned())
        })
    };
    let date = move || event.with(|e| format_short(&e.starts_at, &e.timezone, lang.get()));
    let place = move || event.with(|e| place_text(e, lang.get()));
    let price = move || event.with(|e| price_text(e, lang.get()));
    let featured = move || event.with(|e| e.featured);
    let heading = move || {
        if link {
            view! {
                <a
                    href=href
                    class="rounded-sm after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
                >
                    {title}
                </a>
            }
            .into_any()
        } else {
            view! { <span>{title}</span> }.into_any()
        }
    };
    view! {
        <article class="event-card relative flex h-full flex-col overflow-hidden rounded-lg border border-gray-200 bg-white shadow-sm transition hover:shadow-md focus-within:ring-2 focus-within:ring-emerald-600">
            {move || match cover() {
                Some(src) => view! { <img src=src alt="" loading="lazy" class="aspect-[16/9] w-full object-cover" /> }.into_any(),
                None => view! {
                    <div class="flex aspect-[16/9] w-full items-center justify-center bg-[var(--event-primary,#0f766e)] text-white/80" aria-hidden="true">
                        <svg viewBox="0 0 24 24" class="h-14 w-14" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round">
                            <path d="M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4z" />
                            <path d="M9 6v12" stroke-dasharray="2 2" />
                        </svg>
                    </div>
                }
                .into_any(),
            }}
            <Show when=featured>
                <span class="absolute left-3 top-3 rounded-full bg-amber-300 px-2.5 py-0.5 text-xs font-bold text-amber-950 shadow">
                    {t(pb::FEATURED)}
                </span>
            </Show>
            <div class="flex flex-1 flex-col gap-1 p-4">
                {move || category().map(|c| view! { <p class="text-xs font-semibold uppercase tracking-wide text-gray-600">{c}</p> })}
                <h3 class="text-lg font-semibold leading-snug text-gray-900">{heading}</h3>
                <p class="text-sm text-gray-700">{date}</p>
                <p class="text-sm text-gray-700">{place}</p>
                {move || {
                    price()
                        .map(|p| view! { <p class="mt-auto pt-2 font-semibold text-[var(--event-accent,#b45309)]">{p}</p> })
                }}
            </div>
        </article>
    }
}

/// The colored band at the top of an event page (category, title, summary, date), shared by the
/// public page (`title_tag` h1) and the theme preview (a paragraph, so the editor keeps one h1).
/// It carries `event-header`, a class organizers may style in their custom CSS.
#[component]
pub fn EventHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] date: Signal<String>,
    #[prop(into)] category: Signal<Option<String>>,
    #[prop(optional)] main_heading: bool,
) -> impl IntoView {
    let heading = if main_heading {
        view! { <h1 class="text-3xl font-bold tracking-tight sm:text-4xl">{title}</h1> }.into_any()
    } else {
        view! { <p class="text-2xl font-bold tracking-tight">{title}</p> }.into_any()
    };
    view! {
        <header class="event-header space-y-3 rounded-xl bg-[var(--event-primary,#0f766e)] p-6 text-white shadow-sm sm:p-8">
            {move || {
                category
                    .get()
                    .map(|c| view! { <p class="inline-flex rounded-full bg-black/25 px-3 py-1 text-sm font-medium">{c}</p> })
            }}
            {heading}
            <p class="max-w-3xl text-lg">{summary}</p>
            <p class="font-semibold">{date}</p>
        </header>
    }
}
