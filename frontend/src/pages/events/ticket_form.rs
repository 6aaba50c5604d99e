//! The ticket type form ("Add ticket type", or editing one): names in English and French, price
//! in the event's currency (no decimals for XAF, XOF, UGX, RWF), quantity, sale window in the
//! event's time zone, per-order limits, access code (hidden type), capacity group and "Active".

use chrono::{DateTime, Utc};
use common::events::{CapacityGroup, CreateTicketType, TicketType, UpdateTicketType};
use common::{Currency, Localized, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::button::{PRIMARY, SECONDARY};
use crate::components::{CheckboxField, ErrSignal, ErrorAlert, Flash, SelectField, TextField};
use crate::i18n::{events as ev, t, ui, use_lang};
use crate::money::{amount_input, parse_amount};
use crate::time::{input_to_utc, utc_to_input, zone_label};

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Fields {
    name_en: RwSignal<String>,
    name_fr: RwSignal<String>,
    price: RwSignal<String>,
    quantity: RwSignal<String>,
    sale_starts: RwSignal<String>,
    sale_ends: RwSignal<String>,
    min: RwSignal<String>,
    max: RwSignal<String>,
    code: RwSignal<String>,
    group: RwSignal<String>,
    active: RwSignal<bool>,
}

/// The checked values of the form.
struct Parsed {
    name: Localized,
    price: Money,
    quantity: u32,
    sale_starts_at: Option<DateTime<Utc>>,
    sale_ends_at: Option<DateTime<Utc>>,
    min: u32,
    max: u32,
    code: Option<String>,
    group: Option<Uuid>,
    active: bool,
}

impl Fields {
    fn new() -> Fields {
        let s = |v: &str| RwSignal::new(v.to_owned());
        Fields {
            name_en: s(""),
            name_fr: s(""),
            price: s(""),
            quantity: s(""),
            sale_starts: s(""),
            sale_ends: s(""),
            min: s("1"),
            max: s("10"),
            code: s(""),
            group: s(""),
            active: RwSignal::new(true),
        }
    }

    fn fill(&self, t: Option<&TicketType>, tz: &str) {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let when = |v: &Option<DateTime<Utc>>| v.map(|d| utc_to_input(&d, tz)).unwrap_or_default();
        match t {
            Some(t) => {
                self.name_en.set(text(&t.name.en));
                self.name_fr.set(text(&t.name.fr));
                self.price.set(amount_input(&t.price));
                self.quantity.set(t.quantity.to_string());
                self.sale_starts.set(when(&t.sale_starts_at));
                self.sale_ends.set(when(&t.sale_ends_at));
                self.min.set(t.min_per_order.to_string());
                self.max.set(t.max_per_order.to_string());
                self.code.set(text(&t.access_code));
                self.group.set(
                    t.capacity_group_id
                        .map(|g| g.to_string())
                        .unwrap_or_default(),
                );
                self.active.set(t.active);
            }
            None => {
                for s in [
                    self.name_en,
                    self.name_fr,
                    self.price,
                    self.quantity,
                    self.sale_starts,
                    self.sale_ends,
                    self.code,
                    self.group,
                ] {
                    s.set(String::new());
                }
                self.min.set("1".into());
                self.max.set("10".into());
                self.active.set(true);
            }
        }
    }

    /// Checks everything; the problems are `(field, code)` as the API names them.
    fn parse(
        &self,
        currency: Currency,
        tz: &str,
    ) -> Result<Parsed, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let opt = |s: RwSignal<String>| {
            let v = s.get_untracked().trim().to_owned();
            (!v.is_empty()).then_some(v)
        };
        let name = Localized {
            en: opt(self.name_en),
            fr: opt(self.name_fr),
        };
        if name.is_empty() {
            problems.push(("name", "required"));
        }
        let amount = match parse_amount(&self.price.get_untracked(), currency) {
            Ok(a) => Some(a),
            Err(code) => {
                problems.push(("price.amount", code));
                None
            }
        };
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let quantity = number(self.quantity);
        if quantity.is_none() {
            problems.push(("quantity", "invalid_number"));
        }
        let min = number(self.min);
        match min {
            None => problems.push(("min_per_order", "invalid_number")),
            Some(0) => problems.push(("min_per_order", "too_small")),
            Some(_) => {}
        }
        let max = number(self.max);
        match (min, max) {
            (_, None) => problems.push(("max_per_order", "invalid_number")),
            (Some(lo), Some(hi)) if hi < lo => problems.push(("max_per_order", "max_below_min")),
            _ => {}
        }
        let when = |s: RwSignal<String>, field: &'static str, problems: &mut Vec<(&str, &str)>| {
            let v = s.get_untracked();
            if v.trim().is_empty() {
                return None;
            }
            let at = input_to_utc(&v, tz);
            if at.is_none() {
                problems.push((field, "invalid_date"));
            }
            at
        };
        let sale_starts_at = when(self.sale_starts, "sale_starts_at", &mut problems);
        let sale_ends_at = when(self.sale_ends, "sale_ends_at", &mut problems);
        if let (Some(a), Some(b)) = (sale_starts_at, sale_ends_at)
            && b <= a
        {
            problems.push(("sale_ends_at", "before_start"));
        }
        let (Some(amount), Some(quantity), Some(min), Some(max), true) =
            (amount, quantity, min, max, problems.is_empty())
        else {
            return Err(problems);
        };
        Ok(Parsed {
            name,
            price: Money { amount, currency },
            quantity,
            sale_starts_at,
            sale_ends_at,
            min,
            max,
            code: opt(self.code),
            group: Uuid::parse_str(&self.group.get_untracked()).ok(),
            active: self.active.get_untracked(),
        })
    }
}

