//! Who pays by mobile money: the number and operator a buyer gives when starting a payment,
//! checked with the gateways' own number rules before anything reaches a gateway.

use common::orders::StartPayment;
use integrations::payments::msisdn;
use integrations::payments::{Country, Operator};

use crate::error::{AppError, AppResult};

/// The number to charge (the one given, else the order's) and the operator, checked before
/// anything reaches a gateway.
pub(super) fn payer(
    input: &StartPayment,
    order_phone: Option<&str>,
    currency: &str,
) -> AppResult<(Option<String>, Option<Operator>)> {
    let home = Country::for_currency(currency).unwrap_or(Country::CAMEROON);
    let phone = match input
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(given) => Some(
            msisdn::normalize(given, home)
                .map_err(|e| AppError::field("phone", "invalid_phone", &e.to_string()))?,
        ),
        None => order_phone.map(str::to_owned),
    };
    let operator = match input
        .operator
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        Some(name) => Some(Operator::parse(name).ok_or_else(|| {
            AppError::field(
                "operator",
                "unknown_operator",
                "unknown mobile-money operator",
            )
        })?),
        None => None,
    };
    if operator.is_some() && phone.is_none() {
        return Err(AppError::field(
            "phone",
            "required",
            "a phone number is needed with an operator",
        ));
    }
    Ok((phone, operator))
}
