//! The "Withdraw" dialog of the Finance page: an amount in the balance's currency (between its
//! withdrawal minimum and maximum, at most what is available), and where to send it: a
//! mobile-money number (and optionally its network) or a bank account (holder, bank, number).
//! Each submission carries a fresh `Idempotency-Key`; the API's field errors show under the
//! fields (`amount`, `destination.phone`, ...).

use common::finance::{Balance, CreateWithdrawal, DestinationKind, PayoutDestination, Withdrawal};
use common::{Lang, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::field::{HINT, LABEL};
use crate::components::{ErrSignal, FormDialog, SelectField, TextField};
use crate::i18n::{checkout as co, finance as fi, use_lang};
use crate::money::{amount_input, format_money, parse_amount};
use crate::pages::orders::order_parts::OPERATORS;

/// "Withdrawals from 1,000 XAF to 500,000 XAF" (or "from 1,000 XAF" without a maximum).
pub fn limits_text(b: &Balance, lang: Lang) -> String {
    let min = format_money(&b.withdrawal_minimum, lang);
    match &b.withdrawal_maximum {
        Some(max) => fi::LIMITS.fill(lang, &[("min", &min), ("max", &format_money(max, lang))]),
        None => fi::LIMIT_MIN.fill(lang, &[("min", &min)]),
    }
}

/// The amount as typed, checked against the balance: `Err(code)` for the `amount` field.
pub fn checked_amount(typed: &str, b: &Balance) -> Result<Money, &'static str> {
    if typed.trim().is_empty() {
        return Err("required");
    }
    let amount = parse_amount(typed, b.currency)?;
    if amount.is_zero() || amount < b.withdrawal_minimum.amount {
        return Err("below_minimum");
    }
    if b.withdrawal_maximum.is_some_and(|max| amount > max.amount) {
        return Err("above_maximum");
    }
    if amount > b.available.amount {
        return Err("insufficient_balance");
    }
    Ok(Money {
        amount,
        currency: b.currency,
    })
}

/// What the amount field starts with: everything available, within the maximum.
fn suggested(b: &Balance) -> String {
    let top = match &b.withdrawal_maximum {
        Some(max) if max.amount < b.available.amount => *max,
        _ => b.available,
    };
    if top.amount.is_sign_positive() && !top.amount.is_zero() {
        amount_input(&top)
    } else {
        String::new()
    }
}

