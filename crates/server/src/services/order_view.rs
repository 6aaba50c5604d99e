//! Orders as the API shows them: rows -> `common::orders` DTOs, with signed links.

use common::admin::FeePayer;
use common::orders::{
    Buyer, Order, OrderEvent, OrderStatus, Payment, PaymentMethod, PaymentStatus, PriceBreakdown,
    PriceLine, Ticket, TicketStatus,
};
use common::{Currency, Lang, Money};
use db::events::EventRow;
use db::orders::OrderRow;
use db::ticket_types::TicketTypeRow;
use db::{ConnectionTrait, OrgScope};
use domain::pricing::Priced;

use crate::error::AppResult;
use crate::services::event_fields::{join, location_of, media_url};
use crate::services::order_access;
use crate::state::AppState;

fn type_name(types: &[TicketTypeRow], id: uuid::Uuid) -> common::Localized {
    types
        .iter()
        .find(|t| t.id == id)
        .map(|t| join(&t.name_en, &t.name_fr))
        .unwrap_or_default()
}

/// The breakdown of a fresh quote.
pub fn breakdown(
    priced: &Priced,
    currency: Currency,
    types: &[TicketTypeRow],
    coupon_code: Option<String>,
) -> PriceBreakdown {
    let m = |minor| Money::from_minor(minor, currency);
    PriceBreakdown {
        lines: priced
            .lines
            .iter()
            .map(|l| PriceLine {
                ticket_type_id: l.ticket_type_id,
                name: type_name(types, l.ticket_type_id),
                quantity: l.quantity,
                unit_price: m(l.unit_price_minor),
                subtotal: m(l.subtotal_minor),
                discount: m(l.discount_minor),
                fee: m(l.fee_minor),
            })
            .collect(),
        subtotal: m(priced.subtotal_minor),
        discount: m(priced.discount_minor),
        fee: m(priced.fee_minor),
        fee_payer: priced.payer,
        total: m(priced.total_minor),
        coupon_code,
    }
}

pub fn currency_of(order: &OrderRow) -> Currency {
    Currency::from_code(&order.currency).unwrap_or(Currency::XAF)
}

pub fn status_of(order: &OrderRow) -> OrderStatus {
    OrderStatus::parse(&order.status).unwrap_or(OrderStatus::Pending)
}

pub fn buyer_of(order: &OrderRow) -> Buyer {
    Buyer {
        name: order.buyer_name.clone(),
        email: order.buyer_email.clone(),
        phone: order.buyer_phone.clone(),
    }
}

/// Path of the buyer's order page (the SPA route), signed.
pub fn page_path(state: &AppState, order_id: uuid::Uuid) -> String {
    format!(
        "/orders/{order_id}?token={}",
        order_access::token(state, order_id)
    )
}

pub fn payment_dto(state: &AppState, p: &db::payments::PaymentRow) -> Payment {
    let status = PaymentStatus::parse(&p.status).unwrap_or(PaymentStatus::Pending);
    let method = PaymentMethod::parse(&p.method).unwrap_or(PaymentMethod::Test);
    let token = order_access::token(state, p.order_id);
    Payment {
        id: p.id,
        method,
        status,
        amount: Money::from_minor(
            p.amount_minor,
            Currency::from_code(&p.currency).unwrap_or(Currency::XAF),
        ),
        redirect_url: match (status, method) {
            (PaymentStatus::Pending, PaymentMethod::Test) => {
                Some(format!("/pay/test/{}?token={token}", p.id))
            }
            (PaymentStatus::Pending, _) => p.redirect_url.clone(),
            _ => None,
        },
        dial_code: (status == PaymentStatus::Pending)
            .then(|| p.dial_code.clone())
            .flatten(),
        failure_reason: p.failure_reason.clone(),
        created_at: p.created_at,
    }
}

/// The whole order for its buyer (and inside the organizer's detail view), read from the database.
pub async fn order<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    scope: OrgScope,
    order: &OrderRow,
    event: &EventRow,
) -> AppResult<Order> {
    let items = db::orders::items(conn, scope, order.id).await?;
    let types = db::ticket_types::list(conn, scope, order.event_id).await?;
    let tickets = db::tickets::for_order(conn, scope, order.id).await?;
    let payments = db::payments::for_order(conn, scope, order.id).await?;
    let refunds = db::refunds::for_order(conn, scope, order.id).await?;
    Ok(assemble(
        state,
        &Parts {
            order,
            event,
            items: &items,
            types: &types,
            tickets: &tickets,
            payments: &payments,
            refunds: &refunds,
        },
    ))
}

