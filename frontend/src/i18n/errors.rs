//! Messages for API errors: a problem's `code` (via `ErrorCode::title`) and field-error codes.

use common::{ErrorCode, FieldError, Lang};

use super::{Tr, ui};
use crate::api::ApiError;

/// The message for a whole failed call, in the reader's language.
pub fn error_text(err: &ApiError, lang: Lang) -> String {
    match err {
        ApiError::Problem(p) => match code_text(p.code) {
            Some(tr) => tr.get(lang).to_owned(),
            None => p.code.title(lang).to_owned(),
        },
        ApiError::Network(_) => ui::NETWORK_ERROR.get(lang).to_owned(),
    }
}

/// Codes the buyer can act on, said with what to do next (others use the code's title).
fn code_text(code: ErrorCode) -> Option<Tr> {
    Some(match code {
        ErrorCode::SoldOut => Tr(
            "Not enough tickets left for your selection. Lower the quantities and try again.",
            "Il ne reste pas assez de billets pour votre sélection. Réduisez les quantités et réessayez.",
        ),
        ErrorCode::HoldExpired => Tr(
            "Your reservation has expired. Choose your tickets again.",
            "Votre réservation a expiré. Choisissez à nouveau vos billets.",
        ),
        ErrorCode::HoldLimitReached => Tr(
            "You already hold as many tickets as allowed at once. Pay for or cancel your other orders first.",
            "Vous réservez déjà le nombre maximal de billets. Payez ou annulez d'abord vos autres commandes.",
        ),
        ErrorCode::CouponInvalid => Tr(
            "This coupon cannot be used for this order.",
            "Ce code promo n'est pas valable pour cette commande.",
        ),
        ErrorCode::CouponExhausted => Tr(
            "This coupon has been used up.",
            "Ce code promo a déjà été entièrement utilisé.",
        ),
        ErrorCode::PaymentDeclined => Tr(
            "Payment declined – try again.",
            "Paiement refusé – veuillez réessayer.",
        ),
        ErrorCode::IdempotencyConflict => Tr(
            "Your order is still being processed. Wait a moment, then try again.",
            "Votre commande est encore en cours de traitement. Patientez un instant, puis réessayez.",
        ),
        ErrorCode::InsufficientBalance => Tr(
            "The available balance is not enough for this withdrawal. Lower the amount.",
            "Le solde disponible ne suffit pas pour ce retrait. Réduisez le montant.",
        ),
        ErrorCode::RefundWindowClosed => Tr(
            "Refunds can no longer be requested for this event. Contact the organizer.",
            "Il n'est plus possible de demander un remboursement pour cet événement. Contactez l'organisateur.",
        ),
        ErrorCode::NothingToRefund => Tr(
            "These tickets are already refunded, or a refund is under way.",
            "Ces billets sont déjà remboursés, ou un remboursement est en cours.",
        ),
        ErrorCode::IdempotencyKeyReused => Tr(
            "Your order changed while it was being sent. Please send it again.",
            "Votre commande a changé pendant l'envoi. Veuillez la renvoyer.",
        ),
        _ => return None,
    })
}

/// The message shown under a field.
pub fn field_error_text(fe: &FieldError, lang: Lang) -> String {
    let text = match field_specific(&fe.field, &fe.code).or_else(|| field_code(&fe.code)) {
        Some(tr) => tr.get(lang).to_owned(),
        None if !fe.message.is_empty() => return fe.message.clone(),
        None => return GENERIC.get(lang).to_owned(),
    };
    // Code checks (custom CSS) say where: "line 3: …".
    match line_of(&fe.message) {
        Some(n) => format!("{text} ({} {n})", lang.pick("line", "ligne")),
        None => text,
    }
}

/// `3` from a message starting `line 3:` (line 0 means the whole text).
fn line_of(message: &str) -> Option<u32> {
    let rest = message.strip_prefix("line ")?;
    let (n, _) = rest.split_once(':')?;
    n.trim().parse().ok().filter(|n| *n > 0)
}

