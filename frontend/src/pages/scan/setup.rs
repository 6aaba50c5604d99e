//! Before scanning: the event, what to scan for (a check-in list or a swag item), the gate, and
//! — once per phone — the device's name. Choices are remembered on the phone; "Start scanning"
//! registers the device if needed and opens the scanner with the choices in the URL, so a reload
//! comes back to the same screen.

use common::checkin::{CheckinList, RegisterDevice};
use common::events::{Event, EventStatus};
use common::swag::SwagItem;
use common::{ErrorCode, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::button::LINK;
use crate::components::field::{HINT, INPUT, LABEL};
use crate::components::status::LoadError;
use crate::components::{ErrSignal, ErrorAlert, Loading, SelectField, SubmitButton, TextField};
use crate::i18n::{scanner as sc, t, ui, use_lang};
use crate::pages::orgs::layout::use_org;
use crate::state::scanner::{self as store, LastSetup};
use crate::state::use_session;
use crate::util::encode;

type Targets = (Vec<CheckinList>, Vec<SwagItem>);

/// Events a door may scan for: published ones (ended ones too, for late doors).
async fn scannable_events(org_id: Uuid) -> Result<Vec<Event>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = api::events::list_events(org_id, None, cursor.as_deref()).await?;
        all.extend(
            page.items
                .into_iter()
                .filter(|e| matches!(e.status, EventStatus::Published | EventStatus::Ended)),
        );
        match page.next_cursor {
            Some(next) if all.len() < 500 => cursor = Some(next),
            _ => return Ok(all),
        }
    }
}

/// The event's lists and swag items (an event without swag, or a server without swag yet, has
/// lists only).
async fn targets(org_id: Uuid, event_id: Uuid) -> Result<Targets, ApiError> {
    let lists = api::scanner::list_checkin_lists(org_id, event_id).await?;
    let items = api::scanner::list_swag_items(org_id, event_id)
        .await
        .unwrap_or_default();
    Ok((lists, items))
}

