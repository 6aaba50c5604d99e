//! RFC 9457 problem details and the stable error codes clients match on.
//!
//! `code` is the contract: the SPA translates it, partners branch on it. Titles are given in the
//! request's language; `detail` is free text and may change.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Every error the API can answer with. snake_case on the wire; never rename a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    ValidationFailed,
    MalformedRequest,
    AuthenticationRequired,
    InvalidCredentials,
    EmailNotVerified,
    InvalidToken,
    Forbidden,
    NotFound,
    EmailTaken,
    SlugTaken,
    AlreadyMember,
    /// The resource's state does not allow this (e.g. deleting a published event).
    Conflict,
    LastOwner,
    InvitationInvalid,
    InvitationEmailMismatch,
    OrgSuspended,
    AccountDisabled,
    RateLimited,
    PayloadTooLarge,
    UnsupportedMediaType,
    /// The same `Idempotency-Key` is still being processed.
    IdempotencyConflict,
    /// The same `Idempotency-Key` was used with a different request body.
    IdempotencyKeyReused,
    /// Not enough tickets left for this order.
    SoldOut,
    /// The order's reservation ran out before it was paid.
    HoldExpired,
    /// The buyer already holds as many tickets as allowed at once.
    HoldLimitReached,
    /// The coupon does not exist, is not valid now, or does not apply to this order.
    CouponInvalid,
    /// The coupon has no uses left (overall or for this email).
    CouponExhausted,
    /// The payment was declined or failed.
    PaymentDeclined,
    /// The check-in device was revoked by an organizer: it must stop scanning.
    DeviceRevoked,
    /// A withdrawal larger than the available balance.
    InsufficientBalance,
    /// The refund policy's window has closed (or the event allows no buyer refunds).
    RefundWindowClosed,
    /// Nothing left to refund on these tickets (already refunded, or a refund is under way).
    NothingToRefund,
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::AuthenticationRequired => "authentication_required",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::EmailNotVerified => "email_not_verified",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::EmailTaken => "email_taken",
            ErrorCode::SlugTaken => "slug_taken",
            ErrorCode::AlreadyMember => "already_member",
            ErrorCode::Conflict => "conflict",
            ErrorCode::LastOwner => "last_owner",
            ErrorCode::InvitationInvalid => "invitation_invalid",
            ErrorCode::InvitationEmailMismatch => "invitation_email_mismatch",
            ErrorCode::OrgSuspended => "org_suspended",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::IdempotencyConflict => "idempotency_conflict",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::SoldOut => "sold_out",
            ErrorCode::HoldExpired => "hold_expired",
            ErrorCode::HoldLimitReached => "hold_limit_reached",
            ErrorCode::CouponInvalid => "coupon_invalid",
            ErrorCode::CouponExhausted => "coupon_exhausted",
            ErrorCode::PaymentDeclined => "payment_declined",
            ErrorCode::DeviceRevoked => "device_revoked",
            ErrorCode::InsufficientBalance => "insufficient_balance",
            ErrorCode::RefundWindowClosed => "refund_window_closed",
            ErrorCode::NothingToRefund => "nothing_to_refund",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status this code is answered with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::ValidationFailed
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::CouponInvalid => 422,
            ErrorCode::PaymentDeclined => 402,
            ErrorCode::HoldExpired => 410,
            ErrorCode::MalformedRequest => 400,
            ErrorCode::AuthenticationRequired
            | ErrorCode::InvalidCredentials
            | ErrorCode::InvalidToken => 401,
            ErrorCode::EmailNotVerified
            | ErrorCode::Forbidden
            | ErrorCode::OrgSuspended
            | ErrorCode::AccountDisabled
            | ErrorCode::DeviceRevoked
            | ErrorCode::InvitationEmailMismatch => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::EmailTaken
            | ErrorCode::SlugTaken
            | ErrorCode::AlreadyMember
            | ErrorCode::Conflict
            | ErrorCode::LastOwner
            | ErrorCode::IdempotencyConflict
            | ErrorCode::SoldOut
            | ErrorCode::HoldLimitReached
            | ErrorCode::InsufficientBalance
            | ErrorCode::RefundWindowClosed
            | ErrorCode::NothingToRefund
            | ErrorCode::CouponExhausted => 409,
            ErrorCode::InvitationInvalid => 410,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::RateLimited => 429,
            ErrorCode::ServiceUnavailable => 503,
            ErrorCode::Internal => 500,
        }
    }

    /// A short, human title in the reader's language.
    pub fn title(self, lang: Lang) -> &'static str {
        let (en, fr) = match self {
            ErrorCode::ValidationFailed => (
                "Some fields need attention",
                "Certains champs sont à corriger",
            ),
            ErrorCode::MalformedRequest => {
                ("The request could not be read", "La requête est illisible")
            }
            ErrorCode::AuthenticationRequired => ("Please sign in", "Veuillez vous connecter"),
            ErrorCode::InvalidCredentials => (
                "Wrong email or password",
                "E-mail ou mot de passe incorrect",
            ),
            ErrorCode::EmailNotVerified => (
                "Please confirm your email address first",
                "Veuillez d'abord confirmer votre adresse e-mail",
            ),
            ErrorCode::InvalidToken => (
                "This link or session is no longer valid",
                "Ce lien ou cette session n'est plus valide",
            ),
            ErrorCode::Forbidden => (
                "You are not allowed to do this",
                "Vous n'êtes pas autorisé à faire ceci",
            ),
            ErrorCode::NotFound => ("Not found", "Introuvable"),
            ErrorCode::EmailTaken => (
                "This email is already in use",
                "Cette adresse e-mail est déjà utilisée",
            ),
            ErrorCode::SlugTaken => (
                "This web address is already taken",
                "Cette adresse web est déjà prise",
            ),
            ErrorCode::AlreadyMember => (
                "This person is already a member",
                "Cette personne est déjà membre",
            ),
            ErrorCode::Conflict => (
                "This cannot be done in its current state",
                "Impossible dans l'état actuel",
            ),
            ErrorCode::LastOwner => (
                "An organization must keep at least one owner",
                "Une organisation doit garder au moins un propriétaire",
            ),
            ErrorCode::InvitationInvalid => (
                "This invitation is invalid, used or expired",
                "Cette invitation est invalide, utilisée ou expirée",
            ),
            ErrorCode::InvitationEmailMismatch => (
                "This invitation was sent to another email address",
                "Cette invitation a été envoyée à une autre adresse e-mail",
            ),
            ErrorCode::OrgSuspended => (
                "This organization is suspended",
                "Cette organisation est suspendue",
            ),
            ErrorCode::AccountDisabled => ("This account is disabled", "Ce compte est désactivé"),
            ErrorCode::RateLimited => (
                "Too many attempts, please wait",
                "Trop de tentatives, veuillez patienter",
            ),
            ErrorCode::PayloadTooLarge => (
                "The upload is too large",
                "Le fichier envoyé est trop volumineux",
            ),
            ErrorCode::UnsupportedMediaType => (
                "This file type is not accepted",
                "Ce type de fichier n'est pas accepté",
            ),
            ErrorCode::IdempotencyConflict => (
                "The same request is still being processed",
                "La même requête est encore en cours de traitement",
            ),
            ErrorCode::IdempotencyKeyReused => (
                "This request key was already used with other data",
                "Cette clé de requête a déjà servi avec d'autres données",
            ),
            ErrorCode::SoldOut => (
                "Not enough tickets left",
                "Il ne reste pas assez de billets",
            ),
            ErrorCode::HoldExpired => {
                ("Your reservation has expired", "Votre réservation a expiré")
            }
            ErrorCode::HoldLimitReached => (
                "You already hold as many tickets as allowed",
                "Vous réservez déjà le nombre maximal de billets",
            ),
            ErrorCode::CouponInvalid => (
                "This coupon cannot be used for this order",
                "Ce code promo n'est pas valable pour cette commande",
            ),
            ErrorCode::CouponExhausted => (
                "This coupon has been used up",
                "Ce code promo a déjà été entièrement utilisé",
            ),
            ErrorCode::PaymentDeclined => ("The payment was declined", "Le paiement a été refusé"),
            ErrorCode::DeviceRevoked => (
                "This scanning device has been revoked",
                "Cet appareil de contrôle a été révoqué",
            ),
            ErrorCode::InsufficientBalance => (
                "The available balance is not enough",
                "Le solde disponible est insuffisant",
            ),
            ErrorCode::RefundWindowClosed => (
                "Refunds can no longer be requested for this event",
                "Il n'est plus possible de demander un remboursement pour cet événement",
            ),
            ErrorCode::NothingToRefund => (
                "There is nothing left to refund on these tickets",
                "Il n'y a plus rien à rembourser sur ces billets",
            ),
            ErrorCode::ServiceUnavailable => (
                "The service is temporarily unavailable",
                "Le service est temporairement indisponible",
            ),
            ErrorCode::Internal => (
                "Something went wrong on our side",
                "Une erreur est survenue de notre côté",
            ),
        };
        lang.pick(en, fr)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One invalid field: `field` is the JSON path (`email`, `members[0].role`), `code` a stable
/// snake_case reason (`required`, `too_short`, `invalid_email`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// RFC 9457 `application/problem+json` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_url: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ErrorCode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn type_url_for(code: ErrorCode) -> String {
        format!(
            "https://reckot.com/problems/{}",
            code.as_str().replace('_', "-")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serializes_to_its_stable_name() {
        let json = serde_json::to_string(&ErrorCode::InvitationEmailMismatch).unwrap_or_default();
        assert_eq!(json, "\"invitation_email_mismatch\"");
        assert_eq!(
            ErrorCode::InvitationEmailMismatch.as_str(),
            "invitation_email_mismatch"
        );
    }

    #[test]
    fn titles_exist_in_both_languages_and_differ() {
        assert_ne!(
            ErrorCode::NotFound.title(Lang::En),
            ErrorCode::NotFound.title(Lang::Fr)
        );
    }
}
