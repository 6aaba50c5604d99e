//! Texts buyers read while buying: the ticket selector, the checkout, the order page, the test
//! gateway and "My tickets".

use super::Tr;

// Ticket selector (event page) and steppers.
pub const QUANTITY_OF: Tr = Tr("Quantity: {name}", "Quantité : {name}");
pub const ADD_ONE: Tr = Tr("Add one {name}", "Ajouter un billet {name}");
pub const REMOVE_ONE: Tr = Tr("Remove one {name}", "Retirer un billet {name}");
pub const MIN_PER_ORDER: Tr = Tr("At least {n} per order", "Au moins {n} par commande");
pub const NONE_SELECTED: Tr = Tr(
    "Choose how many tickets you want.",
    "Choisissez le nombre de billets.",
);
pub const SELECTED: Tr = Tr("{n} ticket(s) · {total}", "{n} billet(s) · {total}");
pub const SELECTED_COUNT: Tr = Tr("{n} ticket(s)", "{n} billet(s)");
pub const CHECKOUT: Tr = Tr("Checkout", "Commander");

// Checkout.
pub const CHECKOUT_TITLE: Tr = Tr("Checkout", "Commande");
pub const BACK_TO_EVENT: Tr = Tr("Back to the event", "Retour à l'événement");
pub const EMPTY_SELECTION: Tr = Tr(
    "You have not chosen any tickets yet.",
    "Vous n'avez pas encore choisi de billets.",
);
pub const YOUR_TICKETS: Tr = Tr("Your tickets", "Vos billets");
pub const FREE: Tr = Tr("Free", "Gratuit");
pub const EACH: Tr = Tr("{price} each", "{price} l'unité");
pub const ATTENDEES_HINT: Tr = Tr(
    "Names on the tickets (optional: yours is used otherwise)",
    "Noms sur les billets (facultatif : le vôtre sinon)",
);
pub const ATTENDEE_N: Tr = Tr("Attendee {n} ({name})", "Participant {n} ({name})");
pub const YOUR_DETAILS: Tr = Tr("Your details", "Vos coordonnées");
pub const DETAILS_HINT: Tr = Tr(
    "Your tickets are sent to this email address.",
    "Vos billets sont envoyés à cette adresse e-mail.",
);
pub const PHONE_OPTIONAL: Tr = Tr("Phone (optional)", "Téléphone (facultatif)");
pub const PHONE_HINT: Tr = Tr(
    "With the country code, e.g. +237 670 00 00 00",
    "Avec l'indicatif du pays, ex. +237 670 00 00 00",
);
pub const COUPON: Tr = Tr("Coupon", "Code promo");
pub const COUPON_CODE: Tr = Tr("Coupon code", "Code promo");
pub const APPLY: Tr = Tr("Apply", "Appliquer");
pub const COUPON_APPLIED: Tr = Tr("Coupon {code} applied", "Code promo {code} appliqué");
pub const REMOVE_COUPON: Tr = Tr("Remove coupon", "Retirer le code");
pub const ORDER_SUMMARY: Tr = Tr("Order summary", "Récapitulatif");
pub const COMPUTING: Tr = Tr("Computing the price…", "Calcul du prix…");
pub const NO_PRICE: Tr = Tr(
    "The price shows once your selection can be booked.",
    "Le prix s'affiche dès que votre sélection peut être réservée.",
);
pub const CONTINUE_TO_PAYMENT: Tr = Tr("Continue to payment", "Continuer vers le paiement");
pub const GET_TICKETS: Tr = Tr("Get my tickets", "Obtenir mes billets");
pub const RESERVING: Tr = Tr("Reserving…", "Réservation…");
pub const HOLD_NOTE: Tr = Tr(
    "Your tickets are held for a few minutes while you pay.",
    "Vos billets sont réservés quelques minutes pendant le paiement.",
);

// Price breakdown.
pub const LINE: Tr = Tr("{name} × {n}", "{name} × {n}");
pub const SUBTOTAL: Tr = Tr("Subtotal", "Sous-total");
pub const DISCOUNT: Tr = Tr("Discount", "Remise");
pub const DISCOUNT_CODE: Tr = Tr("Discount ({code})", "Remise ({code})");
pub const SERVICE_FEE: Tr = Tr("Service fee", "Frais de service");
pub const FEE_PAID_BY_BUYER: Tr = Tr("Paid by you", "À votre charge");
pub const FEE_PAID_BY_ORGANIZER: Tr =
    Tr("Paid by the organizer", "Pris en charge par l'organisateur");
pub const FEE_INCLUDED: Tr = Tr("Included", "Inclus");
pub const TOTAL: Tr = Tr("Total", "Total");

