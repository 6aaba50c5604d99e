//! The ticket selection carried from an event page to its checkout: quantities per ticket type
//! and the access code that unlocked hidden types. Kept in `sessionStorage`
//! (`reckot.checkout.<slug>`), so a reload of the checkout keeps it, and it never lands in a URL.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    /// `(ticket_type_id, quantity)`, quantities above zero, in the page's order.
    pub items: Vec<(Uuid, u32)>,
    pub access_code: Option<String>,
}

impl Selection {
    pub fn quantity(&self, id: Uuid) -> u32 {
        self.items
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, q)| *q)
            .unwrap_or(0)
    }

    /// Sets one type's quantity (0 removes it), keeping the others' order.
    pub fn set(&mut self, id: Uuid, quantity: u32) {
        match self.items.iter_mut().find(|(t, _)| *t == id) {
            Some(slot) if quantity > 0 => slot.1 = quantity,
            Some(_) => self.items.retain(|(t, _)| *t != id),
            None if quantity > 0 => self.items.push((id, quantity)),
            None => {}
        }
    }

    pub fn count(&self) -> u32 {
        self.items.iter().map(|(_, q)| q).sum()
    }
}

fn key(slug: &str) -> String {
    format!("reckot.checkout.{slug}")
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load(slug: &str) -> Option<Selection> {
    let text = session()?.get_item(&key(slug)).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save(slug: &str, selection: &Selection) {
    if let (Some(s), Ok(text)) = (session(), serde_json::to_string(selection)) {
        let _ = s.set_item(&key(slug), &text);
    }
}

pub fn clear(slug: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(&key(slug));
    }
}

/// Keeps a quantity within a ticket type's limits: 0, or between `min` and `max`. Stepping up from
/// below the minimum jumps to it; stepping down below it drops to 0.
pub fn snap(wanted: u32, previous: u32, min: u32, max: u32) -> u32 {
    let min = min.max(1);
    if wanted == 0 || max < min {
        return 0;
    }
    if wanted < min {
        return if wanted > previous { min } else { 0 };
    }
    wanted.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_stay_within_the_limits() {
        assert_eq!(snap(1, 0, 2, 10), 2);
        assert_eq!(snap(1, 2, 2, 10), 0);
        assert_eq!(snap(11, 10, 1, 10), 10);
        assert_eq!(snap(3, 0, 1, 0), 0);
        assert_eq!(snap(4, 3, 1, 10), 4);
    }

    #[test]
    fn a_selection_adds_changes_and_removes() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut s = Selection::default();
        s.set(a, 2);
        s.set(b, 1);
        s.set(a, 3);
        assert_eq!(s.items, vec![(a, 3), (b, 1)]);
        s.set(a, 0);
        assert_eq!(s.items, vec![(b, 1)]);
        assert_eq!(s.count(), 1);
    }
}
