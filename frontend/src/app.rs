//! The root component: provides the language and the session, lays out the shell and routes.
//! Signed-in routes sit behind `RequireAuth`; `/admin` behind `RequireAdmin`. Event pages
//! (`/e/:slug`), their checkout, discovery (`/`), order pages (`/orders/:id?token=`) and the test
//! gateway are public.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Shell;
use crate::components::{NotFound, RequireAdmin, RequireAuth};
use crate::i18n::I18n;
use crate::pages::account::AccountPage;
use crate::pages::admin::AdminPage;
use crate::pages::auth::{
    ForgotPasswordPage, LoginPage, ResetPasswordPage, SignupPage, VerifyEmailPage,
};
use crate::pages::events::booking::BookingPage;
use crate::pages::events::bookings::BookingsPage;
use crate::pages::events::checkin::CheckinPage;
use crate::pages::events::coupons::CouponsPage;
use crate::pages::events::edit::EditEventPage;
use crate::pages::events::list::EventsPage;
use crate::pages::events::live::LivePage;
use crate::pages::events::new::NewEventPage;
use crate::pages::events::swag::SwagPage;
use crate::pages::home::HomePage;
use crate::pages::invitations::accept::AcceptInvitationPage;
use crate::pages::orders::checkout::CheckoutPage;
use crate::pages::orders::gateway::TestGatewayPage;
use crate::pages::orders::mine::MyTicketsPage;
use crate::pages::orders::order::OrderPage;
use crate::pages::orgs::dashboard::OrgDashboard;
use crate::pages::orgs::finance::FinancePage;
use crate::pages::orgs::layout::OrgLayout;
use crate::pages::orgs::members::MembersPage;
use crate::pages::orgs::new::NewOrgPage;
use crate::pages::orgs::settings::SettingsPage;
use crate::pages::public::event::PublicEventPage;
use crate::pages::scan::ScanPage;
use crate::state::{self, Session};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(state::lang::initial());
    provide_context(I18n(lang));
    Effect::new(move |_| state::lang::apply(lang.get()));
    state::lang::apply(lang.get_untracked());
    Session::provide(lang);

    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/signup") view=SignupPage />
                    <Route path=path!("/verify-email") view=VerifyEmailPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage />
                    <Route path=path!("/invitations/accept") view=AcceptInvitationPage />
                    <Route path=path!("/e/:slug") view=PublicEventPage />
                    <Route path=path!("/e/:slug/checkout") view=CheckoutPage />
                    <Route path=path!("/orders/:order_id") view=OrderPage />
                    <Route path=path!("/pay/test/:payment_id") view=TestGatewayPage />
                    <Route
                        path=path!("/me/tickets")
                        view=|| view! { <RequireAuth><MyTicketsPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/account")
                        view=|| view! { <RequireAuth><AccountPage /></RequireAuth> }
                    />
                    <Route
                        path=path!("/orgs/new")
                        view=|| view! { <RequireAuth><NewOrgPage /></RequireAuth> }
                    />
                    <ParentRoute
                        path=path!("/orgs/:org_id")
                        view=|| view! { <RequireAuth><OrgLayout /></RequireAuth> }
                    >
                        <Route path=path!("") view=OrgDashboard />
                        <Route path=path!("members") view=MembersPage />
                        <Route path=path!("settings") view=SettingsPage />
                        <Route path=path!("finance") view=FinancePage />
                        <Route path=path!("events") view=EventsPage />
                        // Before `events/:event_id`: the first matching route wins.
                        <Route path=path!("events/new") view=NewEventPage />
                        <Route path=path!("events/:event_id") view=EditEventPage />
                        <Route path=path!("events/:event_id/bookings") view=BookingsPage />
                        <Route path=path!("events/:event_id/coupons") view=CouponsPage />
                        <Route path=path!("events/:event_id/checkin") view=CheckinPage />
                        <Route path=path!("events/:event_id/live") view=LivePage />
                        <Route path=path!("events/:event_id/swag") view=SwagPage />
                        <Route path=path!("orders/:order_id") view=BookingPage />
                        <Route path=path!("scan") view=ScanPage />
                    </ParentRoute>
                    <Route
                        path=path!("/admin")
                        view=|| view! { <RequireAdmin><AdminPage /></RequireAdmin> }
                    />
                </Routes>
            </Shell>
        </Router>
    }
}
