//! What buyers see: the checkout (`/e/:slug/checkout`), the order page (`/orders/:order_id`,
//! with refund requests), the test gateway (`/pay/test/:payment_id`) and "My tickets"
//! (`/me/tickets`).

pub mod checkout;
pub mod checkout_form;
pub mod checkout_lines;
pub mod gateway;
pub mod invoices;
pub mod mine;
pub mod order;
pub mod order_parts;
pub mod refunds;
pub mod ticket_cards;
