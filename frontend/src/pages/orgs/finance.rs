//! `/orgs/:org_id/finance`: money after the sale. For those with `ManagePayouts` (owners,
//! admins): a card per currency with what is available, pending (not yet settled by the
//! gateways) and paid out, with "Withdraw"; then tabs: the withdrawals, the refunds, the
//! ledger and the invoices. A withdrawal reloads the balances and the lists. Those with only `ManageSales`
//! (managers) see the refunds. Payments stuck at their gateway are listed first, when any.

use common::finance::{Balance, Withdrawal};
use common::{ErrorCode, Lang, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::finance_lists::{Ledger, OrgRefunds, OrgWithdrawals};
use super::invoices::OrgInvoices;
use super::layout::use_org;
use super::stuck_payments::StuckPayments;
use super::withdraw::{WithdrawDialog, limits_text};
use crate::api::{self, ApiError};
use crate::components::button::PRIMARY;
use crate::components::field::HINT;
use crate::components::status::LoadError;
use crate::components::tabs::{TabDef, Tabs};
use crate::components::{Flash, FlashMessage, Forbidden, Loading, PageTitle};
use crate::i18n::{finance as fi, t, use_lang};
use crate::money::format_money;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Withdrawals,
    Refunds,
    Ledger,
    Invoices,
}

const TABS: [TabDef<Tab>; 4] = [
    (Tab::Withdrawals, "withdrawals", fi::WITHDRAWALS),
    (Tab::Refunds, "refunds", fi::REFUNDS),
    (Tab::Ledger, "ledger", fi::LEDGER),
    (Tab::Invoices, "invoices", fi::INVOICES),
];

/// Without `ManagePayouts`: the refunds only.
const SALES_TABS: [TabDef<Tab>; 1] = [(Tab::Refunds, "refunds", fi::REFUNDS)];

#[component]
pub fn FinancePage() -> impl IntoView {
    let ctx = use_org();
    let Some(org_id) = ctx.id() else {
        return ().into_any();
    };
    if !(ctx.can(Permission::ManageSales) || ctx.can(Permission::ManagePayouts)) {
        return view! { <Forbidden /> }.into_any();
    }
    view! {
        <PageTitle tr=fi::FINANCE />
        <Finance org_id />
    }
    .into_any()
}

