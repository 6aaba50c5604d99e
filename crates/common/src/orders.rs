//! Checkout and bookings: what a buyer sends to reserve tickets, the order they get back (with its
//! price breakdown, hold expiry and, once confirmed, tickets), and the organizer's view of orders.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::admin::FeePayer;
use crate::events::Location;
use crate::{Lang, Localized, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Tickets are held until `expires_at` while the buyer pays.
    Pending,
    Confirmed,
    /// The hold ran out before payment; the tickets went back on sale.
    Expired,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 4] = [
        OrderStatus::Pending,
        OrderStatus::Confirmed,
        OrderStatus::Expired,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Pending => "pending",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Expired => "expired",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who is buying. Signed-in buyers may leave these out: their profile fills them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuyerInput {
    pub name: Option<String>,
    pub email: Option<String>,
    /// Any common format; stored as E.164 (`+237670000000`).
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLineInput {
    pub ticket_type_id: Uuid,
    pub quantity: u32,
    /// Optional attendee name per ticket (at most `quantity` entries; missing ones use the buyer).
    #[serde(default)]
    pub attendees: Vec<Option<String>>,
}

/// `POST /public/events/{slug}/orders`: reserve tickets. Accepts an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrder {
    #[serde(default)]
    pub buyer: BuyerInput,
    pub items: Vec<OrderLineInput>,
    pub coupon_code: Option<String>,
    /// Unlocks hidden ticket types.
    pub access_code: Option<String>,
    /// Language of the emails and PDF; defaults to the request's.
    pub language: Option<Lang>,
}

/// `POST /public/events/{slug}/quote`: the price breakdown without reserving anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteOrder {
    pub items: Vec<OrderLineInput>,
    pub coupon_code: Option<String>,
    pub access_code: Option<String>,
    /// Checked against coupons restricted to listed emails.
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceLine {
    pub ticket_type_id: Uuid,
    pub name: Localized,
    pub quantity: u32,
    pub unit_price: Money,
    /// `unit_price * quantity`.
    pub subtotal: Money,
    pub discount: Money,
    pub fee: Money,
}

/// Every amount the buyer sees before paying. `total = subtotal - discount (+ fee when the buyer
/// pays it)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBreakdown {
    pub lines: Vec<PriceLine>,
    pub subtotal: Money,
    pub discount: Money,
    pub fee: Money,
    pub fee_payer: FeePayer,
    pub total: Money,
    /// The coupon that was applied, normalized.
    pub coupon_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Buyer {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// The event an order is for, as the buyer needs it on the order page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    pub id: Uuid,
    pub slug: String,
    pub title: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    /// `online_url` is filled in once the order is confirmed.
    pub location: Location,
    pub online: bool,
    pub cover_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Valid,
    Cancelled,
    /// Given back through a refund: void at the door.
    Refunded,
}

impl TicketStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Valid => "valid",
            TicketStatus::Cancelled => "cancelled",
            TicketStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<TicketStatus> {
        [
            TicketStatus::Valid,
            TicketStatus::Cancelled,
            TicketStatus::Refunded,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub id: Uuid,
    /// Human-typable: 16 Crockford base32 characters in groups of four (80 random bits).
    pub code: String,
    pub ticket_type_id: Uuid,
    pub ticket_type_name: Localized,
    pub attendee_name: String,
    pub status: TicketStatus,
    /// Signed QR images (the same signed payload as in the PDF).
    pub qr_svg_url: String,
    pub qr_png_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Pending,
    Succeeded,
    Failed,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentStatus> {
        [
            PaymentStatus::Pending,
            PaymentStatus::Succeeded,
            PaymentStatus::Failed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// How the buyer pays: a gateway. Which ones can pay an order is in `Order::payment_methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Development gateway: a page where the buyer approves or declines. Off in production.
    Test,
    /// CamPay (Cameroon, XAF): MTN and Orange mobile money, or its hosted page.
    Campay,
    /// pawaPay: mobile money in about 20 African countries.
    Pawapay,
    /// Flutterwave: hosted checkout (cards, mobile money, ...).
    Flutterwave,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 4] = [
        PaymentMethod::Test,
        PaymentMethod::Campay,
        PaymentMethod::Pawapay,
        PaymentMethod::Flutterwave,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Test => "test",
            PaymentMethod::Campay => "campay",
            PaymentMethod::Pawapay => "pawapay",
            PaymentMethod::Flutterwave => "flutterwave",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: Uuid,
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    pub amount: Money,
    /// Where to send the buyer to pay (the gateway's page), while pending.
    pub redirect_url: Option<String>,
    /// While pending: what the payer dials on their phone to confirm (CamPay's USSD code, e.g.
    /// `*126#`).
    #[serde(default)]
    pub dial_code: Option<String>,
    pub failure_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// `POST /orders/{order_id}/payments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPayment {
    pub method: PaymentMethod,
    /// The mobile-money number to charge (any usual notation, `+237 6 70 00 00 00`); defaults
    /// to the order's phone. Without any, mobile-money gateways send the buyer to their page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The payer's network (`mtn`, `orange`, `airtel`, `moov`, `wave`, `mpesa`, ...); when
    /// absent the gateway works it out from the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

/// An order as its buyer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Uuid,
    /// Short reference printed on tickets and emails, e.g. `RK-7F3K9QXM`.
    pub reference: String,
    pub status: OrderStatus,
    pub event: OrderEvent,
    pub buyer: Buyer,
    pub language: Lang,
    pub price: PriceBreakdown,
    /// While pending: when the hold is released.
    pub expires_at: Option<DateTime<Utc>>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Empty until confirmed.
    pub tickets: Vec<Ticket>,
    pub payments: Vec<Payment>,
    /// While pending: the methods that can pay this order's currency now (empty otherwise).
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    /// Grants access to this order without an account (`?token=`); part of the emailed link.
    pub access_token: String,
    /// The buyer's order page (signed link).
    pub page_url: String,
    /// All tickets as one PDF, once confirmed.
    pub pdf_url: Option<String>,
    /// Refunds asked for on this order, newest first.
    #[serde(default)]
    pub refunds: Vec<crate::finance::Refund>,
    /// Until when the buyer may ask for a refund (`None`: the event's policy allows none now).
    #[serde(default)]
    pub refundable_until: Option<DateTime<Utc>>,
}

/// `?token=` on buyer order routes: the order's signed access token (not needed when signed in as
/// the buyer).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct OrderAccess {
    pub token: Option<String>,
}

/// What the test gateway's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestGatewayPayment {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_reference: String,
    pub event_title: Localized,
    pub amount: Money,
    pub status: PaymentStatus,
    /// Where to send the buyer back to (their order page).
    pub return_url: String,
}

// ---- organizer side ----

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: Uuid,
    pub reference: String,
    pub event_id: Uuid,
    pub status: OrderStatus,
    pub buyer: Buyer,
    pub tickets: u32,
    pub total: Money,
    pub coupon_code: Option<String>,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListOrdersQuery {
    pub status: Option<OrderStatus>,
    /// Orders containing this ticket type.
    pub ticket_type_id: Option<Uuid>,
    /// Created on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Created on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Buyer name or email (contains), order reference or ticket code (exact).
    pub q: Option<String>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Buyer,
    Organizer,
    #[default]
    System,
    Gateway,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Buyer => "buyer",
            ActorKind::Organizer => "organizer",
            ActorKind::System => "system",
            ActorKind::Gateway => "gateway",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        [
            ActorKind::Buyer,
            ActorKind::Organizer,
            ActorKind::System,
            ActorKind::Gateway,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// One line of an order's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderHistoryEntry {
    pub at: DateTime<Utc>,
    /// Stable snake_case: `created`, `confirmed`, `expired`, `cancelled`, `hold_extended`,
    /// `payment_started`, `payment_failed`, `tickets_resent`.
    pub kind: String,
    pub from_status: Option<OrderStatus>,
    pub to_status: Option<OrderStatus>,
    pub actor: ActorKind,
    /// The organizer member's name, when an organizer acted.
    pub actor_name: Option<String>,
    /// Free text (a cancellation reason, a decline reason), except: `hold_extended` carries the
    /// new expiry (RFC 3339) and `payment_started` the payment method's wire name.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDetail {
    pub order: Order,
    pub history: Vec<OrderHistoryEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelOrder {
    pub reason: Option<String>,
}
