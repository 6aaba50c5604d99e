//! On the Finance page, for those who manage sales: payments still pending long after they
//! started (neither the gateway's callback nor reconciliation settled them). Each names the
//! booking, the buyer and the method, so a person can call the buyer or check the gateway.
//! Nothing shows when there are none.

use common::Lang;
use common::finance::StuckPayment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api;
use crate::i18n::{finance as fi, t, use_lang};
use crate::money::format_money;
use crate::pages::admin::orgs::{TD, TH};
use crate::pages::orders::order_parts::method_name;
use crate::time::format_datetime;

#[component]
pub fn StuckPayments(org_id: Uuid, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let list = RwSignal::new(Vec::<StuckPayment>::new());
    Effect::new(move |_| {
        reload.track();
        spawn_local(async move {
            // A failure here only hides the warning; the rest of the page reports its own.
            if let Ok(found) = api::finance::list_stuck_payments(org_id).await {
                let _ = list.try_set(found);
            }
        });
    });
    let row = move |s: StuckPayment, l: Lang| {
        let href = format!("/orgs/{org_id}/orders/{}", s.order_id);
        view! {
            <tr>
                <td class=TD>{format_datetime(&s.payment.created_at, None, l)}</td>
                <td class=TD><a class="font-mono text-emerald-800 underline" href=href>{s.order_reference.clone()}</a></td>
                <td class=TD>{s.buyer.name.clone()}<span class="block text-xs text-gray-700">{s.buyer.email.clone()}</span></td>
                <td class=TD>{method_name(s.payment.method, l)}</td>
                <td class=format!("{TD} tabular-nums font-medium")>{format_money(&s.payment.amount, l)}</td>
            </tr>
        }
    };
    view! {
        <Show when=move || list.with(|l| !l.is_empty())>
            <section aria-labelledby="stuck-heading" class="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="stuck-payments">
                <h2 id="stuck-heading" class="text-lg font-semibold text-amber-950">{t(fi::STUCK_TITLE)}</h2>
                <p class="text-sm text-amber-950">{t(fi::STUCK_HINT)}</p>
                <div class="overflow-x-auto rounded-md border border-amber-200 bg-white">
                    <table class="min-w-full divide-y divide-gray-200">
                        <thead>
                            <tr>
                                <th scope="col" class=TH>{t(fi::STUCK_STARTED)}</th>
                                <th scope="col" class=TH>{t(fi::STUCK_BOOKING)}</th>
                                <th scope="col" class=TH>{t(fi::STUCK_BUYER)}</th>
                                <th scope="col" class=TH>{t(fi::STUCK_METHOD)}</th>
                                <th scope="col" class=TH>{t(fi::STUCK_AMOUNT)}</th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-gray-100">
                            {move || {
                                let l = lang.get();
                                list.get().into_iter().map(|s| row(s, l)).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}
