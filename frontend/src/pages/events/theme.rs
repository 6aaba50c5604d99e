//! The theme card of the event form: "Primary color" and "Accent color" (color inputs; empty
//! means Reckot's defaults), "Custom CSS", and "Preview", which renders the event's card inside an
//! `.event-theme` element (with the page's header band) styled by an adopted stylesheet: the colors as custom properties plus,
//! once the event exists, the organizer's CSS as the server scopes it (or its field errors).

use common::events::PreviewTheme;
use common::public::PublicEventSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::draft::EventDraft;
use super::form::FormCard;
use crate::api::{self, ApiError};
use crate::components::button::{SECONDARY, SMALL_SECONDARY};
use crate::components::event_card::{EventCard, EventHeader};
use crate::components::field::{HINT, LABEL, field_message};
use crate::components::{ErrSignal, TextAreaField};
use crate::i18n::{Tr, events as ev, t, use_lang};
use crate::theme::{self, DEFAULT_ACCENT, DEFAULT_PRIMARY, SCOPE_CLASS, vars_css};
use crate::time::format_range;

const PREVIEW_SHEET: &str = "theme-preview";

/// Drops the server's errors on `field` (after a fix was accepted), keeping the others.
pub fn clear_field(server: ErrSignal, field: &str) {
    let keep = server.with_untracked(|e| match e {
        Some(ApiError::Problem(p)) if p.errors.iter().any(|fe| fe.field == field) => {
            let mut p = p.clone();
            p.errors.retain(|fe| fe.field != field);
            Some((!p.errors.is_empty()).then_some(ApiError::Problem(p)))
        }
        _ => None,
    });
    if let Some(next) = keep {
        server.set(next);
    }
}

#[component]
fn ColorField(
    id: &'static str,
    label: Tr,
    value: RwSignal<String>,
    default: &'static str,
    field: &'static str,
    error: ErrSignal,
) -> impl IntoView {
    let msg = field_message(Some(error), field.to_owned());
    let err_id = format!("{id}-error");
    view! {
        <div class="space-y-1">
            <label for=id class=LABEL>{t(label)}</label>
            <div class="flex items-center gap-3">
                <input
                    id=id
                    name=id
                    type="color"
                    class="h-10 w-16 cursor-pointer rounded-md border border-gray-300 bg-white p-1 focus:outline-none focus:ring-2 focus:ring-emerald-600"
                    aria-describedby=err_id.clone()
                    prop:value=move || value.with(|v| if theme::is_hex_color(v) { v.clone() } else { default.to_owned() })
                    on:input=move |e| value.set(event_target_value(&e))
                />
                <span class="font-mono text-sm text-gray-700">
                    {move || value.with(|v| if v.is_empty() { default.to_owned() } else { v.clone() })}
                </span>
            </div>
            <p id=err_id class="text-sm font-medium text-red-800">{msg}</p>
        </div>
    }
}

#[component]
pub fn ThemeFields(
    draft: EventDraft,
    /// What the fields show (live checks and the server's answer).
    error: ErrSignal,
    /// The server's answer, where a refused preview is reported.
    server: ErrSignal,
    /// `(org_id, event_id)` once the event exists: the custom CSS can be previewed then.
    target: Option<(Uuid, Uuid)>,
    #[prop(into)] card: Signal<PublicEventSummary>,
) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let scoped = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // While the preview is shown, colors apply as they are picked.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let primary = draft.primary.get();
        let accent = draft.accent.get();
        let css = format!(
            "{}{}",
            vars_css(
                Some(&primary).filter(|s| !s.is_empty()).map(String::as_str),
                Some(&accent).filter(|s| !s.is_empty()).map(String::as_str)
            ),
            scoped.get()
        );
        theme::adopt(PREVIEW_SHEET, &css);
    });
    on_cleanup(|| theme::drop_sheet(PREVIEW_SHEET));

    let on_preview = move |_| {
        let css = draft.custom_css.get_untracked();
        let Some((org_id, event_id)) = target.filter(|_| !css.trim().is_empty()) else {
            scoped.set(String::new());
            open.set(true);
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::events::preview_event_theme(
                org_id,
                event_id,
                &PreviewTheme { custom_css: css },
            )
            .await
            {
                Ok(p) => {
                    clear_field(server, "theme.custom_css");
                    scoped.set(p.css);
                    open.set(true);
                }
                Err(e) => server.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let reset = move |_| {
        draft.primary.set(String::new());
        draft.accent.set(String::new());
    };

    view! {
        <FormCard id="event-theme" title=ev::SECTION_THEME>
            <div class="flex flex-wrap items-end gap-6">
                <ColorField id="event-primary" label=ev::PRIMARY_COLOR value=draft.primary default=DEFAULT_PRIMARY field="theme.primary_color" error />
                <ColorField id="event-accent" label=ev::ACCENT_COLOR value=draft.accent default=DEFAULT_ACCENT field="theme.accent_color" error />
                <button type="button" class=SMALL_SECONDARY on:click=reset>{t(ev::DEFAULT_COLORS)}</button>
            </div>
            <p class=HINT>{t(ev::COLORS_HINT)}</p>
            <TextAreaField id="event-css" label=ev::CUSTOM_CSS value=draft.custom_css field="theme.custom_css" error hint=ev::CUSTOM_CSS_HINT rows=6 code=true />
            <div class="flex flex-wrap items-center gap-3">
                <button type="button" class=SECONDARY disabled=move || busy.get() aria-controls="theme-preview" on:click=on_preview>
                    {move || if busy.get() { t(ev::PREVIEWING)() } else { t(ev::PREVIEW)() }}
                </button>
                {target.is_none().then(|| view! { <p class=HINT>{t(ev::PREVIEW_NEEDS_SAVE)}</p> })}
            </div>
            <div id="theme-preview" aria-live="polite">
                <Show when=move || open.get()>
                    <div role="group" aria-label=t(ev::PREVIEW_TITLE) class=format!("{SCOPE_CLASS} space-y-4 rounded-lg bg-gray-100 p-4")>
                        <p class="text-sm font-medium text-gray-700">{t(ev::PREVIEW_TITLE)}</p>
                        <EventHeader
                            title=Signal::derive(move || card.with(|c| c.title.get(lang.get()).to_owned()))
                            summary=Signal::derive(move || card.with(|c| c.summary.get(lang.get()).to_owned()))
                            date=Signal::derive(move || card.with(|c| format_range(&c.starts_at, &c.ends_at, Some(&c.timezone), lang.get())))
                            category=Signal::derive(move || card.with(|c| c.category.as_ref().map(|x| x.name.get(lang.get()).to_owned())))
                        />
                        <div class="max-w-sm">
                            <EventCard event=card />
                        </div>
                    </div>
                </Show>
            </div>
        </FormCard>
    }
}
