//! The fields of the event form, in four cards: Details (bilingual title, summary and Markdown
//! description with the saved rendering, category, visibility), Date and time (start, end, time
//! zone), Location (venue, address, city, country, online link), Checkout (how long a
//! reservation holds tickets) and Refund policy (until how many hours before the start buyers
//! may ask for a refund; empty: they cannot). The theme card and the buttons are added by the page.

use common::Lang;
use common::events::{Category, Event};
use leptos::prelude::*;

use super::draft::EventDraft;
use crate::components::ErrSignal;
use crate::components::bilingual::BilingualField;
use crate::components::{SelectField, TextField};
use crate::i18n::countries::COUNTRIES;
use crate::i18n::{Tr, events as ev, t, use_lang};
use crate::time::{TIME_ZONES, zone_label};

/// Styles for sanitized HTML rendered from Markdown (no typography plugin in the build).
pub const PROSE: &str = "space-y-3 text-gray-800 [&_a]:font-medium [&_a]:text-emerald-800 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-gray-300 [&_blockquote]:pl-4 [&_code]:rounded [&_code]:bg-gray-100 [&_code]:px-1 [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:text-lg [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_img]:max-w-full [&_table]:w-full";

pub const CARD: &str = "space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm";

/// A card of the form with its heading.
#[component]
pub fn FormCard(id: &'static str, title: Tr, children: Children) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section id=id aria-labelledby=labelled_by class=CARD>
            <h2 id=heading class="text-lg font-semibold text-gray-900">{t(title)}</h2>
            {children()}
        </section>
    }
}

