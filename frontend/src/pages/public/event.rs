//! `/e/:slug`: the public event page. Its root carries `.event-theme`; the event's stylesheet
//! (`theme.stylesheet_url`: its colors as `--event-primary` / `--event-accent` and the
//! organizer's scoped CSS) is fetched and adopted while the page is shown. Cover, title, summary,
//! the sanitized description in the reader's language, dates in the event's time zone and the
//! reader's, venue with a map link, organizer, tickets, access code, sharing, "Add to calendar".

use common::ErrorCode;
use common::events::{EventStatus, Location};
use common::public::PublicEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::share::ShareButtons;
use super::tickets::PublicTickets;
use crate::api::{self, ApiError};
use crate::components::button::LINK;
use crate::components::event_card::EventHeader;
use crate::components::status::LoadError;
use crate::components::{Loading, NotFound, PageTitle};
use crate::i18n::countries::country_name;
use crate::i18n::{public as pb, t, use_lang};
use crate::pages::events::form::PROSE;
use crate::theme::{self, SCOPE_CLASS, vars_css};
use crate::time::{format_range, viewer_tz, zone_label};
use crate::util::encode;

const SHEET: &str = "event-page";
const CARD: &str = "space-y-3 rounded-lg border border-gray-200 bg-white p-5 shadow-sm";

/// An OpenStreetMap link: the pin when coordinates are known, else a search by address.
pub fn map_link(loc: &Location) -> Option<String> {
    if let (Some(lat), Some(lon)) = (loc.latitude, loc.longitude) {
        return Some(format!(
            "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"
        ));
    }
    let parts: Vec<&str> = [&loc.venue_name, &loc.address, &loc.city, &loc.country]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .filter(|p| !p.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "https://www.openstreetmap.org/search?query={}",
            encode(&parts.join(", "))
        )
    })
}

#[component]
pub fn PublicEventPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let state = RwSignal::new(None::<Result<PublicEvent, ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let s = slug.get();
        state.set(None);
        theme::drop_sheet(SHEET);
        spawn_local(async move {
            let result = api::public::get_public_event(&s).await;
            if slug.get_untracked() != s {
                return;
            }
            if let Ok(e) = &result {
                apply_theme(e).await;
            }
            state.set(Some(result));
        });
    });
    on_cleanup(|| theme::drop_sheet(SHEET));

    move || match state.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) if e.is(ErrorCode::NotFound) => view! { <NotFound /> }.into_any(),
        Some(Err(e)) => view! {
            <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
        }
        .into_any(),
        Some(Ok(e)) => view! { <EventView event=e /> }.into_any(),
    }
}

/// Adopts the event's colors and stylesheet (before the page shows, so it does not flash).
async fn apply_theme(e: &PublicEvent) {
    let mut css = vars_css(
        e.theme.primary_color.as_deref(),
        e.theme.accent_color.as_deref(),
    );
    if let Some(url) = &e.theme.stylesheet_url
        && url.starts_with('/')
        && !url.starts_with("//")
        && let Ok(text) = api::public::get_theme_css(url).await
    {
        css.push_str(&text);
    }
    if !css.is_empty() {
        theme::adopt(SHEET, &css);
    }
}