#[component]
pub fn WithdrawDialog(
    org_id: Uuid,
    open: RwSignal<bool>,
    /// The balance to withdraw from; set before opening.
    balance: RwSignal<Option<Balance>>,
    on_done: Callback<Withdrawal>,
) -> impl IntoView {
    let lang = use_lang();
    let amount = RwSignal::new(String::new());
    let kind = RwSignal::new(DestinationKind::MobileMoney);
    let phone = RwSignal::new(String::new());
    let operator = RwSignal::new(String::new());
    let account_name = RwSignal::new(String::new());
    let bank_name = RwSignal::new(String::new());
    let account_number = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error: ErrSignal = RwSignal::new(None);

    // A fresh form each time it opens.
    Effect::new(move |_| {
        if open.get() {
            let start = balance.with_untracked(|b| b.as_ref().map(suggested).unwrap_or_default());
            amount.set(start);
            error.set(None);
        }
    });

    let currency = move || balance.with(|b| b.as_ref().map(|b| b.currency.code()).unwrap_or(""));
    let title =
        Signal::derive(move || fi::WITHDRAW_TITLE.fill(lang.get(), &[("currency", currency())]));
    let message = Signal::derive(move || {
        let l = lang.get();
        balance.with(|b| {
            b.as_ref()
                .map(|b| fi::WITHDRAW_TEXT.fill(l, &[("amount", &format_money(&b.available, l))]))
                .unwrap_or_default()
        })
    });
    let amount_hint = Signal::derive(move || {
        let l = lang.get();
        balance.with(|b| {
            b.as_ref()
                .map(|b| {
                    fi::AMOUNT_HINT.fill(
                        l,
                        &[
                            ("currency", b.currency.code()),
                            ("limits", &limits_text(b, l)),
                        ],
                    )
                })
                .unwrap_or_default()
        })
    });
    let operators = Signal::derive(move || {
        let auto = (String::new(), co::OPERATOR_AUTO.get(lang.get()).to_owned());
        std::iter::once(auto)
            .chain(
                OPERATORS
                    .iter()
                    .map(|(v, n)| ((*v).to_owned(), (*n).to_owned())),
            )
            .collect::<Vec<_>>()
    });

    let on_submit = Callback::new(move |()| {
        let Some(b) = balance.get_untracked() else {
            return;
        };
        let given = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
        };
        let mut problems: Vec<(&str, &str)> = Vec::new();
        let money = checked_amount(&amount.get_untracked(), &b);
        if let Err(code) = money {
            problems.push(("amount", code));
        }
        let k = kind.get_untracked();
        let destination = match k {
            DestinationKind::MobileMoney => PayoutDestination {
                kind: Some(k),
                phone: given(phone),
                operator: given(operator),
                ..Default::default()
            },
            DestinationKind::BankAccount => PayoutDestination {
                kind: Some(k),
                account_name: given(account_name),
                bank_name: given(bank_name),
                account_number: given(account_number),
                ..Default::default()
            },
        };
        let required: &[(&str, &Option<String>)] = match k {
            DestinationKind::MobileMoney => &[("destination.phone", &destination.phone)],
            DestinationKind::BankAccount => &[
                ("destination.account_name", &destination.account_name),
                ("destination.bank_name", &destination.bank_name),
                ("destination.account_number", &destination.account_number),
            ],
        };
        for (field, value) in required {
            if value.is_none() {
                problems.push((field, "required"));
            }
        }
        if let Some(e) = ApiError::invalid(&problems) {
            error.set(Some(e));
            return;
        }
        let Ok(amount) = money else { return };
        let body = CreateWithdrawal {
            amount,
            destination,
        };
        // One key per submission: a retry after an answer is a new request.
        let key = Uuid::new_v4().to_string();
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::finance::create_withdrawal(org_id, &body, &key).await {
                Ok(w) => {
                    open.set(false);
                    on_done.run(w);
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    });

    let radio = move |k: DestinationKind, id: &'static str| {
        let label = match k {
            DestinationKind::MobileMoney => fi::MOBILE_MONEY,
            DestinationKind::BankAccount => fi::BANK_ACCOUNT,
        };
        view! {
            <label
                for=id
                class="flex cursor-pointer items-center gap-2 rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-900 has-[:checked]:border-emerald-600 has-[:checked]:ring-2 has-[:checked]:ring-emerald-600/40"
            >
                <input
                    id=id
                    type="radio"
                    name="withdraw-destination"
                    value=k.as_str()
                    class="accent-emerald-700"
                    prop:checked=move || kind.get() == k
                    on:change=move |_| kind.set(k)
                />
                <span class="font-medium">{move || label.get(lang.get())}</span>
            </label>
        }
    };

    view! {
        <FormDialog
            id="withdraw-dialog"
            open
            title
            message
            submit_label=fi::REQUEST_WITHDRAWAL
            pending
            error
            on_submit
        >
            <TextField id="withdraw-amount" label=fi::AMOUNT value=amount field="amount" error inputmode="decimal" hint_text=amount_hint required=true />
            <fieldset class="space-y-2">
                <legend class=LABEL>{move || fi::SEND_TO.get(lang.get())}</legend>
                <div class="flex flex-wrap gap-3">
                    {radio(DestinationKind::MobileMoney, "withdraw-kind-mobile")}
                    {radio(DestinationKind::BankAccount, "withdraw-kind-bank")}
                </div>
            </fieldset>
            <Show
                when=move || kind.get() == DestinationKind::MobileMoney
                fallback=move || view! {
                    <p class=HINT>{move || fi::BANK_HINT.get(lang.get())}</p>
                    <TextField id="withdraw-account-name" label=fi::ACCOUNT_NAME value=account_name field="destination.account_name" error autocomplete="name" required=true />
                    <TextField id="withdraw-bank-name" label=fi::BANK_NAME value=bank_name field="destination.bank_name" error autocomplete="organization" required=true />
                    <TextField id="withdraw-account-number" label=fi::ACCOUNT_NUMBER value=account_number field="destination.account_number" error hint=fi::ACCOUNT_NUMBER_HINT autocomplete="off" required=true />
                }
            >
                <div class="grid gap-3 sm:grid-cols-2">
                    <TextField id="withdraw-phone" label=fi::PHONE value=phone field="destination.phone" error kind="tel" autocomplete="tel" inputmode="tel" hint=fi::PHONE_HINT required=true />
                    <SelectField id="withdraw-operator" label=co::OPERATOR value=operator options=operators field="destination.operator" error />
                </div>
            </Show>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use common::Currency;
    use rust_decimal::Decimal;

    use super::*;

    fn xaf(s: &str) -> Money {
        Money {
            amount: Decimal::from_str(s).unwrap_or_default(),
            currency: Currency::XAF,
        }
    }

    fn balance() -> Balance {
        Balance {
            currency: Currency::XAF,
            pending: xaf("0"),
            available: xaf("24000"),
            paid_out: xaf("0"),
            withdrawal_minimum: xaf("1000"),
            withdrawal_maximum: Some(xaf("20000")),
        }
    }

    #[test]
    fn a_withdrawal_stays_within_the_limits_and_the_balance() {
        let b = balance();
        assert_eq!(checked_amount("5 000", &b), Ok(xaf("5000")));
        assert_eq!(checked_amount("", &b), Err("required"));
        assert_eq!(checked_amount("500", &b), Err("below_minimum"));
        assert_eq!(checked_amount("0", &b), Err("below_minimum"));
        assert_eq!(checked_amount("20001", &b), Err("above_maximum"));
        assert_eq!(checked_amount("10.5", &b), Err("too_precise"));
        let open = Balance {
            withdrawal_maximum: None,
            ..b
        };
        assert_eq!(checked_amount("30000", &open), Err("insufficient_balance"));
    }

    #[test]
    fn the_form_suggests_what_can_be_withdrawn() {
        let b = balance();
        assert_eq!(suggested(&b), "20000");
        let small = Balance {
            available: xaf("3000"),
            ..b.clone()
        };
        assert_eq!(suggested(&small), "3000");
        let empty = Balance {
            available: xaf("0"),
            ..b
        };
        assert_eq!(suggested(&empty), "");
    }
}