#[component]
pub fn TicketForm(
    org_id: Uuid,
    event_id: Uuid,
    #[prop(into)] currency: Signal<Currency>,
    #[prop(into)] timezone: Signal<String>,
    groups: RwSignal<Vec<CapacityGroup>>,
    /// The ticket type being edited; `None` adds a new one.
    editing: RwSignal<Option<TicketType>>,
    on_saved: Callback<(TicketType, bool)>,
    flash: RwSignal<Option<Flash>>,
) -> impl IntoView {
    let lang = use_lang();
    let f = Fields::new();
    let error: ErrSignal = RwSignal::new(None);
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        let tz = timezone.get_untracked();
        editing.with(|t| f.fill(t.as_ref(), &tz));
        error.set(None);
    });
    let is_edit = move || editing.with(Option::is_some);
    let price_hint = Signal::derive(move || {
        let c = currency.get();
        let tr = if c.minor_units() == 0 {
            ev::PRICE_HINT_WHOLE
        } else {
            ev::PRICE_HINT_DECIMAL
        };
        tr.fill(lang.get(), &[("currency", c.code())])
    });
    let window_hint = Signal::derive(move || {
        ev::SALE_WINDOW_HINT.fill(lang.get(), &[("tz", &zone_label(&timezone.get()))])
    });
    let group_options = Signal::derive(move || {
        let l = lang.get();
        let mut v = vec![(String::new(), ev::NO_GROUP.get(l).to_owned())];
        v.extend(groups.get().into_iter().map(|g| (g.id.to_string(), g.name)));
        v
    });

    let on_submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if pending.get_untracked() {
            return;
        }
        flash.set(None);
        let parsed = match f.parse(currency.get_untracked(), &timezone.get_untracked()) {
            Ok(p) => p,
            Err(problems) => {
                error.set(ApiError::invalid(&problems));
                return;
            }
        };
        error.set(None);
        pending.set(true);
        let current = editing.get_untracked();
        spawn_local(async move {
            let result = match &current {
                None => {
                    let body = CreateTicketType {
                        name: parsed.name,
                        description: Localized::default(),
                        price: parsed.price,
                        quantity: parsed.quantity,
                        sale_starts_at: parsed.sale_starts_at,
                        sale_ends_at: parsed.sale_ends_at,
                        min_per_order: parsed.min,
                        max_per_order: parsed.max,
                        access_code: parsed.code,
                        sort_order: 0,
                        active: parsed.active,
                        capacity_group_id: parsed.group,
                    };
                    api::events::create_ticket_type(org_id, event_id, &body).await
                }
                Some(t) => {
                    let body = UpdateTicketType {
                        name: Some(parsed.name),
                        description: None,
                        price: Some(parsed.price),
                        quantity: Some(parsed.quantity),
                        sale_starts_at: Some(parsed.sale_starts_at),
                        sale_ends_at: Some(parsed.sale_ends_at),
                        min_per_order: Some(parsed.min),
                        max_per_order: Some(parsed.max),
                        access_code: Some(parsed.code),
                        sort_order: None,
                        active: Some(parsed.active),
                        capacity_group_id: Some(parsed.group),
                    };
                    api::events::update_ticket_type(org_id, event_id, t.id, &body).await
                }
            };
            match result {
                Ok(saved) => {
                    let was_new = current.is_none();
                    if was_new {
                        f.fill(None, "");
                    } else {
                        editing.set(None);
                    }
                    on_saved.run((saved, was_new));
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    view! {
        <form id="ticket-form" class="space-y-4 rounded-lg border border-gray-200 bg-gray-50 p-4" novalidate=true on:submit=on_submit>
            <h3 class="text-base font-semibold text-gray-900">
                {move || if is_edit() { t(ev::EDIT_TICKET_TYPE)() } else { t(ev::ADD_TICKET_TYPE)() }}
            </h3>
            <ErrorAlert error />
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField id="ticket-name-en" label=ev::NAME_EN value=f.name_en field="name" error />
                <TextField id="ticket-name-fr" label=ev::NAME_FR value=f.name_fr field="name" error />
                <TextField id="ticket-price" label=ev::PRICE value=f.price field="price.amount" error inputmode="decimal" hint_text=price_hint />
                <TextField id="ticket-quantity" label=ev::QUANTITY value=f.quantity field="quantity" error kind="number" inputmode="numeric" min="0" />
                <TextField id="ticket-sale-starts" label=ev::SALE_STARTS value=f.sale_starts field="sale_starts_at" error kind="datetime-local" hint_text=window_hint />
                <TextField id="ticket-sale-ends" label=ev::SALE_ENDS value=f.sale_ends field="sale_ends_at" error kind="datetime-local" hint_text=window_hint />
                <TextField id="ticket-min" label=ev::MIN_PER_ORDER value=f.min field="min_per_order" error kind="number" inputmode="numeric" min="1" />
                <TextField id="ticket-max" label=ev::MAX_PER_ORDER value=f.max field="max_per_order" error kind="number" inputmode="numeric" min="1" />
                <TextField id="ticket-code" label=ev::ACCESS_CODE value=f.code field="access_code" error hint=ev::ACCESS_CODE_HINT autocomplete="off" />
                <SelectField id="ticket-group" label=ev::CAPACITY_GROUP value=f.group options=group_options field="capacity_group_id" error />
            </div>
            <CheckboxField id="ticket-active" label=ev::ACTIVE checked=f.active hint=ev::ACTIVE_HINT />
            <div class="flex flex-wrap gap-3">
                <button type="submit" class=PRIMARY disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || {
                        if pending.get() {
                            t(ui::SAVING)()
                        } else if is_edit() {
                            t(ev::SAVE_TICKET_TYPE)()
                        } else {
                            t(ev::ADD_TICKET_TYPE)()
                        }
                    }}
                </button>
                <Show when=is_edit>
                    <button type="button" class=SECONDARY on:click=move |_| editing.set(None)>{t(ui::CANCEL)}</button>
                </Show>
            </div>
        </form>
    }
}