/// Codes whose usual text does not fit one field.
fn field_specific(field: &str, code: &str) -> Option<Tr> {
    Some(match (field, code) {
        // A withdrawal's amount (the usual text is about coupons' orders).
        ("amount", "above_maximum") => Tr(
            "Above the largest withdrawal allowed",
            "Au-delà du plus gros retrait autorisé",
        ),
        ("amount", "below_minimum") => Tr(
            "Below the smallest withdrawal allowed",
            "En dessous du plus petit retrait autorisé",
        ),
        // A payment gateway's configuration (Admin › Payment gateways).
        ("credentials", "incomplete") => Tr(
            "Incomplete or invalid credentials: a secret is missing its pair, or a URL does not start with http:// or https://",
            "Identifiants incomplets ou invalides : il manque une partie d'un secret, ou une URL ne commence pas par http:// ou https://",
        ),
        ("credentials", "required") => Tr(
            "Enter the credentials this gateway needs before switching it on",
            "Saisissez les identifiants dont cette passerelle a besoin avant de l'activer",
        ),
        _ => return None,
    })
}

const GENERIC: Tr = Tr(
    "This value is not accepted",
    "Cette valeur n'est pas acceptée",
);

fn field_code(code: &str) -> Option<Tr> {
    Some(match code {
        "required" => Tr("This field is required", "Ce champ est obligatoire"),
        "invalid_email" => Tr(
            "Enter a valid email address",
            "Saisissez une adresse e-mail valide",
        ),
        "password_length" => Tr(
            "Use 10 to 128 characters",
            "Utilisez de 10 à 128 caractères",
        ),
        "length" => Tr("Too short or too long", "Trop court ou trop long"),
        "too_long" => Tr("Too long", "Trop long"),
        "too_short" => Tr("Too short", "Trop court"),
        "invalid_country" => Tr(
            "Choose a country from the list",
            "Choisissez un pays dans la liste",
        ),
        "invalid_currency" => Tr(
            "Choose a currency from the list",
            "Choisissez une devise dans la liste",
        ),
        "invalid_phone" => Tr(
            "Use the international format, e.g. +237670000000",
            "Utilisez le format international, ex. +237670000000",
        ),
        "slug_invalid" => Tr(
            "Use 3 to 60 lowercase letters, digits and dashes",
            "Utilisez de 3 à 60 lettres minuscules, chiffres et tirets",
        ),
        "slug_taken" => Tr(
            ErrorCode::SlugTaken.title(Lang::En),
            ErrorCode::SlugTaken.title(Lang::Fr),
        ),
        "email_taken" => Tr(
            ErrorCode::EmailTaken.title(Lang::En),
            ErrorCode::EmailTaken.title(Lang::Fr),
        ),
        "already_member" => Tr(
            ErrorCode::AlreadyMember.title(Lang::En),
            ErrorCode::AlreadyMember.title(Lang::Fr),
        ),
        "already_invited" => Tr(
            "This address already has a pending invitation",
            "Cette adresse a déjà une invitation en attente",
        ),
        "invalid_role" => Tr(
            "Choose a role from the list",
            "Choisissez un rôle dans la liste",
        ),
        "invalid_number" => Tr("Enter a number, e.g. 2.5", "Saisissez un nombre, ex. 2,5"),
        "too_precise" => Tr(
            "Too many decimals for this currency",
            "Trop de décimales pour cette devise",
        ),
        "out_of_range" => Tr(
            "This value is out of range",
            "Cette valeur est hors limites",
        ),
        "before_start" => Tr("Must be after the start", "Doit être après le début"),
        "after_event" => Tr(
            "Sales must end by the end of the event",
            "Les ventes doivent finir avant la fin de l'événement",
        ),
        "in_past" => Tr("This date is in the past", "Cette date est passée"),
        "invalid_timezone" => Tr(
            "Choose a time zone from the list",
            "Choisissez un fuseau horaire dans la liste",
        ),
        "invalid_url" => Tr(
            "Use a link starting with https://",
            "Utilisez un lien commençant par https://",
        ),
        "invalid_color" => Tr(
            "Use a color such as #0f766e",
            "Utilisez une couleur comme #0f766e",
        ),
        "incomplete" => Tr(
            "Give both latitude and longitude",
            "Indiquez la latitude et la longitude",
        ),
        "parse_error" => Tr(
            "This CSS cannot be read: check braces and semicolons",
            "Ce CSS est illisible : vérifiez les accolades et les points-virgules",
        ),
        "import_not_allowed" => Tr("@import is not allowed", "@import n'est pas autorisé"),
        "external_url" => Tr(
            "Links to other sites are not allowed in the CSS",
            "Les liens vers d'autres sites ne sont pas autorisés dans le CSS",
        ),
        "too_large" => Tr("Too large", "Trop grand"),
        "at_rule_not_allowed" => Tr(
            "This @ rule is not allowed",
            "Cette règle @ n'est pas autorisée",
        ),
        "selector_outside_scope" => Tr(
            "Selectors cannot reach outside the event page (html, body, :root)",
            "Les sélecteurs ne peuvent pas sortir de la page de l'événement (html, body, :root)",
        ),
        "invalid_scope" => Tr(
            "This selector cannot be used here",
            "Ce sélecteur ne peut pas être utilisé ici",
        ),
        "too_small" => Tr("Too small", "Trop petit"),
        "negative" => Tr("Cannot be negative", "Ne peut pas être négatif"),
        "below_sold" => Tr(
            "Lower than what is already sold or held",
            "Inférieur à ce qui est déjà vendu ou réservé",
        ),
        "currency_mismatch" => Tr(
            "Prices are in the event's currency",
            "Les prix sont dans la devise de l'événement",
        ),
        "has_priced_tickets" => Tr(
            "The currency is fixed once a ticket has a price",
            "La devise est fixée dès qu'un billet a un prix",
        ),
        "not_found" => Tr("Not found", "Introuvable"),
        "invalid_code" => Tr(
            "No tickets match this code",
            "Aucun billet ne correspond à ce code",
        ),
        "invalid_icon" => Tr(
            "Choose an icon from the list",
            "Choisissez une icône dans la liste",
        ),
        "max_below_min" => Tr(
            "Must be at least the minimum",
            "Doit être au moins égal au minimum",
        ),
        "invalid_date" => Tr("Enter a date and time", "Saisissez une date et une heure"),
        "not_active" => Tr("This coupon is not active", "Ce code promo n'est pas actif"),
        "not_yet_valid" => Tr(
            "This coupon is not valid yet",
            "Ce code promo n'est pas encore valable",
        ),
        "expired" => Tr("This coupon has expired", "Ce code promo a expiré"),
        "email_not_allowed" => Tr(
            "This coupon is reserved for other buyers",
            "Ce code promo est réservé à d'autres acheteurs",
        ),
        "below_minimum" => Tr("Below the required minimum", "En dessous du minimum requis"),
        "above_maximum" => Tr(
            "Above the maximum per order",
            "Au-delà du maximum par commande",
        ),
        "not_applicable" => Tr(
            "This coupon does not apply to these tickets",
            "Ce code promo ne s'applique pas à ces billets",
        ),
        "not_yet_on_sale" => Tr("Not on sale yet", "Pas encore en vente"),
        "sale_ended" => Tr("No longer on sale", "Plus en vente"),
        "duplicate" => Tr("Listed twice", "En double"),
        "too_many" => Tr("Too many", "Trop nombreux"),
        "invalid_characters" => Tr(
            "Use only letters A-Z, digits, - and _",
            "Utilisez uniquement des lettres A-Z, des chiffres, - et _",
        ),
        "coupon_code_invalid" => Tr(
            "Use 3 to 32 letters, digits, - or _",
            "Utilisez 3 à 32 lettres, chiffres, - ou _",
        ),
        "coupon_invalid" => Tr(
            "This coupon cannot be used for this order",
            "Ce code promo n'est pas valable pour cette commande",
        ),
        "coupon_exhausted" => Tr(
            "This coupon has been used up",
            "Ce code promo a déjà été entièrement utilisé",
        ),
        "insufficient_balance" => Tr(
            "More than the available balance",
            "Plus que le solde disponible",
        ),
        "none_chosen" => Tr(
            "Choose at least one ticket",
            "Choisissez au moins un billet",
        ),
        "unknown_ticket" => Tr(
            "Not a ticket of this order",
            "Ce billet n'appartient pas à cette commande",
        ),
        "unknown_operator" => Tr(
            "Choose a network from the list",
            "Choisissez un opérateur dans la liste",
        ),
        "not_positive" => Tr("Must be more than zero", "Doit être supérieur à zéro"),
        "invalid_amount" => Tr(
            "Not a valid amount in this currency",
            "Montant invalide dans cette devise",
        ),
        "unknown_field" => Tr(
            "Not a credential this gateway uses",
            "Cette passerelle n'utilise pas cet identifiant",
        ),
        "unsupported_currency" => Tr(
            "This gateway cannot take this currency",
            "Cette passerelle ne prend pas cette devise en charge",
        ),
        "invalid_token" => Tr(
            ErrorCode::InvalidToken.title(Lang::En),
            ErrorCode::InvalidToken.title(Lang::Fr),
        ),
        _ => return None,
    })
}
