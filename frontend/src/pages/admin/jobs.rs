//! Admin › Jobs: the background jobs (emails, refunds, payouts, ...), filtered by status (failed
//! by default), with their attempts and last error, and Retry on failed ones.

use common::Lang;
use common::finance::{AdminJob, JobStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::orgs::{TD, TH};
use super::review::status_options;
use crate::api;
use crate::components::badge::{JobStatusBadge, job_status_text};
use crate::components::button::SMALL_SECONDARY;
use crate::components::paged::{Paged, PagedFooter, REGION};
use crate::components::{ErrorAlert, Flash, FlashMessage, SelectField};
use crate::i18n::{finance as fi, members, t, use_lang};
use crate::time::format_datetime;

#[component]
pub fn AdminJobs() -> impl IntoView {
    let lang = use_lang();
    let status = RwSignal::new(JobStatus::Failed.as_str().to_owned());
    let list = Paged::<AdminJob>::new();
    let flash = RwSignal::new(None::<Flash>);
    let busy = RwSignal::new(false);
    let load = move |append: bool| {
        let filter = JobStatus::parse(&status.get_untracked());
        list.load(append, move |cursor| async move {
            api::admin::list_admin_jobs(filter, cursor.as_deref()).await
        });
    };
    Effect::new(move |_| {
        status.track();
        load(false);
    });
    let options = Signal::derive(move || {
        status_options(
            JobStatus::ALL,
            JobStatus::as_str,
            job_status_text,
            lang.get(),
        )
    });
    let retry = move |job: AdminJob| {
        busy.set(true);
        list.error.set(None);
        flash.set(None);
        spawn_local(async move {
            match api::admin::retry_job(job.id).await {
                Ok(fresh) => {
                    flash.set(Some(Flash::fill(
                        fi::JOB_RETRIED,
                        "kind",
                        fresh.kind.clone(),
                    )));
                    list.replace(fresh, |a, b| a.id == b.id);
                }
                Err(e) => list.error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let row = move |job: AdminJob, l: Lang| {
        let failed = job.status == JobStatus::Failed;
        let what = job.kind.clone();
        let again = job.clone();
        view! {
            <tr>
                <td class=format!("{TD} font-mono")>{job.kind.clone()}</td>
                <td class=TD><JobStatusBadge status=job.status /></td>
                <td class=format!("{TD} tabular-nums")>{format!("{} / {}", job.attempts, job.max_attempts)}</td>
                <td class=TD>{format_datetime(&job.run_at, None, l)}</td>
                <td class=TD>{format_datetime(&job.updated_at, None, l)}</td>
                <td class="max-w-md break-words px-4 py-3 font-mono text-xs text-gray-800">{job.last_error.clone()}</td>
                <td class=TD>
                    <Show when=move || failed>
                        <button
                            type="button"
                            class=SMALL_SECONDARY
                            disabled=move || busy.get()
                            aria-label={
                                let what = what.clone();
                                move || fi::ACTION_ON.fill(lang.get(), &[("action", fi::RETRY.get(lang.get())), ("what", &what)])
                            }
                            on:click={
                                let again = again.clone();
                                move |_| retry(again.clone())
                            }
                        >
                            {t(fi::RETRY)}
                        </button>
                    </Show>
                </td>
            </tr>
        }
    };
    view! {
        <div class="space-y-4">
            <div class="max-w-xs">
                <SelectField id="admin-job-status" label=fi::STATUS value=status options />
            </div>
            <ErrorAlert error=list.error />
            <FlashMessage flash />
            <div role="region" aria-label=t(fi::TAB_JOBS) tabindex="0" class=REGION>
                <table class="min-w-full divide-y divide-gray-200">
                    <thead class="bg-gray-50">
                        <tr>
                            <th scope="col" class=TH>{t(fi::JOB_KIND)}</th>
                            <th scope="col" class=TH>{t(fi::STATUS)}</th>
                            <th scope="col" class=TH>{t(fi::ATTEMPTS)}</th>
                            <th scope="col" class=TH>{t(fi::RUN_AT)}</th>
                            <th scope="col" class=TH>{t(fi::UPDATED)}</th>
                            <th scope="col" class=TH>{t(fi::LAST_ERROR)}</th>
                            <th scope="col" class=TH>{t(members::ACTIONS)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-gray-200">
                        {move || {
                            let l = lang.get();
                            list.items.get().into_iter().map(|j| row(j, l)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <PagedFooter paged=list empty=fi::NO_JOBS on_more=Callback::new(move |()| load(true)) />
        </div>
    }
}
