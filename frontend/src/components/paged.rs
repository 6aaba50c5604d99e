//! A list read page by page (`Page<T>` with `next_cursor`): its items, the cursor of the next
//! page, whether a page is loading and the last error; and what goes under its table (the
//! loading state, the empty text, "Load more"). A reload (a filter changed) drops the answers of
//! the loads it replaces.

use std::future::Future;

use common::Page;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::button::SECONDARY;
use super::{ErrSignal, Loading};
use crate::api::ApiError;
use crate::i18n::{Tr, t, ui};

/// The table region of a list: scrolls sideways on small screens, focusable to scroll by keys.
pub const REGION: &str = "overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600";

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    pub error: ErrSignal,
    /// Bumped by every load; an answer for an older one is dropped.
    generation: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Default for Paged<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Paged {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(true),
            error: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Loads the first page (replacing the items) or, with `append`, the next one. `fetch` gets
    /// the cursor to pass.
    pub fn load<Fut>(self, append: bool, fetch: impl FnOnce(Option<String>) -> Fut + 'static)
    where
        Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
    {
        let cursor = if append {
            self.next.get_untracked()
        } else {
            None
        };
        if append && cursor.is_none() {
            return;
        }
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = self.generation.get_value();
        self.loading.set(true);
        self.error.set(None);
        spawn_local(async move {
            let result = fetch(cursor).await;
            if self.generation.try_get_value() != Some(mine) {
                return;
            }
            match result {
                Ok(page) => {
                    self.items.update(|l| {
                        if append {
                            l.extend(page.items)
                        } else {
                            *l = page.items
                        }
                    });
                    self.next.set(page.next_cursor);
                }
                Err(e) => {
                    if !append {
                        self.items.set(Vec::new());
                    }
                    self.error.set(Some(e));
                }
            }
            self.loading.set(false);
        });
    }

    /// Replaces the item `same` finds (after an action changed it).
    pub fn replace(self, fresh: T, same: impl Fn(&T, &T) -> bool) {
        self.items.update(|l| {
            if let Some(slot) = l.iter_mut().find(|x| same(x, &fresh)) {
                *slot = fresh;
            }
        });
    }
}

/// Under a list's table: the loading state, `empty` when nothing came, and "Load more" while
/// there is a next page.
#[component]
pub fn PagedFooter<T: Send + Sync + 'static>(
    paged: Paged<T>,
    empty: Tr,
    on_more: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || paged.loading.get()>
            <Loading />
        </Show>
        <Show when=move || !paged.loading.get() && paged.items.with(Vec::is_empty) && paged.error.with(Option::is_none)>
            <p class="text-gray-700">{t(empty)}</p>
        </Show>
        <Show when=move || paged.next.with(Option::is_some) && !paged.loading.get()>
            <button type="button" class=SECONDARY on:click=move |_| on_more.run(())>{t(ui::LOAD_MORE)}</button>
        </Show>
    }
}
