//! Small status pills: an event's status (organizers), a ticket type's sale state (buyers) and an
//! order's status (both).

use common::events::EventStatus;
use common::orders::OrderStatus;
use common::public::SaleState;
use leptos::prelude::*;

use crate::i18n::{Tr, checkout as co, events as ev, public as pb, t};

const PILL: &str = "inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold";

pub fn status_text(s: EventStatus) -> Tr {
    match s {
        EventStatus::Draft => ev::DRAFT,
        EventStatus::Published => ev::PUBLISHED,
        EventStatus::Ended => ev::ENDED,
        EventStatus::Cancelled => ev::CANCELLED,
    }
}

#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<EventStatus>) -> impl IntoView {
    let class = move || {
        let colors = match status.get() {
            EventStatus::Draft => "bg-gray-200 text-gray-900",
            EventStatus::Published => "bg-emerald-100 text-emerald-900",
            EventStatus::Ended => "bg-sky-100 text-sky-900",
            EventStatus::Cancelled => "bg-red-100 text-red-900",
        };
        format!("{PILL} {colors}")
    };
    let lang = crate::i18n::use_lang();
    view! { <span class=class>{move || status_text(status.get()).get(lang.get())}</span> }
}

pub fn sale_text(s: SaleState) -> Tr {
    match s {
        SaleState::OnSale => pb::ON_SALE,
        SaleState::SoldOut => pb::SOLD_OUT,
        SaleState::NotYetOnSale => pb::NOT_YET_ON_SALE,
        SaleState::Ended => pb::SALES_ENDED,
    }
}

#[component]
pub fn SaleBadge(state: SaleState) -> impl IntoView {
    let colors = match state {
        SaleState::OnSale => "bg-emerald-100 text-emerald-900",
        SaleState::SoldOut => "bg-red-100 text-red-900",
        SaleState::NotYetOnSale => "bg-amber-100 text-amber-900",
        SaleState::Ended => "bg-gray-200 text-gray-900",
    };
    view! { <span class=format!("{PILL} {colors}")>{t(sale_text(state))}</span> }
}

pub fn order_status_text(s: OrderStatus) -> Tr {
    match s {
        OrderStatus::Pending => co::STATUS_PENDING,
        OrderStatus::Confirmed => co::STATUS_CONFIRMED,
        OrderStatus::Expired => co::STATUS_EXPIRED,
        OrderStatus::Cancelled => co::STATUS_CANCELLED,
    }
}

/// An order's status (buyers and organizers).
#[component]
pub fn OrderStatusBadge(#[prop(into)] status: Signal<OrderStatus>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let class = move || {
        let colors = match status.get() {
            OrderStatus::Pending => "bg-amber-100 text-amber-900",
            OrderStatus::Confirmed => "bg-emerald-100 text-emerald-900",
            OrderStatus::Expired => "bg-gray-200 text-gray-900",
            OrderStatus::Cancelled => "bg-red-100 text-red-900",
        };
        format!("{PILL} {colors}")
    };
    view! { <span class=class>{move || order_status_text(status.get()).get(lang.get())}</span> }
}
