//! Small status pills: an event's status (organizers), a ticket type's sale state (buyers), an
//! order's status (both), and the statuses of refunds, withdrawals and background jobs.

use common::events::EventStatus;
use common::finance::{JobStatus, RefundStatus, WithdrawalStatus};
use common::orders::OrderStatus;
use common::public::SaleState;
use leptos::prelude::*;

use crate::i18n::{Tr, checkout as co, events as ev, finance as fi, public as pb, t};

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

pub fn refund_status_text(s: RefundStatus) -> Tr {
    match s {
        RefundStatus::Requested => fi::S_REQUESTED,
        RefundStatus::Approved => fi::S_APPROVED,
        RefundStatus::Rejected => fi::S_REJECTED,
        RefundStatus::Processing => fi::S_PROCESSING,
        RefundStatus::Refunded => fi::S_REFUNDED,
        RefundStatus::Failed => fi::S_FAILED,
    }
}

pub fn withdrawal_status_text(s: WithdrawalStatus) -> Tr {
    match s {
        WithdrawalStatus::Requested => fi::S_REQUESTED,
        WithdrawalStatus::Approved => fi::S_APPROVED,
        WithdrawalStatus::Rejected => fi::S_REJECTED,
        WithdrawalStatus::Processing => fi::S_PROCESSING,
        WithdrawalStatus::Completed => fi::S_COMPLETED,
        WithdrawalStatus::Failed => fi::S_FAILED,
    }
}

pub fn job_status_text(s: JobStatus) -> Tr {
    match s {
        JobStatus::Pending => fi::JOB_PENDING,
        JobStatus::Done => fi::JOB_DONE,
        JobStatus::Failed => fi::JOB_FAILED,
    }
}

/// Colors shared by refund and withdrawal statuses: waiting (amber), moving (sky), done
/// (emerald), refused or failed (red).
fn money_colors(waiting: bool, moving: bool, done: bool) -> &'static str {
    if waiting {
        "bg-amber-100 text-amber-900"
    } else if moving {
        "bg-sky-100 text-sky-900"
    } else if done {
        "bg-emerald-100 text-emerald-900"
    } else {
        "bg-red-100 text-red-900"
    }
}

/// A refund's status.
#[component]
pub fn RefundStatusBadge(status: RefundStatus) -> impl IntoView {
    use RefundStatus as S;
    let colors = money_colors(
        status == S::Requested,
        matches!(status, S::Approved | S::Processing),
        status == S::Refunded,
    );
    view! { <span class=format!("{PILL} {colors}")>{t(refund_status_text(status))}</span> }
}

/// A withdrawal's status.
#[component]
pub fn WithdrawalStatusBadge(status: WithdrawalStatus) -> impl IntoView {
    use WithdrawalStatus as S;
    let colors = money_colors(
        status == S::Requested,
        matches!(status, S::Approved | S::Processing),
        status == S::Completed,
    );
    view! { <span class=format!("{PILL} {colors}")>{t(withdrawal_status_text(status))}</span> }
}

/// A background job's status (admins).
#[component]
pub fn JobStatusBadge(status: JobStatus) -> impl IntoView {
    let colors = money_colors(
        status == JobStatus::Pending,
        false,
        status == JobStatus::Done,
    );
    view! { <span class=format!("{PILL} {colors}")>{t(job_status_text(status))}</span> }
}
