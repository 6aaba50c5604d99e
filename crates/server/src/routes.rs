//! `/api/v1` handlers: extract, check one permission, call one service. Each is registered here
//! so utoipa collects it into the OpenAPI document.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod admin;
pub mod admin_money;
pub mod auth;
pub mod bookings;
pub mod categories;
pub mod checkin;
pub mod checkin_stats;
pub mod checkout;
pub mod coupons;
pub mod events;
pub mod finance;
pub mod invitations;
pub mod invoices;
pub mod me;
pub mod members;
pub mod orders;
pub mod orgs;
pub mod public;
pub mod swag;
pub mod test_gateway;
pub mod ticket_types;
pub mod webhooks;

pub fn configure(cfg: &mut ServiceConfig) {
    // actix tries routes in registration order: the hottest public reads go first (measured by
    // `just bench-public`: a page at the end of this list paid ~40% of its CPU in route matching).
    cfg.service(public::get_public_event)
        .service(public::discover_events)
        // An on-sale drop is all order placement: second only to the event page.
        .service(checkout::create_order)
        .service(checkout::quote_order)
        .service(orders::get_order)
        // Doors scan in bursts at opening time (`just bench-checkin`).
        .service(checkin::create_scan)
        .service(swag::hand_out_swag)
        .service(public::event_theme_css)
        .service(public::event_calendar)
        .service(public::unlock_ticket_types)
        .service(public::list_categories)
        .service(auth::signup)
        .service(auth::verify_email)
        .service(auth::resend_verification)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::request_password_reset)
        .service(auth::confirm_password_reset)
        .service(me::get_me)
        .service(me::update_me)
        .service(orgs::list_orgs)
        .service(orgs::create_org)
        .service(orgs::get_org)
        .service(orgs::update_org)
        .service(orgs::upload_org_logo)
        .service(orgs::delete_org_logo)
        .service(members::list_members)
        .service(members::update_member)
        .service(members::remove_member)
        .service(invitations::list_invitations)
        .service(invitations::create_invitation)
        .service(invitations::revoke_invitation)
        .service(invitations::preview_invitation)
        .service(invitations::accept_invitation)
        .service(admin::list_admin_orgs)
        .service(admin::update_admin_org)
        .service(admin::list_admin_users)
        .service(admin::list_tiers)
        .service(admin::update_tier)
        .service(admin::update_admin_event)
        .service(categories::list_admin_categories)
        .service(categories::create_category)
        .service(categories::update_category)
        .service(categories::delete_category)
        .service(events::list_events)
        .service(events::create_event)
        .service(events::get_event)
        .service(events::update_event)
        .service(events::delete_event)
        .service(events::publish_event)
        .service(events::unpublish_event)
        .service(events::cancel_event)
        .service(events::upload_event_cover)
        .service(events::delete_event_cover)
        .service(events::preview_event_theme)
        .service(ticket_types::list_ticket_types)
        .service(ticket_types::create_ticket_type)
        .service(ticket_types::update_ticket_type)
        .service(ticket_types::delete_ticket_type)
        .service(ticket_types::list_capacity_groups)
        .service(ticket_types::create_capacity_group)
        .service(ticket_types::update_capacity_group)
        .service(ticket_types::delete_capacity_group)
        .service(coupons::list_coupons)
        .service(coupons::create_coupon)
        .service(coupons::update_coupon)
        .service(coupons::delete_coupon)
        .service(orders::cancel_order)
        .service(orders::start_payment)
        .service(orders::download_tickets)
        .service(orders::ticket_qr_svg)
        .service(orders::ticket_qr_png)
        .service(orders::list_my_orders)
        .service(orders::request_refund)
        .service(finance::list_balances)
        .service(finance::list_ledger_entries)
        .service(finance::list_withdrawals)
        .service(finance::create_withdrawal)
        .service(finance::list_refunds)
        .service(finance::create_order_refund)
        .service(finance::list_stuck_payments)
        .service(invoices::list_invoices)
        .service(invoices::download_invoice)
        .service(invoices::list_order_invoices)
        .service(invoices::download_order_invoice)
        .service(admin_money::list_admin_refunds)
        .service(admin_money::approve_refund)
        .service(admin_money::reject_refund)
        .service(admin_money::retry_refund)
        .service(admin_money::list_admin_withdrawals)
        .service(admin_money::approve_withdrawal)
        .service(admin_money::reject_withdrawal)
        .service(admin_money::complete_withdrawal)
        .service(admin_money::list_admin_jobs)
        .service(admin_money::retry_job)
        .service(admin_money::list_gateway_configs)
        .service(admin_money::update_gateway_config)
        .service(test_gateway::get_test_payment)
        .service(test_gateway::approve_test_payment)
        .service(test_gateway::decline_test_payment)
        .service(webhooks::receive_webhook)
        .service(webhooks::receive_query_webhook)
        .service(bookings::list_orders)
        .service(bookings::export_orders)
        .service(bookings::get_booking)
        .service(bookings::cancel_booking)
        .service(bookings::resend_tickets)
        .service(checkin::list_checkin_lists)
        .service(checkin::create_checkin_list)
        .service(checkin::update_checkin_list)
        .service(checkin::delete_checkin_list)
        .service(checkin::get_checkin_list)
        .service(checkin::list_scans)
        .service(checkin::sync_scans)
        .service(checkin::list_checkin_tickets)
        .service(checkin::register_checkin_device)
        .service(checkin::list_checkin_devices)
        .service(checkin::revoke_checkin_device)
        .service(checkin::get_checkin_key)
        .service(checkin_stats::get_checkin_stats)
        .service(checkin_stats::stream_checkin_stats)
        .service(swag::list_swag_items)
        .service(swag::create_swag_item)
        .service(swag::update_swag_item)
        .service(swag::delete_swag_item)
        .service(swag::list_swag_handouts)
        .service(swag::adjust_swag_stock)
        .service(swag::list_swag_adjustments)
        .service(swag::export_swag_report_csv);
}
