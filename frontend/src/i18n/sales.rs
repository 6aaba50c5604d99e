//! Texts of the organizer's sales screens: the event's pages tabs, bookings (list, filters,
//! export, detail, history) and coupons (list, form).

use super::Tr;

// Event pages.
pub const EVENT_PAGES: Tr = Tr("Event pages", "Pages de l'événement");
pub const TAB_EVENT: Tr = Tr("Event", "Événement");
pub const TAB_BOOKINGS: Tr = Tr("Bookings", "Réservations");
pub const TAB_COUPONS: Tr = Tr("Coupons", "Codes promo");

// Bookings list.
pub const BOOKINGS: Tr = Tr("Bookings", "Réservations");
pub const BOOKINGS_OF: Tr = Tr("Bookings · {event}", "Réservations · {event}");
pub const FILTERS: Tr = Tr("Filter bookings", "Filtrer les réservations");
pub const STATUS: Tr = Tr("Status", "Statut");
pub const ANY_STATUS: Tr = Tr("All statuses", "Tous les statuts");
pub const TICKET_TYPE: Tr = Tr("Ticket type", "Type de billet");
pub const ANY_TICKET_TYPE: Tr = Tr("All ticket types", "Tous les types de billets");
pub const CREATED_FROM: Tr = Tr("Booked from", "Réservé à partir du");
pub const CREATED_TO: Tr = Tr("Booked until", "Réservé jusqu'au");
pub const SEARCH: Tr = Tr("Search", "Rechercher");
pub const SEARCH_HINT: Tr = Tr(
    "Buyer name or email, order reference or ticket code",
    "Nom ou e-mail de l'acheteur, référence de commande ou code de billet",
);
pub const FILTER: Tr = Tr("Filter", "Filtrer");
pub const CLEAR_FILTERS: Tr = Tr("Clear filters", "Effacer les filtres");
pub const EXPORT_CSV: Tr = Tr("Export CSV", "Exporter en CSV");
pub const EXPORTING: Tr = Tr("Exporting…", "Export…");
pub const REFERENCE: Tr = Tr("Reference", "Référence");
pub const BUYER: Tr = Tr("Buyer", "Acheteur");
pub const TICKETS: Tr = Tr("Tickets", "Billets");
pub const TOTAL: Tr = Tr("Total", "Total");
pub const CREATED: Tr = Tr("Booked", "Réservé le");
pub const NO_BOOKINGS: Tr = Tr("No bookings match.", "Aucune réservation ne correspond.");

// Booking detail.
pub const BOOKING: Tr = Tr("Booking", "Réservation");
pub const BOOKING_REF: Tr = Tr("Booking {reference}", "Réservation {reference}");
pub const BACK_TO_BOOKINGS: Tr = Tr("All bookings", "Toutes les réservations");
pub const CREATED_AT: Tr = Tr("Booked {at}", "Réservé le {at}");
pub const ATTENDEE: Tr = Tr("Attendee", "Participant");
pub const TICKET_VALID: Tr = Tr("Valid", "Valide");
pub const HISTORY: Tr = Tr("History", "Historique");
pub const RESEND_TICKETS: Tr = Tr("Resend tickets", "Renvoyer les billets");
pub const RESENT: Tr = Tr(
    "Tickets sent again to {email}",
    "Billets renvoyés à {email}",
);
pub const CANCEL_BOOKING: Tr = Tr("Cancel booking", "Annuler la réservation");
pub const CANCEL_BOOKING_TITLE: Tr = Tr(
    "Cancel booking {reference}?",
    "Annuler la réservation {reference} ?",
);
pub const CANCEL_BOOKING_TEXT: Tr = Tr(
    "Its tickets stop being valid and go back on sale. The buyer is told by email.",
    "Ses billets ne sont plus valables et sont remis en vente. L'acheteur est prévenu par e-mail.",
);
pub const CANCEL_REASON: Tr = Tr("Reason", "Motif");
pub const CANCEL_REASON_HINT: Tr = Tr(
    "Optional; kept in the booking's history.",
    "Facultatif ; conservé dans l'historique de la réservation.",
);
pub const CANCELLED_DONE: Tr = Tr("Booking cancelled", "Réservation annulée");
pub const H_CREATED: Tr = Tr("Booked", "Réservée");
pub const H_CONFIRMED: Tr = Tr("Confirmed", "Confirmée");
pub const H_EXPIRED: Tr = Tr("Reservation expired", "Réservation expirée");
pub const H_CANCELLED: Tr = Tr("Cancelled", "Annulée");
pub const H_HOLD_EXTENDED: Tr = Tr("Reservation extended", "Réservation prolongée");
pub const H_PAYMENT_STARTED: Tr = Tr("Payment started", "Paiement commencé");
pub const H_PAYMENT_FAILED: Tr = Tr("Payment declined", "Paiement refusé");
pub const H_PAYMENT_SUCCEEDED: Tr = Tr("Payment received", "Paiement reçu");
pub const H_TICKETS_RESENT: Tr = Tr("Tickets sent again", "Billets renvoyés");
pub const HELD_UNTIL: Tr = Tr("Held until {at}", "Réservé jusqu'au {at}");
pub const ACTOR_BUYER: Tr = Tr("buyer", "acheteur");
pub const ACTOR_ORGANIZER: Tr = Tr("organizer", "organisateur");
pub const ACTOR_SYSTEM: Tr = Tr("Reckot", "Reckot");
pub const ACTOR_GATEWAY: Tr = Tr("payment gateway", "passerelle de paiement");

