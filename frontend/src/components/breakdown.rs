//! The price breakdown a buyer reads before and after paying: each line (name × quantity), the
//! subtotal, the coupon's discount, the service fee and who pays it, and the total.

use common::Money;
use common::admin::FeePayer;
use common::orders::PriceBreakdown;
use leptos::prelude::*;

use crate::i18n::{checkout as co, t, use_lang};
use crate::money::format_money;

const ROW: &str = "flex items-baseline justify-between gap-4";

/// `−1,000 XAF`.
fn minus(m: &Money, lang: common::Lang) -> String {
    format!("−{}", format_money(m, lang))
}

#[component]
pub fn PriceSummary(
    #[prop(into)] price: Signal<PriceBreakdown>,
    /// Marks the figures as being recomputed (a new quote is on its way).
    #[prop(optional, into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="space-y-3" aria-busy=move || busy.get().to_string()>
            <ul class="space-y-2 text-sm text-gray-800">
                {move || {
                    let l = lang.get();
                    price
                        .get()
                        .lines
                        .into_iter()
                        .map(|line| {
                            let label = co::LINE.fill(
                                l,
                                &[("name", line.name.get(l)), ("n", &line.quantity.to_string())],
                            );
                            view! {
                                <li class=ROW>
                                    <span>{label}</span>
                                    <span class="tabular-nums">{format_money(&line.subtotal, l)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <dl class="space-y-2 border-t border-gray-200 pt-3 text-sm">
                <div class=ROW>
                    <dt class="text-gray-700">{t(co::SUBTOTAL)}</dt>
                    <dd class="tabular-nums text-gray-900" data-testid="order-subtotal">{move || format_money(&price.get().subtotal, lang.get())}</dd>
                </div>
                {move || {
                    let p = price.get();
                    let l = lang.get();
                    (!p.discount.amount.is_zero())
                        .then(|| {
                            let label = match &p.coupon_code {
                                Some(code) => co::DISCOUNT_CODE.fill(l, &[("code", code)]),
                                None => co::DISCOUNT.get(l).to_owned(),
                            };
                            view! {
                                <div class=ROW>
                                    <dt class="text-emerald-900">{label}</dt>
                                    <dd class="tabular-nums font-medium text-emerald-900">{minus(&p.discount, l)}</dd>
                                </div>
                            }
                        })
                }}
                {move || {
                    let p = price.get();
                    let l = lang.get();
                    (!p.fee.amount.is_zero())
                        .then(|| {
                            let (value, note) = match p.fee_payer {
                                FeePayer::Buyer => (format_money(&p.fee, l), co::FEE_PAID_BY_BUYER.get(l)),
                                FeePayer::Organizer => (co::FEE_INCLUDED.get(l).to_owned(), co::FEE_PAID_BY_ORGANIZER.get(l)),
                            };
                            view! {
                                <div class=ROW>
                                    <dt class="text-gray-700">
                                        {co::SERVICE_FEE.get(l)}
                                        <span class="block text-xs text-gray-600">{note}</span>
                                    </dt>
                                    <dd class="tabular-nums text-gray-900">{value}</dd>
                                </div>
                            }
                        })
                }}
                <div class=format!("{ROW} border-t border-gray-200 pt-3 text-base font-bold")>
                    <dt class="text-gray-900">{t(co::TOTAL)}</dt>
                    <dd class="tabular-nums text-gray-900" data-testid="order-total">{move || format_money(&price.get().total, lang.get())}</dd>
                </div>
            </dl>
        </div>
    }
}