#[component]
pub fn Setup(org_id: Uuid) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let last = store::last_setup(org_id);
    let registered = store::device_id(org_id).is_some();
    let can_manage = use_org().can(Permission::ManageEvents);

    let events = RwSignal::new(None::<Result<Vec<Event>, ApiError>>);
    let reload = RwSignal::new(0u32);
    let event = RwSignal::new(last.event_id.map(|e| e.to_string()).unwrap_or_default());
    let target = RwSignal::new(last.target.clone().unwrap_or_default());
    let gate = RwSignal::new(last.gate.clone());
    let device_name = RwSignal::new(last.device_name.clone());
    let found = RwSignal::new(None::<Result<Targets, ApiError>>);
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);

    Effect::new(move |_| {
        reload.track();
        events.set(None);
        spawn_local(async move {
            let result = scannable_events(org_id).await;
            // One event: nothing to choose.
            if let Ok(list) = &result
                && list.len() == 1
            {
                event.set(list[0].id.to_string());
            }
            events.try_set(Some(result));
        });
    });
    // The lists and items of the chosen event; the first list is preselected.
    Effect::new(move |_| {
        let Ok(event_id) = Uuid::parse_str(&event.get()) else {
            found.set(None);
            return;
        };
        found.set(None);
        spawn_local(async move {
            let result = targets(org_id, event_id).await;
            if event.try_get_untracked().as_deref() != Some(&event_id.to_string()) {
                return;
            }
            if let Ok((lists, items)) = &result {
                let current = target.get_untracked();
                let known = lists.iter().any(|l| format!("list:{}", l.id) == current)
                    || items.iter().any(|i| format!("swag:{}", i.id) == current);
                if !known {
                    target.set(
                        lists
                            .first()
                            .map(|l| format!("list:{}", l.id))
                            .unwrap_or_default(),
                    );
                }
            }
            found.set(Some(result));
        });
    });
    // A name to register under, until the phone is registered.
    Effect::new(move |_| {
        if device_name.get_untracked().is_empty()
            && let Some(me) = session.me.get()
        {
            device_name.set(sc::DEVICE_DEFAULT.fill(lang.get_untracked(), &[("name", &me.name)]));
        }
    });

    let event_options = Signal::derive(move || {
        let l = lang.get();
        events.with(|e| match e {
            Some(Ok(list)) => list
                .iter()
                .map(|e| (e.id.to_string(), e.title.get(l).to_owned()))
                .collect(),
            _ => Vec::new(),
        })
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        super::feedback::unlock();
        if pending.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        let event_id = Uuid::parse_str(&event.get_untracked()).ok();
        if event_id.is_none() {
            problems.push(("event", "required"));
        }
        let chosen = target.get_untracked();
        if chosen.is_empty() {
            problems.push(("target", "required"));
        }
        let name = device_name.get_untracked().trim().to_owned();
        if !registered && name.is_empty() {
            problems.push(("name", "required"));
        }
        if gate.get_untracked().chars().count() > 60 {
            problems.push(("gate", "too_long"));
        }
        if let Some(err) = ApiError::invalid(&problems) {
            error.set(Some(err));
            return;
        }
        let Some(event_id) = event_id else { return };
        let gate_value = gate.get_untracked().trim().to_owned();
        store::save_setup(
            org_id,
            &LastSetup {
                event_id: Some(event_id),
                target: Some(chosen.clone()),
                gate: gate_value.clone(),
                device_name: name.clone(),
            },
        );
        let (kind, id) = chosen.split_once(':').unwrap_or(("list", ""));
        let kind = if kind == "swag" { "swag" } else { "list" };
        let href = format!(
            "/orgs/{org_id}/scan?event={event_id}&{kind}={id}&gate={}",
            encode(&gate_value)
        );
        error.set(None);
        let navigate = navigate.clone();
        if store::device_id(org_id).is_some() {
            navigate(&href, Default::default());
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let body = RegisterDevice {
                name: name.chars().take(60).collect(),
            };
            match api::scanner::register_device(org_id, &body).await {
                Ok(device) => {
                    store::set_device_id(org_id, device.id);
                    navigate(&href, Default::default());
                }
                // Without network the phone registers later, before its first sync.
                Err(e @ ApiError::Network(_)) => {
                    let _ = e;
                    navigate(&href, Default::default());
                }
                Err(e) if e.is(ErrorCode::ServiceUnavailable) => {
                    navigate(&href, Default::default())
                }
                Err(e) => error.set(Some(e)),
            }
            pending.try_set(false);
        });
    };

    let target_select = move || {
        let l = lang.get();
        match found.get() {
            None if event.with(String::is_empty) => ().into_any(),
            None => view! { <Loading /> }.into_any(),
            Some(Err(e)) => view! {
                <LoadError error=e on_retry=Callback::new(move |()| event.update(|_| {})) />
            }
            .into_any(),
            Some(Ok((lists, items))) if lists.is_empty() && items.is_empty() => {
                // Organizers can go and create one; staff ask them.
                let manage = can_manage.then(|| {
                    let href = format!("/orgs/{org_id}/events/{}/checkin", event.get_untracked());
                    view! { <a href=href class=LINK>{sc::OPEN_CHECKIN_PAGE.get(l)}</a> }
                });
                view! {
                    <div class="space-y-2 rounded-md border border-dashed border-gray-300 bg-white p-4 text-gray-700">
                        <p>{sc::NO_LISTS.get(l)}</p>
                        {manage}
                    </div>
                }
                .into_any()
            }
            Some(Ok((lists, items))) => view! {
                <div class="space-y-1">
                    <label for="scan-target" class=LABEL>{sc::SCAN_FOR.get(l)}</label>
                    <select
                        id="scan-target"
                        name="target"
                        class=INPUT
                        aria-describedby="scan-target-hint"
                        on:change=move |ev| target.set(event_target_value(&ev))
                    >
                        <optgroup label=sc::CHECKIN_LISTS.get(l)>
                            {lists.into_iter().map(|list| {
                                let v = format!("list:{}", list.id);
                                let selected = v.clone();
                                view! { <option value=v prop:selected=move || target.get() == selected>{list.name}</option> }
                            }).collect_view()}
                        </optgroup>
                        {(!items.is_empty()).then(|| view! {
                            <optgroup label=sc::SWAG_ITEMS.get(l)>
                                {items.into_iter().map(|item| {
                                    let v = format!("swag:{}", item.id);
                                    let selected = v.clone();
                                    let text = sc::SWAG_OPTION.fill(l, &[("name", &item.name), ("remaining", &item.remaining.to_string())]);
                                    view! { <option value=v prop:selected=move || target.get() == selected>{text}</option> }
                                }).collect_view()}
                            </optgroup>
                        })}
                    </select>
                    <p id="scan-target-hint" class=HINT>{sc::SCAN_FOR_HINT.get(l)}</p>
                </div>
            }
            .into_any(),
        }
    };

    view! {
        <section class="mx-auto max-w-xl space-y-6">
            <div class="space-y-1">
                <h1 class="text-2xl font-bold text-gray-900">{t(sc::SETUP_TITLE)}</h1>
                <p class="text-gray-700">{t(sc::SETUP_LEAD)}</p>
            </div>
            {move || match events.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(e)) => view! {
                    <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
                }
                .into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700">{t(sc::NO_EVENTS)}</p>
                }
                .into_any(),
                Some(Ok(_)) => view! {
                    <form class="space-y-5 rounded-xl border border-gray-200 bg-white p-5 shadow-sm" novalidate=true on:submit=on_submit.clone()>
                        <ErrorAlert error />
                        <SelectField id="scan-event" label=sc::EVENT value=event options=event_options placeholder=ui::CHOOSE field="event" error />
                        {target_select}
                        <TextField id="scan-gate" label=sc::GATE value=gate hint=sc::GATE_HINT field="gate" error autocomplete="off" />
                        {if registered {
                            view! { <p class=HINT>{t(sc::DEVICE_REGISTERED)}</p> }.into_any()
                        } else {
                            view! { <TextField id="scan-device" label=sc::DEVICE_NAME value=device_name hint=sc::DEVICE_NAME_HINT field="name" error autocomplete="off" /> }.into_any()
                        }}
                        <SubmitButton label=sc::START pending pending_label=sc::STARTING />
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}