// Coupons list.
pub const COUPONS: Tr = Tr("Coupons", "Codes promo");
pub const COUPONS_OF: Tr = Tr("Coupons · {event}", "Codes promo · {event}");
pub const NO_COUPONS: Tr = Tr("No coupons yet.", "Aucun code promo pour l'instant.");
pub const CODE: Tr = Tr("Code", "Code");
pub const DISCOUNT: Tr = Tr("Discount", "Remise");
pub const APPLIES_TO: Tr = Tr("Applies to", "S'applique à");
pub const ALL_TYPES: Tr = Tr("All tickets", "Tous les billets");
pub const USES: Tr = Tr("Uses", "Utilisations");
pub const HELD: Tr = Tr("+{n} held", "+{n} en attente");
pub const DISCOUNT_GIVEN: Tr = Tr("Discount given", "Remises accordées");
pub const REVENUE: Tr = Tr("Revenue", "Recettes");
pub const VALIDITY: Tr = Tr("Valid", "Validité");
pub const ALWAYS: Tr = Tr("Always", "Toujours");
pub const ACTIVE_STATE: Tr = Tr("Active", "Actif");
pub const INACTIVE_STATE: Tr = Tr("Inactive", "Inactif");
pub const PERCENT_VALUE: Tr = Tr("{n} %", "{n} %");
pub const EDIT_NAMED: Tr = Tr("Edit coupon {code}", "Modifier le code {code}");
pub const DELETE_NAMED: Tr = Tr("Delete coupon {code}", "Supprimer le code {code}");
pub const DELETE_COUPON_TITLE: Tr = Tr("Delete coupon {code}?", "Supprimer le code {code} ?");
pub const DELETE_COUPON_TEXT: Tr = Tr(
    "Buyers can no longer use it. Orders that used it keep their discount.",
    "Les acheteurs ne pourront plus l'utiliser. Les commandes qui l'ont utilisé gardent leur remise.",
);
pub const COUPON_ADDED: Tr = Tr("Coupon {code} added", "Code {code} ajouté");
pub const COUPON_SAVED: Tr = Tr("Coupon {code} saved", "Code {code} enregistré");
pub const COUPON_DELETED: Tr = Tr("Coupon {code} deleted", "Code {code} supprimé");

// Coupon form.
pub const ADD_COUPON: Tr = Tr("Add coupon", "Ajouter un code promo");
pub const EDIT_COUPON: Tr = Tr("Edit coupon", "Modifier le code promo");
pub const SAVE_COUPON: Tr = Tr("Save coupon", "Enregistrer le code promo");
pub const CODE_HINT: Tr = Tr(
    "3 to 32 letters, digits, - or _; buyers may type it in any case. Fixed once created.",
    "3 à 32 lettres, chiffres, - ou _ ; majuscules ou minuscules. Non modifiable ensuite.",
);
pub const KIND: Tr = Tr("Discount type", "Type de remise");
pub const KIND_PERCENT: Tr = Tr("Percentage", "Pourcentage");
pub const KIND_FIXED: Tr = Tr("Fixed amount", "Montant fixe");
pub const PERCENT_OFF: Tr = Tr("Percentage off", "Pourcentage de remise");
pub const PERCENT_HINT: Tr = Tr("From 0.01 to 100, e.g. 15", "De 0,01 à 100, ex. 15");
pub const AMOUNT_OFF: Tr = Tr("Amount off", "Montant de la remise");
pub const IN_CURRENCY: Tr = Tr("In {currency}", "En {currency}");
pub const MIN_ORDER: Tr = Tr("Minimum order (optional)", "Commande minimum (facultatif)");
pub const VALID_FROM: Tr = Tr("Valid from (optional)", "Valable à partir du (facultatif)");
pub const VALID_UNTIL: Tr = Tr("Valid until (optional)", "Valable jusqu'au (facultatif)");
pub const WINDOW_HINT: Tr = Tr("Event time ({tz})", "Heure de l'événement ({tz})");
pub const MAX_USES: Tr = Tr(
    "Maximum uses (optional)",
    "Utilisations maximum (facultatif)",
);
pub const MAX_PER_EMAIL: Tr = Tr(
    "Maximum uses per email (optional)",
    "Utilisations maximum par e-mail (facultatif)",
);
pub const UNLIMITED_HINT: Tr = Tr("Empty = unlimited", "Vide = illimité");
pub const APPLIES_TO_HINT: Tr = Tr(
    "None checked = every ticket type.",
    "Aucun coché = tous les types de billets.",
);
pub const ALLOWED_EMAILS: Tr = Tr(
    "Allowed emails (optional)",
    "E-mails autorisés (facultatif)",
);
pub const ALLOWED_EMAILS_HINT: Tr = Tr(
    "One per line. When filled in, only these buyers may use the coupon.",
    "Un par ligne. Si rempli, seuls ces acheteurs peuvent utiliser le code.",
);
pub const ACTIVE: Tr = Tr("Active", "Actif");
pub const ACTIVE_HINT: Tr = Tr(
    "Inactive coupons are refused at checkout.",
    "Les codes inactifs sont refusés à la commande.",
);