/// Everything an order DTO is made of.
pub struct Parts<'a> {
    pub order: &'a OrderRow,
    pub event: &'a EventRow,
    pub items: &'a [db::orders::OrderItemRow],
    pub types: &'a [TicketTypeRow],
    pub tickets: &'a [db::tickets::TicketRow],
    pub payments: &'a [db::payments::PaymentRow],
    pub refunds: &'a [db::refunds::RefundRow],
}

/// The order DTO from rows already in hand (checkout builds it without reading back what it just
/// wrote).
pub fn assemble(state: &AppState, parts: &Parts<'_>) -> Order {
    let Parts {
        order,
        event,
        items,
        types,
        tickets,
        payments,
        refunds,
    } = *parts;
    let currency = currency_of(order);
    let m = |minor| Money::from_minor(minor, currency);
    let status = status_of(order);
    let token = order_access::token(state, order.id);
    let mut location = location_of(event);
    if status != OrderStatus::Confirmed {
        location.online_url = None;
    }
    Order {
        id: order.id,
        reference: order.reference.clone(),
        status,
        event: OrderEvent {
            id: event.id,
            slug: event.slug.clone(),
            title: join(&event.title_en, &event.title_fr),
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            timezone: event.timezone.clone(),
            location,
            online: event.online_url.is_some(),
            cover_url: media_url(&event.cover_key),
        },
        buyer: buyer_of(order),
        language: Lang::from_tag(&order.language).unwrap_or_default(),
        price: PriceBreakdown {
            lines: items
                .iter()
                .map(|i| PriceLine {
                    ticket_type_id: i.ticket_type_id,
                    name: type_name(types, i.ticket_type_id),
                    quantity: u32::try_from(i.quantity).unwrap_or(0),
                    unit_price: m(i.unit_price_minor),
                    subtotal: m(i.subtotal_minor),
                    discount: m(i.discount_minor),
                    fee: m(i.fee_minor),
                })
                .collect(),
            subtotal: m(order.subtotal_minor),
            discount: m(order.discount_minor),
            fee: m(order.fee_minor),
            fee_payer: FeePayer::parse(&order.fee_payer),
            total: m(order.total_minor),
            coupon_code: order.coupon_code.clone(),
        },
        expires_at: order.expires_at,
        confirmed_at: order.confirmed_at,
        created_at: order.created_at,
        tickets: tickets
            .iter()
            .map(|t| Ticket {
                id: t.id,
                code: t.code.clone(),
                ticket_type_id: t.ticket_type_id,
                ticket_type_name: type_name(types, t.ticket_type_id),
                attendee_name: t.attendee_name.clone(),
                status: TicketStatus::parse(&t.status).unwrap_or(TicketStatus::Valid),
                qr_svg_url: format!(
                    "/api/v1/orders/{}/tickets/{}/qr.svg?token={token}",
                    order.id, t.id
                ),
                qr_png_url: format!(
                    "/api/v1/orders/{}/tickets/{}/qr.png?token={token}",
                    order.id, t.id
                ),
            })
            .collect(),
        payments: payments.iter().map(|p| payment_dto(state, p)).collect(),
        payment_methods: if status == OrderStatus::Pending && order.total_minor > 0 {
            state.gateways.methods_for(&order.currency)
        } else {
            Vec::new()
        },
        page_url: page_path(state, order.id),
        pdf_url: (status == OrderStatus::Confirmed)
            .then(|| format!("/api/v1/orders/{}/tickets.pdf?token={token}", order.id)),
        access_token: token,
        refunds: refunds
            .iter()
            .map(|r| crate::services::refunds::dto(r, &order.reference))
            .collect(),
        refundable_until: (status == OrderStatus::Confirmed
            && order.total_minor > 0
            && tickets
                .iter()
                .any(|t| t.status == "valid" && t.refund_id.is_none()))
        .then(|| crate::services::refunds::refundable_until(event))
        .flatten()
        .filter(|until| *until > state.now()),
    }
}