#[component]
fn Finance(org_id: Uuid) -> impl IntoView {
    let ctx = use_org();
    let lang = use_lang();
    let can_withdraw = ctx.can(Permission::ManagePayouts);
    let can_sell = ctx.can(Permission::ManageSales);
    let balances = RwSignal::new(None::<Result<Vec<Balance>, ApiError>>);
    let reload = RwSignal::new(0u32);
    let flash = RwSignal::new(None::<Flash>);
    Effect::new(move |_| {
        reload.track();
        if !can_withdraw {
            return;
        }
        spawn_local(async move {
            let result = api::finance::list_balances(org_id).await;
            let _ = balances.try_set(Some(result));
        });
    });
    let currencies = Signal::derive(move || {
        balances.with(|b| match b {
            Some(Ok(list)) => list.iter().map(|b| b.currency).collect(),
            _ => Vec::new(),
        })
    });

    let withdraw_from = RwSignal::new(None::<Balance>);
    let withdraw_open = RwSignal::new(false);
    let on_withdrawn = Callback::new(move |w: Withdrawal| {
        let amount = w.amount;
        flash.set(Some(Flash::with(move |l| {
            fi::WITHDRAWAL_REQUESTED.fill(l, &[("amount", &format_money(&amount, l))])
        })));
        reload.update(|n| *n += 1);
    });

    let card = move |b: Balance, l: Lang| {
        let code = b.currency.code();
        let heading_id = format!("balance-{code}");
        let labelled_by = heading_id.clone();
        let can_take = b.available.amount > rust_decimal::Decimal::ZERO
            && b.available.amount >= b.withdrawal_minimum.amount;
        let limits = limits_text(&b, l);
        let for_click = b.clone();
        view! {
            <article aria-labelledby=labelled_by class="space-y-4 rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
                <h3 id=heading_id class="text-lg font-semibold text-gray-900">{fi::BALANCE_IN.fill(l, &[("currency", code)])}</h3>
                <dl class="grid grid-cols-2 gap-3">
                    <div class="col-span-2 rounded-md bg-emerald-50 px-4 py-3">
                        <dt class="text-sm text-emerald-900">{fi::AVAILABLE.get(l)}</dt>
                        <dd class="text-2xl font-bold tabular-nums text-emerald-950" data-testid=format!("available-{code}")>
                            {format_money(&b.available, l)}
                        </dd>
                    </div>
                    <div class="rounded-md bg-gray-50 px-4 py-2">
                        <dt class="text-sm text-gray-700">{fi::PENDING.get(l)}</dt>
                        <dd class="font-semibold tabular-nums text-gray-900" data-testid=format!("pending-{code}")>{format_money(&b.pending, l)}</dd>
                    </div>
                    <div class="rounded-md bg-gray-50 px-4 py-2">
                        <dt class="text-sm text-gray-700">{fi::PAID_OUT.get(l)}</dt>
                        <dd class="font-semibold tabular-nums text-gray-900" data-testid=format!("paid-out-{code}")>{format_money(&b.paid_out, l)}</dd>
                    </div>
                </dl>
                <p class=HINT>{fi::PENDING_HINT.get(l)} " " {limits} "."</p>
                <button
                        type="button"
                        class=PRIMARY
                        disabled=!can_take
                        aria-label=fi::WITHDRAW_CURRENCY.fill(l, &[("currency", code)])
                        on:click={
                            let b = for_click.clone();
                            move |_| {
                                withdraw_from.set(Some(b.clone()));
                                withdraw_open.set(true);
                            }
                        }
                    >
                        {fi::WITHDRAW.get(l)}
                    </button>
            </article>
        }
    };

    let (tabs, first): (&'static [TabDef<Tab>], Tab) = if can_withdraw {
        (&TABS, Tab::Withdrawals)
    } else {
        (&SALES_TABS, Tab::Refunds)
    };
    let tab = RwSignal::new(first);
    let panel = move |k: Tab| match k {
        Tab::Withdrawals => view! { <OrgWithdrawals org_id reload /> }.into_any(),
        Tab::Refunds => view! { <OrgRefunds org_id reload /> }.into_any(),
        Tab::Ledger => view! { <Ledger org_id currencies reload /> }.into_any(),
        Tab::Invoices => view! { <OrgInvoices org_id reload /> }.into_any(),
    };

    view! {
        <section class="space-y-6">
            <h1 class="text-2xl font-bold text-gray-900">{t(fi::FINANCE)}</h1>
            <FlashMessage flash />
            <Show when=move || can_sell>
                <StuckPayments org_id reload />
            </Show>
            <Show when=move || !can_withdraw>
                <p class=HINT>{t(fi::NO_PAYOUT_PERMISSION)}</p>
            </Show>
            <Show when=move || can_withdraw>
            <section aria-labelledby="balances-heading" class="space-y-3">
                <h2 id="balances-heading" class="text-lg font-semibold text-gray-900">{t(fi::BALANCES)}</h2>
                {move || match balances.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(e)) if e.is(ErrorCode::Forbidden) => ().into_any(),
                    Some(Err(e)) => view! {
                        <LoadError error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1)) />
                    }
                    .into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="text-gray-700">{t(fi::NO_BALANCES)}</p> }.into_any(),
                    Some(Ok(list)) => {
                        let l = lang.get();
                        view! {
                            <div class="grid gap-4 md:grid-cols-2">{list.into_iter().map(|b| card(b, l)).collect_view()}</div>
                        }
                        .into_any()
                    }
                }}
            </section>
            </Show>
            <Tabs label=fi::FINANCE_SECTIONS tabs current=tab panel />
            <WithdrawDialog org_id open=withdraw_open balance=withdraw_from on_done=on_withdrawn />
        </section>
    }
}
