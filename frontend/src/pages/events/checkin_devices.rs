//! The organization's scanning devices (phones and tablets registered by door staff): who
//! registered each, when it was last seen, and "Revoke" (confirmed) for a lost or stolen one.
//! Revoked devices stay listed, greyed, with the time they were revoked. Times are the viewer's:
//! devices belong to the organization, not to one event.

use common::Lang;
use common::checkin::CheckinDevice;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::checkin::{EMPTY, PILL, REGION};
use crate::api;
use crate::components::button::SMALL_DANGER;
use crate::components::field::HINT;
use crate::components::{ConfirmDialog, ErrSignal, ErrorAlert, Flash, FlashMessage};
use crate::i18n::{checkin as ci, members, t, use_lang};
use crate::pages::admin::orgs::{TD, TH};
use crate::time::{format_short, viewer_tz};

#[component]
pub fn Devices(
    org_id: Uuid,
    /// Shared with the scan log, which names the devices.
    devices: RwSignal<Vec<CheckinDevice>>,
    can_manage: bool,
) -> impl IntoView {
    let lang = use_lang();
    let tz = StoredValue::new(viewer_tz());
    let loaded = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);
    let flash = RwSignal::new(None::<Flash>);
    let to_revoke = RwSignal::new(None::<CheckinDevice>);
    let dialog_open = RwSignal::new(false);

    spawn_local(async move {
        match api::checkin::list_devices(org_id).await {
            Ok(all) => devices.set(all),
            Err(e) => error.set(Some(e)),
        }
        loaded.set(true);
    });

    let on_revoke = Callback::new(move |()| {
        let Some(d) = to_revoke.get_untracked() else {
            return;
        };
        error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::checkin::revoke_device(org_id, d.id).await {
                Ok(revoked) => {
                    let name = revoked.name.clone();
                    devices.update(|all| {
                        if let Some(slot) = all.iter_mut().find(|x| x.id == revoked.id) {
                            *slot = revoked;
                        }
                    });
                    flash.set(Some(Flash::fill(ci::DEVICE_REVOKED, "name", name)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let row = move |d: CheckinDevice, l: Lang| {
        let z = tz.get_value();
        let when = |at: &chrono::DateTime<chrono::Utc>| format_short(at, &z, l);
        let last_seen = d
            .last_seen_at
            .as_ref()
            .map(when)
            .unwrap_or_else(|| ci::NEVER.get(l).to_owned());
        let revoked = d.revoked_at.as_ref().map(when);
        // Greyed, not hidden: a revoked device's scans still show in the logs under its name.
        let row_class = if revoked.is_some() {
            "bg-gray-50 text-gray-600"
        } else {
            ""
        };
        let cell = if revoked.is_some() {
            "whitespace-nowrap px-4 py-3 text-sm text-gray-600"
        } else {
            TD
        };
        let status = match &revoked {
            Some(at) => view! {
                <span class=format!("{PILL} bg-gray-200 text-gray-800")>{ci::REVOKED_AT.fill(l, &[("at", at)])}</span>
            }
            .into_any(),
            None => view! {
                <span class=format!("{PILL} bg-emerald-100 text-emerald-900")>{ci::ACTIVE.get(l)}</span>
            }
            .into_any(),
        };
        let revoke_label = ci::REVOKE_NAMED.fill(l, &[("name", &d.name)]);
        // Fixed while the row is shown: the role does not change on this page, and revoking
        // rebuilds the row.
        let action = can_manage.then(|| {
            let button = revoked.is_none().then(|| {
                let d = d.clone();
                view! {
                    <button
                        type="button"
                        class=SMALL_DANGER
                        aria-label=revoke_label
                        on:click=move |_| {
                            to_revoke.set(Some(d.clone()));
                            dialog_open.set(true);
                        }
                    >
                        {ci::REVOKE.get(l)}
                    </button>
                }
            });
            view! { <td class=cell>{button}</td> }
        });
        view! {
            <tr class=row_class>
                <th scope="row" class=format!("{cell} text-left font-semibold")>{d.name.clone()}</th>
                <td class=cell>{d.registered_by_name.clone().unwrap_or_default()}</td>
                <td class=cell>{when(&d.created_at)}</td>
                <td class=cell>{last_seen}</td>
                <td class=cell>{status}</td>
                {action}
            </tr>
        }
    };
    let revoke_title = Signal::derive(move || {
        let name = to_revoke.with(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default());
        ci::REVOKE_TITLE.fill(lang.get(), &[("name", &name)])
    });
    let revoke_text = Signal::derive(move || ci::REVOKE_TEXT.get(lang.get()).to_owned());

    view! {
        <section class="space-y-3">
            <h2 id="devices-title" class="text-lg font-semibold text-gray-900">{t(ci::DEVICES)}</h2>
            <p class=HINT>{t(ci::DEVICES_HINT)}</p>
            <ErrorAlert error />
            <FlashMessage flash />
            <Show
                when=move || !devices.with(Vec::is_empty)
                fallback=move || view! {
                    <Show when=move || loaded.get() && error.with(Option::is_none)>
                        <p class=EMPTY>{t(ci::NO_DEVICES)}</p>
                    </Show>
                }
            >
                <div role="region" aria-label=t(ci::DEVICES) tabindex="0" class=REGION>
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead class="bg-gray-50">
                            <tr>
                                <th scope="col" class=TH>{t(ci::DEVICE)}</th>
                                <th scope="col" class=TH>{t(ci::REGISTERED_BY)}</th>
                                <th scope="col" class=TH>{t(ci::REGISTERED)}</th>
                                <th scope="col" class=TH>{t(ci::LAST_SEEN)}</th>
                                <th scope="col" class=TH>{t(ci::STATUS)}</th>
                                <Show when=move || can_manage>
                                    <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                                </Show>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-200">
                            {move || {
                                let l = lang.get();
                                devices.get().into_iter().map(|d| row(d, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <ConfirmDialog
                id="revoke-device-dialog"
                open=dialog_open
                title=revoke_title
                message=revoke_text
                confirm_label=ci::REVOKE
                danger=true
                on_confirm=on_revoke
            />
        </section>
    }
}
