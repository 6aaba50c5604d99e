//! Whether a ticket type can be bought right now, and how much of it is left to show.

use common::public::SaleState;

/// Below this many, buyers see the exact count ("3 left"); above, just "available".
pub const SHOW_EXACT_BELOW: u32 = 10;

/// The counters that limit a ticket type: its own, and its capacity group's if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stock {
    pub quantity: u32,
    pub sold: u32,
    pub held: u32,
    /// (capacity, sold, held) of the shared group.
    pub group: Option<(u32, u32, u32)>,
}

impl Stock {
    /// Tickets that can still be sold: the tighter of the type's and the group's limits.
    pub fn remaining(&self) -> u32 {
        let own = self
            .quantity
            .saturating_sub(self.sold.saturating_add(self.held));
        match self.group {
            Some((capacity, sold, held)) => {
                own.min(capacity.saturating_sub(sold.saturating_add(held)))
            }
            None => own,
        }
    }
}

/// Times are seconds since the epoch, so this stays free of any clock or time library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub now: i64,
    pub sale_starts_at: Option<i64>,
    pub sale_ends_at: Option<i64>,
    pub event_ends_at: i64,
    /// Cancelled events sell nothing.
    pub event_cancelled: bool,
}

pub fn sale_state(window: Window, stock: Stock) -> SaleState {
    let over = window.event_cancelled
        || window.now >= window.event_ends_at
        || window.sale_ends_at.is_some_and(|end| window.now >= end);
    if over {
        SaleState::Ended
    } else if window
        .sale_starts_at
        .is_some_and(|start| window.now < start)
    {
        SaleState::NotYetOnSale
    } else if stock.remaining() == 0 {
        SaleState::SoldOut
    } else {
        SaleState::OnSale
    }
}

/// What a buyer is told: the exact number when few are left, else nothing ("available").
pub fn shown_remaining(state: SaleState, stock: Stock) -> Option<u32> {
    match state {
        SaleState::SoldOut => Some(0),
        SaleState::OnSale | SaleState::NotYetOnSale if stock.remaining() <= SHOW_EXACT_BELOW => {
            Some(stock.remaining())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn window(now: i64) -> Window {
        Window {
            now,
            sale_starts_at: Some(100),
            sale_ends_at: Some(200),
            event_ends_at: 300,
            event_cancelled: false,
        }
    }

    fn stock(quantity: u32, sold: u32) -> Stock {
        Stock {
            quantity,
            sold,
            held: 0,
            group: None,
        }
    }

    #[test]
    fn the_sale_window_decides_before_the_stock() {
        assert_eq!(
            sale_state(window(50), stock(10, 10)),
            SaleState::NotYetOnSale
        );
        assert_eq!(sale_state(window(150), stock(10, 3)), SaleState::OnSale);
        assert_eq!(sale_state(window(150), stock(10, 10)), SaleState::SoldOut);
        assert_eq!(sale_state(window(250), stock(10, 3)), SaleState::Ended);
    }

    #[test]
    fn a_cancelled_or_finished_event_sells_nothing() {
        let mut w = window(150);
        w.event_cancelled = true;
        assert_eq!(sale_state(w, stock(10, 0)), SaleState::Ended);
        let w = Window {
            now: 400,
            sale_starts_at: None,
            sale_ends_at: None,
            event_ends_at: 300,
            event_cancelled: false,
        };
        assert_eq!(sale_state(w, stock(10, 0)), SaleState::Ended);
    }

    #[test]
    fn a_shared_group_can_sell_out_a_type_that_still_has_its_own_stock() {
        let s = Stock {
            quantity: 100,
            sold: 10,
            held: 0,
            group: Some((50, 45, 5)),
        };
        assert_eq!(s.remaining(), 0);
        assert_eq!(sale_state(window(150), s), SaleState::SoldOut);
    }

    #[test]
    fn exact_counts_are_shown_only_when_few_are_left() {
        assert_eq!(shown_remaining(SaleState::OnSale, stock(100, 95)), Some(5));
        assert_eq!(shown_remaining(SaleState::OnSale, stock(100, 10)), None);
        assert_eq!(
            shown_remaining(SaleState::SoldOut, stock(100, 100)),
            Some(0)
        );
        assert_eq!(shown_remaining(SaleState::Ended, stock(100, 99)), None);
    }

    proptest! {
        #[test]
        fn remaining_never_exceeds_either_limit(q in 0u32..1000, s in 0u32..1000, h in 0u32..1000, gc in 0u32..1000, gs in 0u32..1000, gh in 0u32..1000) {
            let st = Stock { quantity: q, sold: s, held: h, group: Some((gc, gs, gh)) };
            prop_assert!(st.remaining() <= q.saturating_sub(s + h));
            prop_assert!(st.remaining() <= gc.saturating_sub(gs + gh));
        }
    }
}