#[component]
pub fn EventFormFields(
    draft: EventDraft,
    error: ErrSignal,
    /// Fields left at least once (their live errors show).
    touched: RwSignal<Vec<&'static str>>,
    #[prop(into)] categories: Signal<Vec<Category>>,
    /// The saved event, for the rendered description.
    #[prop(optional)]
    saved: Option<RwSignal<Option<Event>>>,
) -> impl IntoView {
    let lang = use_lang();
    let tab = RwSignal::new(lang.get_untracked());
    let touch = move |field: &'static str| {
        if !touched.with_untracked(|t| t.contains(&field)) {
            touched.update(|t| t.push(field));
        }
    };
    let category_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), ev::NO_CATEGORY.get(l).to_owned())];
        v.extend(
            categories
                .get()
                .into_iter()
                .map(|c| (c.id.to_string(), c.name.get(l).to_owned())),
        );
        v
    });
    let visibility_options = Signal::derive(move || {
        let l = lang.get();
        vec![
            ("public".to_owned(), ev::PUBLIC.get(l).to_owned()),
            ("unlisted".to_owned(), ev::UNLISTED.get(l).to_owned()),
        ]
    });
    let zone_options = Signal::derive(move || {
        let current = draft.timezone.get();
        let mut v: Vec<(String, String)> = TIME_ZONES
            .iter()
            .map(|z| ((*z).to_owned(), zone_label(z)))
            .collect();
        if !current.is_empty() && !TIME_ZONES.contains(&current.as_str()) {
            v.insert(0, (current.clone(), zone_label(&current)));
        }
        v
    });
    let country_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), ev::NO_COUNTRY.get(l).to_owned())];
        v.extend(
            COUNTRIES
                .iter()
                .map(|(code, name)| ((*code).to_owned(), name.get(l).to_owned())),
        );
        v
    });
    // The saved description, rendered by the server, in the open tab's language.
    let rendered = move || {
        let l: Lang = tab.get();
        saved
            .and_then(|s| s.with(|e| e.as_ref().map(|e| e.description_html.get(l).to_owned())))
            .filter(|h| !h.trim().is_empty())
    };

    view! {
        <FormCard id="event-details" title=ev::SECTION_DETAILS>
            <div on:focusout=move |_| touch("title")>
                <BilingualField
                    id="event-title"
                    legend=ev::TITLE
                    label_en=ev::TITLE_EN
                    label_fr=ev::TITLE_FR
                    en=draft.title_en
                    fr=draft.title_fr
                    tab
                    field="title"
                    error
                    hint=ev::TITLE_HINT_BOTH
                />
            </div>
            <BilingualField
                id="event-summary"
                legend=ev::SUMMARY
                label_en=ev::SUMMARY_EN
                label_fr=ev::SUMMARY_FR
                en=draft.summary_en
                fr=draft.summary_fr
                tab
                field="summary"
                error
                hint=ev::SUMMARY_HINT
                rows=2
            />
            <BilingualField
                id="event-description"
                legend=ev::DESCRIPTION
                label_en=ev::DESCRIPTION_EN
                label_fr=ev::DESCRIPTION_FR
                en=draft.description_en
                fr=draft.description_fr
                tab
                field="description"
                error
                hint=ev::DESCRIPTION_HINT
                rows=8
            />
            {move || {
                rendered()
                    .map(|html| {
                        view! {
                            <div class="space-y-2 rounded-md border border-dashed border-gray-300 bg-gray-50 p-4">
                                <p class="text-sm font-medium text-gray-700">{t(ev::SAVED_PREVIEW)}</p>
                                <div class=PROSE inner_html=html></div>
                            </div>
                        }
                    })
            }}
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField id="event-category" label=ev::CATEGORY value=draft.category options=category_options field="category_id" error />
                <SelectField id="event-visibility" label=ev::VISIBILITY value=draft.visibility options=visibility_options field="visibility" error />
            </div>
        </FormCard>
        <FormCard id="event-when" title=ev::SECTION_WHEN>
            <div class="grid gap-4 sm:grid-cols-2">
                <div on:focusout=move |_| touch("starts_at")>
                    <TextField id="event-starts" label=ev::STARTS value=draft.starts field="starts_at" error kind="datetime-local" required=true />
                </div>
                <div on:focusout=move |_| touch("ends_at")>
                    <TextField id="event-ends" label=ev::ENDS value=draft.ends field="ends_at" error kind="datetime-local" required=true />
                </div>
            </div>
            <SelectField id="event-timezone" label=ev::TIME_ZONE value=draft.timezone options=zone_options field="timezone" error hint=ev::TIME_ZONE_HINT />
        </FormCard>
        <FormCard id="event-where" title=ev::SECTION_WHERE>
            <p id="event-location-error" class="text-sm font-medium text-red-800">
                {move || {
                    error
                        .with(|e| e.as_ref().and_then(|e| e.field("location")))
                        .map(|fe| crate::i18n::field_error_text(&fe, lang.get()))
                }}
            </p>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField id="event-venue" label=ev::VENUE value=draft.venue field="location.venue_name" error />
                <TextField id="event-address" label=ev::ADDRESS value=draft.address field="location.address" error autocomplete="street-address" />
                <TextField id="event-city" label=ev::CITY value=draft.city field="location.city" error autocomplete="address-level2" />
                <SelectField id="event-country" label=ev::COUNTRY value=draft.country options=country_options field="location.country" error />
            </div>
            <TextField id="event-online" label=ev::ONLINE_LINK value=draft.online_url field="location.online_url" error kind="url" inputmode="url" hint=ev::ONLINE_LINK_HINT />
        </FormCard>
        <FormCard id="event-checkout" title=ev::SECTION_CHECKOUT>
            <div class="max-w-xs" on:focusout=move |_| touch("hold_minutes")>
                <TextField id="event-hold" label=ev::HOLD_MINUTES value=draft.hold_minutes field="hold_minutes" error kind="number" inputmode="numeric" min="1" hint=ev::HOLD_MINUTES_HINT />
            </div>
        </FormCard>
        <FormCard id="event-refunds" title=ev::SECTION_REFUNDS>
            <div class="max-w-md" on:focusout=move |_| touch("refund_deadline_hours")>
                <TextField id="event-refund-hours" label=ev::REFUND_HOURS value=draft.refund_hours field="refund_deadline_hours" error kind="number" inputmode="numeric" min="0" hint=ev::REFUND_HOURS_HINT />
            </div>
        </FormCard>
    }
}
