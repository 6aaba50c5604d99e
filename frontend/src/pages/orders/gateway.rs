//! `/pay/test/:payment_id?token=`: the development payment gateway. Clearly labelled "Test
//! payment – no real money"; shows the order reference, the event and the amount, with "Approve"
//! and "Decline". Either way the buyer goes back to the order page (`return_url`).

use common::ErrorCode;
use common::orders::{PaymentStatus, TestGatewayPayment};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::button::{DANGER, LINK, PRIMARY};
use crate::components::status::LoadError;
use crate::components::{ErrSignal, ErrorAlert, Loading, NotFound, PageTitle};
use crate::i18n::{checkout as co, t, use_lang};
use crate::money::format_money;
use crate::util::{app_path, go_external};

#[component]
pub fn TestGatewayPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let payment_id = Memo::new(move |_| {
        params
            .read()
            .get("payment_id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    let state = RwSignal::new(None::<Result<TestGatewayPayment, ApiError>>);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(id) = payment_id.get() else { return };
        let tok = token.get();
        state.set(None);
        spawn_local(async move {
            state.set(Some(
                api::orders::get_test_payment(id, tok.as_deref()).await,
            ));
        });
    });

    view! {
        <PageTitle tr=co::TEST_PAYMENT_TITLE />
        {move || match (payment_id.get(), state.get()) {
            (None, _) => view! { <NotFound /> }.into_any(),
            (_, None) => view! { <Loading /> }.into_any(),
            (_, Some(Err(e))) if e.is(ErrorCode::NotFound) || e.is(ErrorCode::InvalidToken) => {
                view! { <NotFound /> }.into_any()
            }
            (_, Some(Err(e))) => view! {
                <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
            }
            .into_any(),
            (Some(_), Some(Ok(p))) => view! { <Gateway payment=p token=token.get_untracked() /> }.into_any(),
        }}
    }
}

#[component]
fn Gateway(payment: TestGatewayPayment, token: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let payment = RwSignal::new(payment);
    let token = StoredValue::new(token);
    let error: ErrSignal = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let back = move |url: String, navigate: &dyn Fn(&str)| match app_path(&url) {
        Some(path) => navigate(&path),
        None => go_external(&url),
    };
    let decide = move |approve: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let id = payment.with_untracked(|p| p.id);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::orders::decide_test_payment(id, token.get_value().as_deref(), approve).await
            {
                Ok(p) => {
                    let url = p.return_url.clone();
                    payment.set(p);
                    back(url, &|path| navigate(path, Default::default()));
                }
                Err(e) => {
                    error.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    let decide_approve = decide.clone();
    let pending = move || payment.with(|p| p.status == PaymentStatus::Pending);
    let status_text = move || {
        let tr = match payment.with(|p| p.status) {
            PaymentStatus::Pending => co::PAYMENT_PENDING,
            PaymentStatus::Succeeded => co::PAYMENT_SUCCEEDED,
            PaymentStatus::Failed => co::PAYMENT_FAILED,
        };
        tr.get(lang.get())
    };
    let return_href =
        move || payment.with(|p| app_path(&p.return_url).unwrap_or_else(|| p.return_url.clone()));

    view! {
        <section class="mx-auto max-w-lg space-y-6">
            <p class="rounded-md border-2 border-dashed border-amber-500 bg-amber-50 px-4 py-3 text-center font-bold uppercase tracking-wide text-amber-950">
                {t(co::TEST_PAYMENT_BANNER)}
            </p>
            <div class="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
                <h1 class="text-2xl font-bold text-gray-900">{t(co::TEST_PAYMENT_TITLE)}</h1>
                <dl class="space-y-2 text-sm">
                    <div class="flex justify-between gap-4">
                        <dt class="text-gray-700">{t(co::EVENT)}</dt>
                        <dd class="text-right font-medium text-gray-900">{move || payment.with(|p| p.event_title.get(lang.get()).to_owned())}</dd>
                    </div>
                    <div class="flex justify-between gap-4">
                        <dt class="text-gray-700">{t(co::ORDER)}</dt>
                        <dd class="font-mono text-gray-900">{move || payment.with(|p| p.order_reference.clone())}</dd>
                    </div>
                    <div class="flex justify-between gap-4">
                        <dt class="text-gray-700">{t(co::STATUS)}</dt>
                        <dd class="text-gray-900">{status_text}</dd>
                    </div>
                    <div class="flex justify-between gap-4 border-t border-gray-200 pt-2 text-base">
                        <dt class="font-semibold text-gray-900">{t(co::AMOUNT)}</dt>
                        <dd class="font-bold tabular-nums text-gray-900">{move || payment.with(|p| format_money(&p.amount, lang.get()))}</dd>
                    </div>
                </dl>
                <ErrorAlert error />
                <Show
                    when=pending
                    fallback=move || view! { <a href=return_href class=LINK>{t(co::BACK_TO_ORDER)}</a> }
                >
                    <div class="flex flex-wrap gap-3">
                        <button type="button" class=PRIMARY disabled=move || busy.get() on:click={
                            let decide = decide_approve.clone();
                            move |_| decide(true)
                        }>
                            {t(co::APPROVE)}
                        </button>
                        <button type="button" class=DANGER disabled=move || busy.get() on:click={
                            let decide = decide.clone();
                            move |_| decide(false)
                        }>
                            {t(co::DECLINE)}
                        </button>
                    </div>
                </Show>
            </div>
        </section>
    }
}