#[component]
fn EventView(event: PublicEvent) -> impl IntoView {
    let lang = use_lang();
    let e = StoredValue::new(event.clone());
    let title = Signal::derive(move || e.with_value(|e| e.title.get(lang.get()).to_owned()));
    let summary = move || e.with_value(|e| e.summary.get(lang.get()).to_owned());
    let description = move || {
        e.with_value(|e| e.description_html.get(lang.get()).to_owned())
            .trim()
            .to_owned()
    };
    let tz = event.timezone.clone();
    let viewer = viewer_tz();
    let (start, end) = (event.starts_at, event.ends_at);
    let event_tz = tz.clone();
    let in_event_tz = move || format_range(&start, &end, Some(&event_tz), lang.get());
    let viewer_zone = viewer.clone();
    let in_viewer_tz = move || format_range(&start, &end, Some(&viewer_zone), lang.get());
    let tz_label = zone_label(&tz);
    let viewer_label = zone_label(&viewer);
    let status = event.status;
    let closed = matches!(status, EventStatus::Cancelled | EventStatus::Ended);
    let types = RwSignal::new(
        event
            .ticket_types
            .iter()
            .cloned()
            .map(|t| (t, false))
            .collect::<Vec<_>>(),
    );
    let url = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|o| format!("{o}/e/{}", event.slug))
        .unwrap_or_else(|| format!("/e/{}", event.slug));
    let calendar = api::public::calendar_url(&event.slug);
    let loc = event.location.clone();
    let map = map_link(&loc);
    let place_lines: Vec<String> = [loc.venue_name.clone(), loc.address.clone()]
        .into_iter()
        .flatten()
        .collect();
    let city_country = move || {
        let l = lang.get();
        let country = loc.country.as_deref().map(|c| country_name(c, l));
        [loc.city.clone(), country]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let has_place = !place_lines.is_empty() || event.location.city.is_some();
    let online = event.online;
    let organizer = event.organizer.clone();
    let org_name = organizer.name.clone();
    let category = event.category.clone();
    let cover = event.cover_url.clone();

    view! {
        <PageTitle text=title />
        <article class=format!("{SCOPE_CLASS} space-y-8")>
            {cover
                .map(|src| {
                    view! {
                        <img
                            src=src
                            alt=move || pb::COVER_ALT.fill(lang.get(), &[("event", &title.get())])
                            class="event-cover aspect-[21/9] w-full rounded-xl object-cover shadow-sm"
                        />
                    }
                })}
            <EventHeader
                title
                summary=Signal::derive(summary)
                date=Signal::derive(in_event_tz.clone())
                category=Signal::derive(move || category.as_ref().map(|c| c.name.get(lang.get()).to_owned()))
                main_heading=true
            />
            {match status {
                EventStatus::Cancelled => Some(view! {
                    <p role="status" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 font-medium text-red-900">{t(pb::CANCELLED_BANNER)}</p>
                }.into_any()),
                EventStatus::Ended => Some(view! {
                    <p role="status" class="rounded-md border border-gray-300 bg-gray-100 px-4 py-3 font-medium text-gray-900">{t(pb::ENDED_BANNER)}</p>
                }.into_any()),
                _ => None,
            }}
            <div class="grid gap-8 lg:grid-cols-3">
                <div class="space-y-8 lg:col-span-2">
                    {move || {
                        let html = description();
                        (!html.is_empty())
                            .then(|| {
                                view! {
                                    <section aria-labelledby="about-heading" class="space-y-3">
                                        <h2 id="about-heading" class="text-xl font-bold text-gray-900">{t(pb::ABOUT)}</h2>
                                        <div class=format!("event-description {PROSE}") inner_html=html></div>
                                    </section>
                                }
                            })
                    }}
                    <PublicTickets slug=event.slug.clone() timezone=tz.clone() types closed />
                </div>
                <aside class="space-y-6">
                    <section aria-labelledby="when-heading" class=CARD>
                        <h2 id="when-heading" class="text-lg font-semibold text-gray-900">{t(pb::WHEN)}</h2>
                        <dl class="space-y-3 text-sm">
                            <div>
                                <dt class="font-medium text-gray-700">{move || pb::EVENT_TIME.fill(lang.get(), &[("tz", &tz_label)])}</dt>
                                <dd class="text-gray-900">{in_event_tz}</dd>
                            </div>
                            <div>
                                <dt class="font-medium text-gray-700">{move || pb::YOUR_TIME.fill(lang.get(), &[("tz", &viewer_label)])}</dt>
                                <dd class="text-gray-900">{in_viewer_tz}</dd>
                            </div>
                        </dl>
                        {(status != EventStatus::Cancelled)
                            .then(|| view! { <a href=calendar download="event.ics" class=LINK>{t(pb::ADD_TO_CALENDAR)}</a> })}
                    </section>
                    <section aria-labelledby="where-heading" class=CARD>
                        <h2 id="where-heading" class="text-lg font-semibold text-gray-900">{t(pb::WHERE)}</h2>
                        {has_place
                            .then(|| {
                                view! {
                                    <address class="space-y-0.5 not-italic text-gray-900">
                                        {place_lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                                        <p>{city_country}</p>
                                    </address>
                                }
                            })}
                        {map
                            .map(|href| {
                                view! {
                                    <a href=href target="_blank" rel="noopener noreferrer" class=LINK>
                                        {t(pb::VIEW_MAP)}
                                        <span class="sr-only">" " {t(pb::NEW_TAB)}</span>
                                    </a>
                                }
                            })}
                        {online.then(|| view! { <p class="text-sm text-gray-700">{t(pb::ONLINE_EVENT)}</p> })}
                    </section>
                    <section aria-labelledby="organizer-heading" class=CARD>
                        <h2 id="organizer-heading" class="text-lg font-semibold text-gray-900">{t(pb::ORGANIZED_BY)}</h2>
                        <div class="flex items-center gap-3">
                            {organizer
                                .logo_url
                                .clone()
                                .map(|src| {
                                    let name = org_name.clone();
                                    view! {
                                        <img
                                            src=src
                                            alt=move || pb::LOGO_ALT.fill(lang.get(), &[("org", &name)])
                                            class="h-12 w-12 rounded-md border border-gray-200 object-contain"
                                        />
                                    }
                                })}
                            <p class="font-semibold text-gray-900">{organizer.name.clone()}</p>
                        </div>
                    </section>
                    <section aria-labelledby="share-heading" class=CARD>
                        <h2 id="share-heading" class="text-lg font-semibold text-gray-900">{t(pb::SHARE)}</h2>
                        <ShareButtons url title />
                    </section>
                </aside>
            </div>
        </article>
    }
}
