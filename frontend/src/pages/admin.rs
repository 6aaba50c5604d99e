//! `/admin` (platform administrators only): tabs Organizations, Users, Tiers, Categories, for
//! money after the sale Refunds, Withdrawals and Jobs, and Payment gateways.

pub mod categories;
pub mod gateways;
pub mod jobs;
pub mod orgs;
pub mod refunds;
pub mod review;
pub mod tiers;
pub mod users;
pub mod withdrawals;

use leptos::prelude::*;

use crate::components::PageTitle;
use crate::components::tabs::{TabDef, Tabs};
use crate::i18n::{admin, finance as fi, t};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Orgs,
    Users,
    Tiers,
    Categories,
    Refunds,
    Withdrawals,
    Jobs,
    Gateways,
}

const TABS: [TabDef<Tab>; 8] = [
    (Tab::Orgs, "orgs", admin::TAB_ORGS),
    (Tab::Users, "users", admin::TAB_USERS),
    (Tab::Tiers, "tiers", admin::TAB_TIERS),
    (Tab::Categories, "categories", admin::TAB_CATEGORIES),
    (Tab::Refunds, "refunds", fi::TAB_REFUNDS),
    (Tab::Withdrawals, "withdrawals", fi::TAB_WITHDRAWALS),
    (Tab::Jobs, "jobs", fi::TAB_JOBS),
    (Tab::Gateways, "gateways", admin::TAB_GATEWAYS),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    let tab = RwSignal::new(Tab::Orgs);
    let panel = |k: Tab| match k {
        Tab::Orgs => view! { <orgs::AdminOrgs /> }.into_any(),
        Tab::Users => view! { <users::AdminUsers /> }.into_any(),
        Tab::Tiers => view! { <tiers::AdminTiers /> }.into_any(),
        Tab::Categories => view! { <categories::AdminCategories /> }.into_any(),
        Tab::Refunds => view! { <refunds::AdminRefunds /> }.into_any(),
        Tab::Withdrawals => view! { <withdrawals::AdminWithdrawals /> }.into_any(),
        Tab::Jobs => view! { <jobs::AdminJobs /> }.into_any(),
        Tab::Gateways => view! { <gateways::AdminGateways /> }.into_any(),
    };
    view! {
        <PageTitle tr=admin::TITLE />
        <section class="space-y-6">
            <h1 class="text-2xl font-bold text-gray-900">{t(admin::TITLE)}</h1>
            <Tabs label=admin::SECTIONS tabs=&TABS current=tab panel />
        </section>
    }
}