// Order page.
pub const ORDER_TITLE: Tr = Tr("Your order", "Votre commande");
pub const PENDING_HEADING: Tr = Tr("Complete your order", "Finalisez votre commande");
pub const CONFIRMED_HEADING: Tr = Tr("You're going!", "C'est confirmé !");
pub const EXPIRED_HEADING: Tr = Tr("Reservation expired", "Réservation expirée");
pub const CANCELLED_HEADING: Tr = Tr("Order cancelled", "Commande annulée");
pub const REFERENCE: Tr = Tr("Order {reference}", "Commande {reference}");
pub const HELD_FOR: Tr = Tr(
    "Your tickets are held for you. Time left to pay:",
    "Vos billets vous sont réservés. Temps restant pour payer :",
);
pub const PAY: Tr = Tr("Pay {total}", "Payer {total}");
pub const CANCEL_ORDER: Tr = Tr("Cancel order", "Annuler la commande");
pub const CANCEL_ORDER_TITLE: Tr = Tr("Cancel this order?", "Annuler cette commande ?");
pub const CANCEL_ORDER_TEXT: Tr = Tr(
    "Your reserved tickets go back on sale.",
    "Vos billets réservés seront remis en vente.",
);
pub const PAYMENT_DECLINED_RETRY: Tr = Tr(
    "Payment declined – try again.",
    "Paiement refusé – veuillez réessayer.",
);
pub const EXPIRED_TEXT: Tr = Tr(
    "Your reservation ran out before payment; the tickets went back on sale.",
    "Votre réservation a expiré avant le paiement ; les billets ont été remis en vente.",
);
pub const CANCELLED_TEXT: Tr = Tr(
    "This order was cancelled; its tickets went back on sale.",
    "Cette commande a été annulée ; ses billets ont été remis en vente.",
);
pub const CONFIRMED_TEXT: Tr = Tr(
    "Your tickets are below and were sent to {email}.",
    "Vos billets sont ci-dessous et ont été envoyés à {email}.",
);
pub const DOWNLOAD_PDF: Tr = Tr("Download PDF", "Télécharger le PDF");
pub const TICKETS: Tr = Tr("Tickets", "Billets");
pub const TICKET_N: Tr = Tr("Ticket {n}", "Billet {n}");
pub const TICKET_CODE: Tr = Tr("Ticket code", "Code du billet");
pub const TICKET_CANCELLED: Tr = Tr("Cancelled", "Annulé");
pub const QR_ALT: Tr = Tr("QR code of ticket {code}", "QR code du billet {code}");
pub const BUYER: Tr = Tr("Buyer", "Acheteur");
pub const ONLINE_LINK: Tr = Tr("Online link", "Lien en ligne");
pub const PAYMENTS: Tr = Tr("Payments", "Paiements");
pub const PAYMENT_PENDING: Tr = Tr("In progress", "En cours");
pub const PAYMENT_SUCCEEDED: Tr = Tr("Paid", "Payé");
pub const PAYMENT_FAILED: Tr = Tr("Declined", "Refusé");
pub const METHOD_TEST: Tr = Tr("Test payment", "Paiement de test");

// Order statuses.
pub const STATUS_PENDING: Tr = Tr("Awaiting payment", "En attente de paiement");
pub const STATUS_CONFIRMED: Tr = Tr("Confirmed", "Confirmée");
pub const STATUS_EXPIRED: Tr = Tr("Expired", "Expirée");
pub const STATUS_CANCELLED: Tr = Tr("Cancelled", "Annulée");

// Test gateway.
pub const TEST_PAYMENT_TITLE: Tr = Tr("Test payment", "Paiement de test");
pub const TEST_PAYMENT_BANNER: Tr = Tr(
    "Test payment – no real money",
    "Paiement de test – aucun argent réel",
);
pub const EVENT: Tr = Tr("Event", "Événement");
pub const ORDER: Tr = Tr("Order", "Commande");
pub const STATUS: Tr = Tr("Status", "Statut");
pub const AMOUNT: Tr = Tr("Amount", "Montant");
pub const APPROVE: Tr = Tr("Approve", "Approuver");
pub const DECLINE: Tr = Tr("Decline", "Refuser");
pub const BACK_TO_ORDER: Tr = Tr("Back to your order", "Retour à votre commande");

// My tickets.
pub const MY_TICKETS: Tr = Tr("My tickets", "Mes billets");
pub const NO_ORDERS: Tr = Tr(
    "You have not booked any tickets yet.",
    "Vous n'avez encore réservé aucun billet.",
);
pub const FIND_EVENTS: Tr = Tr("Find events", "Trouver des événements");
pub const ORDER_LINE: Tr = Tr(
    "Order {reference} · {total}",
    "Commande {reference} · {total}",
);
pub const VIEW_ORDER: Tr = Tr("View order", "Voir la commande");

// Payment methods (order page).
pub const PAY_WITH: Tr = Tr("Pay with", "Payer avec");
pub const MOBILE_MONEY: Tr = Tr("Mobile money", "Mobile money");
pub const CARD_OR_MOBILE_MONEY: Tr = Tr("Card or mobile money", "Carte ou mobile money");
pub const PAY_PHONE: Tr = Tr("Mobile-money number", "Numéro mobile money");
pub const OPERATOR: Tr = Tr("Operator (optional)", "Opérateur (facultatif)");
pub const OPERATOR_AUTO: Tr = Tr("Detect from the number", "Déduit du numéro");
pub const APPROVE_ON_PHONE: Tr = Tr(
    "Approve the payment on your phone",
    "Validez le paiement sur votre téléphone",
);
/// `{code}` is the USSD code the gateway gave (CamPay's, e.g. `*126#`).
pub const DIAL_TO_CONFIRM: Tr = Tr("Dial {code} to confirm", "Composez {code} pour confirmer");
pub const APPROVE_ON_PHONE_HINT: Tr = Tr(
    "This page updates once the payment goes through.",
    "Cette page se met à jour dès que le paiement est passé.",
);
