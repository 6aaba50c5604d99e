//! Money after the sale: each organization's ledger and balances, refunds to buyers and
//! withdrawals to organizers. Amounts are `Money` (decimal strings exact for the currency).
//!
//! The ledger is append-only; balances are sums over it:
//! - `pending`: sales not yet settled by the gateways (they become available after the
//!   settlement delay),
//! - `available`: what may be withdrawn now (withdrawals in flight are already taken off),
//! - `paid_out`: what completed withdrawals sent out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Currency, Money};

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

wire_enum!(
    /// What moved money in or out of an organization's balance.
    LedgerEntryKind {
        /// A paid order: what the buyer paid.
        Sale = "sale",
        /// The platform's fee on a sale (negative).
        PlatformFee = "platform_fee",
        /// Money given back to a buyer (negative).
        Refund = "refund",
        /// A withdrawal, taken off when requested (negative).
        Payout = "payout",
        /// A withdrawal that was rejected or failed: its amount comes back.
        PayoutReversal = "payout_reversal",
        /// A correction by the platform.
        Adjustment = "adjustment",
    }
);

wire_enum!(
    /// `requested` -> `approved` | `rejected`; `approved` -> `processing` -> `refunded` | `failed`;
    /// a failed refund can be retried (`failed` -> `processing`).
    RefundStatus {
        Requested = "requested",
        Approved = "approved",
        Rejected = "rejected",
        Processing = "processing",
        Refunded = "refunded",
        Failed = "failed",
    }
);

wire_enum!(
    /// `requested` -> `approved` | `rejected`; `approved` -> `processing` -> `completed` |
    /// `failed`. Rejected and failed withdrawals give their amount back to the balance.
    WithdrawalStatus {
        Requested = "requested",
        Approved = "approved",
        Rejected = "rejected",
        Processing = "processing",
        Completed = "completed",
        Failed = "failed",
    }
);

wire_enum!(
    /// Who asked for a refund.
    RefundRequester {
        Buyer = "buyer",
        Organizer = "organizer",
        /// The platform itself: a payment that arrived after its tickets were sold to others.
        System = "system",
    }
);

/// One currency's balance of an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balance {
    pub currency: Currency,
    pub pending: Money,
    pub available: Money,
    pub paid_out: Money,
    /// The smallest and largest withdrawal allowed in this currency (`None`: no maximum).
    pub withdrawal_minimum: Money,
    pub withdrawal_maximum: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    pub id: Uuid,
    pub kind: LedgerEntryKind,
    /// Signed: positive adds to the balance.
    pub amount: Money,
    /// When it counts as available (sales: after the settlement delay).
    pub available_at: DateTime<Utc>,
    pub order_id: Option<Uuid>,
    pub order_reference: Option<String>,
    pub refund_id: Option<Uuid>,
    pub withdrawal_id: Option<Uuid>,
    pub memo: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListLedgerQuery {
    pub currency: Option<Currency>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

// ---- refunds ----

/// `POST /orders/{order_id}/refunds` (buyer) or `/orgs/{org_id}/orders/{order_id}/refunds`
/// (organizer). Accepts an `Idempotency-Key` header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRefund {
    /// The tickets to refund; empty or absent: every ticket not refunded yet.
    #[serde(default)]
    pub ticket_ids: Vec<Uuid>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refund {
    pub id: Uuid,
    pub org_id: Uuid,
    pub order_id: Uuid,
    pub order_reference: String,
    pub status: RefundStatus,
    pub requested_by: RefundRequester,
    /// What goes back to the buyer: the price paid for these tickets (the platform fee a buyer
    /// paid is not refunded).
    pub amount: Money,
    pub ticket_ids: Vec<Uuid>,
    pub reason: Option<String>,
    /// Why it was rejected or why it failed.
    pub decision_note: Option<String>,
    pub failure_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListRefundsQuery {
    pub status: Option<RefundStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Approve or reject a refund or a withdrawal (platform admins).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDecision {
    /// Shown to the requester; required when rejecting.
    pub note: Option<String>,
}

// ---- withdrawals ----

wire_enum!(
    /// Where a withdrawal is paid.
    DestinationKind {
        /// A mobile-money account: paid out through a gateway.
        MobileMoney = "mobile_money",
        /// A bank account: paid by the platform's bank, then marked completed by an admin.
        BankAccount = "bank_account",
    }
);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayoutDestination {
    pub kind: Option<DestinationKind>,
    /// Mobile money: the number, any usual notation.
    pub phone: Option<String>,
    /// Mobile money: `mtn`, `orange`, ...; worked out from the number when absent.
    pub operator: Option<String>,
    /// Bank account: holder, bank and account number (IBAN or local).
    pub account_name: Option<String>,
    pub bank_name: Option<String>,
    pub account_number: Option<String>,
}

/// `POST /orgs/{org_id}/withdrawals`. Accepts an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateWithdrawal {
    pub amount: Money,
    pub destination: PayoutDestination,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Withdrawal {
    pub id: Uuid,
    pub org_id: Uuid,
    pub org_name: String,
    pub status: WithdrawalStatus,
    pub amount: Money,
    pub destination_kind: DestinationKind,
    /// The destination with the number masked (`+237 6•• ••• 123`, `•••• 6789`).
    pub destination_label: String,
    pub requested_by_name: Option<String>,
    pub decision_note: Option<String>,
    pub failure_reason: Option<String>,
    /// The gateway's or the bank's reference once paid.
    pub payout_reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListWithdrawalsQuery {
    pub status: Option<WithdrawalStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// `POST /admin/withdrawals/{id}/complete`: a bank transfer was made by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompleteWithdrawal {
    /// The bank's reference for the transfer.
    pub reference: String,
}

// ---- background jobs (admin) ----

wire_enum!(
    JobStatus {
        Pending = "pending",
        Done = "done",
        Failed = "failed",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminJob {
    pub id: Uuid,
    pub kind: String,
    pub status: JobStatus,
    pub attempts: u32,
    pub max_attempts: u32,
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ListJobsQuery {
    pub status: Option<JobStatus>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

// ---- payments that need a person ----

/// A payment still pending long after it started (`PAYMENT_STUCK_AFTER_MINUTES`): neither a
/// webhook nor reconciliation has settled it, so the organizer should look (call the buyer,
/// check the gateway's dashboard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StuckPayment {
    pub payment: crate::orders::Payment,
    pub order_id: Uuid,
    pub order_reference: String,
    pub event_id: Uuid,
    pub buyer: crate::orders::Buyer,
}
