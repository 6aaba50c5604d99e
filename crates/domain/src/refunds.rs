//! Refund rules: what each ticket of an order is worth when given back, who may ask until when,
//! and which status moves are allowed.
//!
//! A ticket is refunded at the price the buyer paid for it: its order line's subtotal less the
//! line's discount, shared equally among the line's tickets (the first tickets carry the
//! indivisible remainder, so the shares add up exactly). The platform fee is not refunded. Each
//! ticket can be in one live refund only, so the refunds of an order never add up to more than
//! what was paid for its tickets.

use common::finance::{RefundStatus, WithdrawalStatus};

/// The refund value of each of a line's `quantity` tickets, in order; they sum to
/// `net_minor` (the line's subtotal less its discount, never negative).
pub fn ticket_shares(net_minor: i64, quantity: u32) -> Vec<i64> {
    if quantity == 0 {
        return Vec::new();
    }
    let net = net_minor.max(0);
    let q = i64::from(quantity);
    let (base, remainder) = (net / q, net % q);
    (0..q).map(|i| base + i64::from(i < remainder)).collect()
}

/// Whether a buyer may still ask for a refund: the event allows buyer requests
/// (`deadline_hours` is set) and its start is more than that many hours away.
/// Times are seconds since the epoch, to keep this crate free of a clock library.
pub fn buyer_window_open(deadline_hours: Option<u32>, starts_at_s: i64, now_s: i64) -> bool {
    deadline_hours.is_some_and(|h| now_s < buyer_deadline_s(h, starts_at_s))
}

/// The last moment (seconds since the epoch) a buyer may ask.
pub fn buyer_deadline_s(deadline_hours: u32, starts_at_s: i64) -> i64 {
    starts_at_s - i64::from(deadline_hours) * 3600
}

/// Allowed refund status moves.
pub fn refund_move_allowed(from: RefundStatus, to: RefundStatus) -> bool {
    use RefundStatus::*;
    matches!(
        (from, to),
        (Requested, Approved)
            | (Requested, Rejected)
            | (Approved, Processing)
            | (Processing, Refunded)
            | (Processing, Failed)
            | (Failed, Processing)
    )
}

/// Allowed withdrawal status moves.
pub fn withdrawal_move_allowed(from: WithdrawalStatus, to: WithdrawalStatus) -> bool {
    use WithdrawalStatus::*;
    matches!(
        (from, to),
        (Requested, Approved)
            | (Requested, Rejected)
            | (Approved, Processing)
            | (Processing, Completed)
            | (Processing, Failed)
    )
}

/// `+237670001234` -> `+237 ••• ••1234`; account numbers -> `•••• 6789`: enough for the owner
/// to recognize, too little to reuse.
pub fn mask_tail(value: &str) -> String {
    let chars: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    let keep = chars.len().min(4);
    let tail: String = chars[chars.len() - keep..].iter().collect();
    let prefix = if chars.first() == Some(&'+') && chars.len() > 8 {
        let cc: String = chars[..4].iter().collect();
        format!("{cc} ")
    } else {
        String::new()
    };
    format!("{prefix}•••• {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_line_of_three_tickets_for_ten_francs_refunds_four_three_and_three() {
        assert_eq!(ticket_shares(10, 3), vec![4, 3, 3]);
        assert_eq!(ticket_shares(5000, 2), vec![2500, 2500]);
        assert_eq!(ticket_shares(0, 2), vec![0, 0]);
        assert!(ticket_shares(100, 0).is_empty());
    }

    #[test]
    fn buyers_may_ask_until_the_deadline_before_the_start() {
        let start = 1_000_000;
        assert!(buyer_window_open(Some(48), start, start - 49 * 3600));
        assert!(!buyer_window_open(Some(48), start, start - 48 * 3600));
        assert!(!buyer_window_open(None, start, 0));
        assert!(buyer_window_open(Some(0), start, start - 1));
        assert!(!buyer_window_open(Some(0), start, start));
    }

    #[test]
    fn a_refund_runs_once_and_only_after_approval() {
        use RefundStatus::*;
        assert!(refund_move_allowed(Requested, Approved));
        assert!(!refund_move_allowed(Requested, Processing));
        assert!(!refund_move_allowed(Refunded, Processing));
        assert!(!refund_move_allowed(Rejected, Approved));
        assert!(refund_move_allowed(Failed, Processing));
    }

    #[test]
    fn a_withdrawal_is_paid_only_after_approval_and_once() {
        use WithdrawalStatus::*;
        assert!(withdrawal_move_allowed(Requested, Approved));
        assert!(!withdrawal_move_allowed(Requested, Processing));
        assert!(!withdrawal_move_allowed(Completed, Processing));
        assert!(!withdrawal_move_allowed(Failed, Processing));
    }

    #[test]
    fn numbers_are_masked_to_their_last_four_digits() {
        assert_eq!(mask_tail("+237670001234"), "+237 •••• 1234");
        assert_eq!(mask_tail("FR76 3000 6000 0112 3456 7890 189"), "•••• 0189");
        assert_eq!(mask_tail("12"), "•••• 12");
    }

    proptest! {
        #[test]
        fn ticket_shares_add_up_to_the_line_and_differ_by_at_most_one(net in 0i64..1_000_000_000, q in 1u32..500) {
            let shares = ticket_shares(net, q);
            prop_assert_eq!(shares.len(), q as usize);
            prop_assert_eq!(shares.iter().sum::<i64>(), net);
            let (min, max) = (shares.iter().min().copied().unwrap_or(0), shares.iter().max().copied().unwrap_or(0));
            prop_assert!(max - min <= 1);
        }
    }
}
