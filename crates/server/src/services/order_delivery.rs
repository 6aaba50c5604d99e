//! Getting tickets to their holder: the confirmation email with the PDF attached (rendered by
//! the worker from the database, so a retry sends the current state), the PDF and QR images
//! served to the order page, and the cancellation notice.

use chrono::{DateTime, Utc};
use common::{Currency, Lang, Money};
use db::events::EventRow;
use db::orders::OrderRow;
use db::tickets::TicketRow;
use db::{ConnectionTrait, OrgScope};
use domain::ticket_token::TicketClaims;
use integrations::emails::{self, OrderConfirmation};
use integrations::mailer::{Attachment, Email};
use integrations::tickets::{TicketPage, format_when, render_pdf};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::event_fields::join;
use crate::services::order_lifecycle::lang_of;
use crate::services::{mail, order_view};
use crate::state::AppState;

pub const DELIVER_ORDER: &str = "deliver_order";
pub const ORDER_CANCELLED: &str = "order_cancelled";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverOrder {
    pub order_id: Uuid,
    pub org_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderCancelled {
    pub order_id: Uuid,
    pub org_id: Uuid,
    pub reason: Option<String>,
}

/// Queues the confirmation email (tickets attached) in the caller's transaction.
pub async fn enqueue_confirmation<C: ConnectionTrait>(
    conn: &C,
    _state: &AppState,
    scope: OrgScope,
    order_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let payload = serde_json::to_value(DeliverOrder {
        order_id,
        org_id: scope.org_id(),
    })
    .map_err(AppError::internal)?;
    db::jobs::enqueue(conn, DELIVER_ORDER, payload, now, now).await?;
    Ok(())
}

pub async fn enqueue_cancellation<C: ConnectionTrait>(
    conn: &C,
    scope: OrgScope,
    order: &OrderRow,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let payload = serde_json::to_value(OrderCancelled {
        order_id: order.id,
        org_id: scope.org_id(),
        reason,
    })
    .map_err(AppError::internal)?;
    db::jobs::enqueue(conn, ORDER_CANCELLED, payload, now, now).await?;
    Ok(())
}

/// `5 000 XAF`, `1 250.50 USD`: grouped by thin spaces the way both languages read them.
pub fn format_money(minor: i64, currency: Currency) -> String {
    let amount = Money::from_minor(minor, currency).amount.to_string();
    let (int, frac) = amount.split_once('.').unwrap_or((&amount, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped} {currency}")
    } else {
        format!("{sign}{grouped}.{frac} {currency}")
    }
}

/// The signed payload a ticket's QR code carries (verifiable offline with the public key).
pub fn qr_payload(state: &AppState, ticket: &TicketRow) -> AppResult<String> {
    domain::ticket_token::sign(
        state.settings.ticket_signing_seed(),
        &TicketClaims {
            ticket_id: ticket.id,
            event_id: ticket.event_id,
            code: ticket.code.clone(),
        },
    )
    .map_err(|e| AppError::internal(anyhow::anyhow!("signing ticket {}: {e}", ticket.id)))
}

fn venue(event: &EventRow) -> Option<String> {
    let parts: Vec<&str> = [&event.venue_name, &event.address, &event.city]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// What tickets are printed from, read once per delivery.
struct Printable {
    organizer: String,
    types: Vec<db::ticket_types::TicketTypeRow>,
    items: Vec<db::orders::OrderItemRow>,
    tickets: Vec<TicketRow>,
}

impl Printable {
    async fn load<C: ConnectionTrait>(
        conn: &C,
        scope: OrgScope,
        order: &OrderRow,
    ) -> AppResult<Printable> {
        Ok(Printable {
            organizer: db::orgs::get(conn, scope).await?.name,
            types: db::ticket_types::list(conn, scope, order.event_id).await?,
            items: db::orders::items(conn, scope, order.id).await?,
            tickets: db::tickets::for_order(conn, scope, order.id).await?,
        })
    }

    fn type_name(&self, id: Uuid, lang: Lang) -> String {
        self.types
            .iter()
            .find(|x| x.id == id)
            .map(|x| join(&x.name_en, &x.name_fr).get(lang).to_owned())
            .unwrap_or_default()
    }

    fn valid(&self) -> impl Iterator<Item = &TicketRow> {
        self.tickets.iter().filter(|t| t.status == "valid")
    }

    /// One page per valid ticket, in the order's language.
    fn pdf(&self, state: &AppState, order: &OrderRow, event: &EventRow) -> AppResult<Vec<u8>> {
        let lang = lang_of(order);
        let currency = order_view::currency_of(order);
        let title = join(&event.title_en, &event.title_fr).get(lang).to_owned();
        let when = format_when(event.starts_at, event.ends_at, &event.timezone, lang);
        let mut pages = Vec::new();
        for t in self.valid() {
            let item = self.items.iter().find(|i| i.id == t.order_item_id);
            let unit = item.map_or(0, |i| {
                let q = i64::from(i.quantity.max(1));
                (i.subtotal_minor - i.discount_minor) / q
            });
            pages.push(TicketPage {
                event_title: title.clone(),
                when: when.clone(),
                venue: venue(event),
                attendee: t.attendee_name.clone(),
                ticket_type: self.type_name(t.ticket_type_id, lang),
                code: t.code.clone(),
                order_reference: order.reference.clone(),
                price: format_money(unit, currency),
                qr_payload: qr_payload(state, t)?,
                organizer: self.organizer.clone(),
            });
        }
        Ok(render_pdf(lang, &pages))
    }
}

/// The PDF of an order's valid tickets, in the order's language.
pub async fn tickets_pdf<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    scope: OrgScope,
    order: &OrderRow,
    event: &EventRow,
) -> AppResult<Vec<u8>> {
    Printable::load(conn, scope, order)
        .await?
        .pdf(state, order, event)
}

async fn load(
    state: &AppState,
    org_id: Uuid,
    order_id: Uuid,
) -> AppResult<(OrgScope, OrderRow, EventRow)> {
    // A job acts for the platform on the order it was queued for.
    let scope = OrgScope::for_platform_operation(org_id);
    let order = db::orders::get(&state.db, scope, order_id).await?;
    let event = db::events::get(&state.db, scope, order.event_id).await?;
    Ok((scope, order, event))
}

/// Renders and sends the confirmation email with the PDF attached (worker).
pub async fn deliver(state: &AppState, job: &DeliverOrder) -> anyhow::Result<()> {
    let (scope, order, event) = load(state, job.org_id, job.order_id)
        .await
        .map_err(|e| anyhow::anyhow!("loading order: {e}"))?;
    if order.status != "confirmed" {
        // Cancelled before the email left: nothing to deliver.
        return Ok(());
    }
    let lang = lang_of(&order);
    let printable = Printable::load(&state.db, scope, &order)
        .await
        .map_err(|e| anyhow::anyhow!("loading tickets: {e}"))?;
    let pdf = printable
        .pdf(state, &order, &event)
        .map_err(|e| anyhow::anyhow!("rendering tickets: {e}"))?;
    let message = OrderConfirmation {
        buyer_name: order.buyer_name.clone(),
        event_title: join(&event.title_en, &event.title_fr).get(lang).to_owned(),
        when: format_when(event.starts_at, event.ends_at, &event.timezone, lang),
        venue: venue(&event),
        online_url: event.online_url.clone(),
        reference: order.reference.clone(),
        order_link: mail::link(state, &order_view::page_path(state, order.id)),
        total: format_money(order.total_minor, order_view::currency_of(&order)),
        tickets: printable
            .valid()
            .map(|t| {
                (
                    printable.type_name(t.ticket_type_id, lang),
                    t.attendee_name.clone(),
                    t.code.clone(),
                )
            })
            .collect(),
    };
    let mut email: Email = emails::order_confirmation(lang, &order.buyer_email, &message);
    email.attachments.push(Attachment {
        filename: format!("tickets-{}.pdf", order.reference),
        content_type: "application/pdf".into(),
        bytes: pdf,
    });
    state.mailer.send(&email).await?;
    Ok(())
}

pub async fn notify_cancelled(state: &AppState, job: &OrderCancelled) -> anyhow::Result<()> {
    let (_, order, event) = load(state, job.org_id, job.order_id)
        .await
        .map_err(|e| anyhow::anyhow!("loading order: {e}"))?;
    let lang: Lang = lang_of(&order);
    let email = emails::order_cancelled(
        lang,
        &order.buyer_email,
        &order.buyer_name,
        join(&event.title_en, &event.title_fr).get(lang),
        &order.reference,
        job.reason.as_deref(),
    );
    state.mailer.send(&email).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands_with_their_currency() {
        assert_eq!(format_money(5000, Currency::XAF), "5 000 XAF");
        assert_eq!(format_money(125_050, Currency::USD), "1 250.50 USD");
        assert_eq!(format_money(0, Currency::XOF), "0 XOF");
        assert_eq!(format_money(1_000_000, Currency::UGX), "1 000 000 UGX");
    }
}
