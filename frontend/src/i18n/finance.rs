//! Texts of money after the sale: the organizer's Finance page (balances, withdrawals, refunds,
//! ledger), refunds of a booking and the buyer's refund request, and the platform
//! administrators' Refunds, Withdrawals and Jobs tabs.

use super::Tr;

// Finance page.
pub const FINANCE: Tr = Tr("Finance", "Finances");
pub const FINANCE_SECTIONS: Tr = Tr("Finance sections", "Sections des finances");
pub const BALANCES: Tr = Tr("Balances", "Soldes");
pub const BALANCE_IN: Tr = Tr("Balance in {currency}", "Solde en {currency}");
pub const NO_BALANCES: Tr = Tr(
    "No money yet: balances appear with your first paid booking.",
    "Pas encore d'argent : les soldes apparaissent avec votre première réservation payée.",
);
pub const AVAILABLE: Tr = Tr("Available", "Disponible");
pub const PENDING: Tr = Tr("Pending", "En attente");
pub const PAID_OUT: Tr = Tr("Paid out", "Versé");
pub const PENDING_HINT: Tr = Tr(
    "Sales become available once the payment gateways have settled them.",
    "Les ventes deviennent disponibles une fois réglées par les passerelles de paiement.",
);
pub const LIMITS: Tr = Tr(
    "Withdrawals from {min} to {max}",
    "Retraits de {min} à {max}",
);
pub const LIMIT_MIN: Tr = Tr("Withdrawals from {min}", "Retraits à partir de {min}");
pub const NO_PAYOUT_PERMISSION: Tr = Tr(
    "Only owners and admins see the balances and withdraw money.",
    "Seuls les propriétaires et administrateurs voient les soldes et retirent de l'argent.",
);

// Withdraw form.
pub const WITHDRAW: Tr = Tr("Withdraw", "Retirer");
pub const WITHDRAW_CURRENCY: Tr = Tr("Withdraw {currency}", "Retirer des {currency}");
pub const WITHDRAW_TITLE: Tr = Tr("Withdraw {currency}", "Retrait en {currency}");
pub const WITHDRAW_TEXT: Tr = Tr(
    "Available now: {amount}. The Reckot team checks each withdrawal before it is paid.",
    "Disponible maintenant : {amount}. L'équipe Reckot vérifie chaque retrait avant de le payer.",
);
pub const AMOUNT: Tr = Tr("Amount", "Montant");
pub const AMOUNT_HINT: Tr = Tr("In {currency}. {limits}.", "En {currency}. {limits}.");
pub const SEND_TO: Tr = Tr("Send to", "Envoyer vers");
pub const MOBILE_MONEY: Tr = Tr("Mobile money", "Mobile money");
pub const BANK_ACCOUNT: Tr = Tr("Bank account", "Compte bancaire");
pub const PHONE: Tr = Tr("Mobile-money number", "Numéro mobile money");
pub const PHONE_HINT: Tr = Tr(
    "With the country code, e.g. +237 6 70 00 00 00",
    "Avec l'indicatif du pays, ex. +237 6 70 00 00 00",
);
pub const ACCOUNT_NAME: Tr = Tr("Account holder", "Titulaire du compte");
pub const BANK_NAME: Tr = Tr("Bank", "Banque");
pub const ACCOUNT_NUMBER: Tr = Tr("Account number", "Numéro de compte");
pub const ACCOUNT_NUMBER_HINT: Tr = Tr("IBAN or local account number", "IBAN ou numéro local");
pub const BANK_HINT: Tr = Tr(
    "Bank transfers are made by the Reckot team within a few working days.",
    "Les virements bancaires sont faits par l'équipe Reckot sous quelques jours ouvrés.",
);
pub const REQUEST_WITHDRAWAL: Tr = Tr("Request withdrawal", "Demander le retrait");
pub const WITHDRAWAL_REQUESTED: Tr = Tr(
    "Withdrawal of {amount} requested. You will see here when it is paid.",
    "Retrait de {amount} demandé. Vous verrez ici quand il sera payé.",
);

// Lists.
pub const WITHDRAWALS: Tr = Tr("Withdrawals", "Retraits");
pub const REFUNDS: Tr = Tr("Refunds", "Remboursements");
pub const LEDGER: Tr = Tr("Ledger", "Mouvements");
pub const NO_WITHDRAWALS: Tr = Tr("No withdrawals.", "Aucun retrait.");
pub const NO_REFUNDS: Tr = Tr("No refunds.", "Aucun remboursement.");
pub const NO_ENTRIES: Tr = Tr("No movements yet.", "Aucun mouvement pour l'instant.");
pub const STATUS: Tr = Tr("Status", "Statut");
pub const ANY_STATUS: Tr = Tr("All statuses", "Tous les statuts");
pub const CURRENCY: Tr = Tr("Currency", "Devise");
pub const ANY_CURRENCY: Tr = Tr("All currencies", "Toutes les devises");
pub const DATE: Tr = Tr("Date", "Date");
pub const DESTINATION: Tr = Tr("Destination", "Destination");
pub const REQUESTED_BY: Tr = Tr("Requested by", "Demandé par");
pub const REFERENCE: Tr = Tr("Reference", "Référence");
pub const BOOKING: Tr = Tr("Booking", "Réservation");
pub const TICKETS: Tr = Tr("Tickets", "Billets");
pub const REASON: Tr = Tr("Reason", "Motif");
pub const DETAILS: Tr = Tr("Details", "Détails");
pub const KIND: Tr = Tr("Movement", "Mouvement");
pub const ORGANIZATION: Tr = Tr("Organization", "Organisation");
pub const NOTE: Tr = Tr("Note: {note}", "Note : {note}");
pub const FAILURE: Tr = Tr("Failed: {reason}", "Échec : {reason}");
pub const PAYOUT_REFERENCE: Tr = Tr("Reference {reference}", "Référence {reference}");
pub const AVAILABLE_FROM: Tr = Tr("Available from {at}", "Disponible à partir du {at}");
pub const TICKET_COUNT: Tr = Tr("{n} ticket(s)", "{n} billet(s)");

// Statuses (refunds and withdrawals).
pub const S_REQUESTED: Tr = Tr("Requested", "Demandé");
pub const S_APPROVED: Tr = Tr("Approved", "Approuvé");
pub const S_REJECTED: Tr = Tr("Rejected", "Refusé");
pub const S_PROCESSING: Tr = Tr("Processing", "En cours");
pub const S_REFUNDED: Tr = Tr("Refunded", "Remboursé");
pub const S_COMPLETED: Tr = Tr("Paid", "Payé");
pub const S_FAILED: Tr = Tr("Failed", "Échoué");

// Who asked for a refund.
pub const BY_BUYER: Tr = Tr("Buyer", "Acheteur");
pub const BY_ORGANIZER: Tr = Tr("Organizer", "Organisateur");
pub const BY_SYSTEM: Tr = Tr("Reckot", "Reckot");

// Ledger entry kinds.
pub const K_SALE: Tr = Tr("Sale", "Vente");
pub const K_PLATFORM_FEE: Tr = Tr("Reckot fee", "Commission Reckot");
pub const K_REFUND: Tr = Tr("Refund", "Remboursement");
pub const K_PAYOUT: Tr = Tr("Withdrawal", "Retrait");
pub const K_PAYOUT_REVERSAL: Tr = Tr("Withdrawal returned", "Retrait restitué");
pub const K_ADJUSTMENT: Tr = Tr("Adjustment", "Ajustement");

// Refunds of a booking (organizer) and of an order (buyer).
pub const REFUND: Tr = Tr("Refund", "Rembourser");
pub const REFUND_TITLE: Tr = Tr(
    "Refund booking {reference}",
    "Rembourser la réservation {reference}",
);
pub const REFUND_TEXT: Tr = Tr(
    "The chosen tickets stop being valid. The buyer gets back what they paid for them, through the way they paid; the platform fee is not refunded.",
    "Les billets choisis ne sont plus valables. L'acheteur récupère ce qu'il a payé pour eux, par le même moyen de paiement ; les frais de la plateforme ne sont pas remboursés.",
);
pub const REFUND_TICKETS: Tr = Tr("Refund tickets", "Rembourser les billets");
pub const REFUND_CREATED: Tr = Tr(
    "Refund of {amount} created",
    "Remboursement de {amount} créé",
);
pub const REQUEST_REFUND: Tr = Tr("Request a refund", "Demander un remboursement");
pub const REQUEST_REFUND_TEXT: Tr = Tr(
    "Choose the tickets to give back. Once your request is approved, the money goes back the way you paid, and those tickets stop being valid.",
    "Choisissez les billets à rendre. Une fois votre demande approuvée, l'argent vous revient par le même moyen de paiement, et ces billets ne sont plus valables.",
);
pub const SEND_REQUEST: Tr = Tr("Send request", "Envoyer la demande");
pub const REFUND_REQUESTED: Tr = Tr(
    "Your refund request was sent. You will find its progress on this page.",
    "Votre demande de remboursement a été envoyée. Vous suivrez son avancement sur cette page.",
);
pub const REFUNDABLE_UNTIL: Tr = Tr(
    "You can ask for a refund until {at}.",
    "Vous pouvez demander un remboursement jusqu'au {at}.",
);
pub const TICKETS_TO_REFUND: Tr = Tr("Tickets to refund", "Billets à rembourser");
pub const REASON_OPTIONAL: Tr = Tr("Reason (optional)", "Motif (facultatif)");
pub const REASON_HINT_BUYER: Tr = Tr(
    "Helps the organizer understand your request.",
    "Aide l'organisateur à comprendre votre demande.",
);
pub const REASON_HINT_ORGANIZER: Tr = Tr(
    "Kept with the refund; the buyer can read it.",
    "Conservé avec le remboursement ; l'acheteur peut le lire.",
);
pub const TICKET_REFUNDED: Tr = Tr("Refunded", "Remboursé");
pub const TICKET_OPTION: Tr = Tr("{type} · {name} · {code}", "{type} · {name} · {code}");
pub const REFUND_LINE: Tr = Tr(
    "{amount} · {tickets} · asked on {at}",
    "{amount} · {tickets} · demandé le {at}",
);

// Admin tabs.
pub const TAB_REFUNDS: Tr = Tr("Refunds", "Remboursements");
pub const TAB_WITHDRAWALS: Tr = Tr("Withdrawals", "Retraits");
pub const TAB_JOBS: Tr = Tr("Jobs", "Tâches");
pub const APPROVE: Tr = Tr("Approve", "Approuver");
pub const REJECT: Tr = Tr("Reject", "Refuser");
pub const RETRY: Tr = Tr("Retry", "Relancer");
pub const MARK_PAID: Tr = Tr("Mark as paid", "Marquer comme payé");
pub const ACTION_ON: Tr = Tr("{action} {what}", "{action} {what}");
pub const DECISION_NOTE: Tr = Tr("Note", "Note");
pub const NOTE_OPTIONAL_HINT: Tr = Tr(
    "Optional; shown to the requester.",
    "Facultatif ; visible par le demandeur.",
);
pub const NOTE_REQUIRED_HINT: Tr = Tr(
    "Say why; the requester reads it.",
    "Expliquez pourquoi ; le demandeur la lira.",
);
pub const APPROVE_REFUND_TITLE: Tr = Tr(
    "Approve the refund of {amount} on {reference}?",
    "Approuver le remboursement de {amount} sur {reference} ?",
);
pub const APPROVE_REFUND_TEXT: Tr = Tr(
    "The money goes back to the buyer through the gateway they paid with, and the tickets stop being valid.",
    "L'argent revient à l'acheteur par la passerelle utilisée pour payer, et les billets ne sont plus valables.",
);
pub const REJECT_REFUND_TITLE: Tr = Tr(
    "Reject the refund of {amount} on {reference}?",
    "Refuser le remboursement de {amount} sur {reference} ?",
);
pub const REJECT_REFUND_TEXT: Tr = Tr("The tickets stay valid.", "Les billets restent valables.");
pub const REFUND_APPROVED: Tr = Tr(
    "Refund on {reference} approved",
    "Remboursement sur {reference} approuvé",
);
pub const REFUND_REJECTED: Tr = Tr(
    "Refund on {reference} rejected",
    "Remboursement sur {reference} refusé",
);
pub const REFUND_RETRIED: Tr = Tr(
    "Refund on {reference} sent again",
    "Remboursement sur {reference} relancé",
);
pub const APPROVE_WITHDRAWAL_TITLE: Tr = Tr(
    "Approve the withdrawal of {amount} for {org}?",
    "Approuver le retrait de {amount} pour {org} ?",
);
pub const APPROVE_MOBILE_TEXT: Tr = Tr(
    "It is paid out at once to {destination}.",
    "Il est payé immédiatement sur {destination}.",
);
pub const APPROVE_BANK_TEXT: Tr = Tr(
    "Make the bank transfer to {destination}, then mark it as paid with the bank's reference.",
    "Faites le virement vers {destination}, puis marquez-le comme payé avec la référence de la banque.",
);
pub const REJECT_WITHDRAWAL_TITLE: Tr = Tr(
    "Reject the withdrawal of {amount} for {org}?",
    "Refuser le retrait de {amount} pour {org} ?",
);
pub const REJECT_WITHDRAWAL_TEXT: Tr = Tr(
    "The amount goes back to the organization's available balance.",
    "Le montant revient au solde disponible de l'organisation.",
);
pub const COMPLETE_TITLE: Tr = Tr(
    "Mark the withdrawal of {amount} for {org} as paid",
    "Marquer le retrait de {amount} pour {org} comme payé",
);
pub const COMPLETE_TEXT: Tr = Tr(
    "Only once the bank transfer to {destination} has been made.",
    "Seulement une fois le virement vers {destination} effectué.",
);
pub const BANK_REFERENCE: Tr = Tr("Bank reference", "Référence bancaire");
pub const WITHDRAWAL_APPROVED: Tr = Tr(
    "Withdrawal for {org} approved",
    "Retrait pour {org} approuvé",
);
pub const WITHDRAWAL_REJECTED: Tr =
    Tr("Withdrawal for {org} rejected", "Retrait pour {org} refusé");
pub const WITHDRAWAL_COMPLETED: Tr = Tr(
    "Withdrawal for {org} marked as paid",
    "Retrait pour {org} marqué comme payé",
);

// Jobs.
pub const JOB_KIND: Tr = Tr("Job", "Tâche");
pub const ATTEMPTS: Tr = Tr("Attempts", "Tentatives");
pub const RUN_AT: Tr = Tr("Runs at", "Exécution");
pub const LAST_ERROR: Tr = Tr("Last error", "Dernière erreur");
pub const UPDATED: Tr = Tr("Updated", "Mise à jour");
pub const NO_JOBS: Tr = Tr("No jobs.", "Aucune tâche.");
pub const JOB_PENDING: Tr = Tr("Pending", "En attente");
pub const JOB_DONE: Tr = Tr("Done", "Terminée");
pub const JOB_FAILED: Tr = Tr("Failed", "Échouée");
pub const JOB_RETRIED: Tr = Tr("Job {kind} queued again", "Tâche {kind} relancée");

// Booking history lines.
pub const H_REFUND_REQUESTED: Tr = Tr("Refund requested", "Remboursement demandé");
pub const H_REFUND_APPROVED: Tr = Tr("Refund approved", "Remboursement approuvé");
pub const H_REFUND_REJECTED: Tr = Tr("Refund rejected", "Remboursement refusé");

// Payments needing attention.
pub const STUCK_TITLE: Tr = Tr("Payments needing attention", "Paiements à vérifier");
pub const STUCK_HINT: Tr = Tr(
    "These payments started a while ago and the payment provider has not confirmed or refused them yet. Check with the buyer or in the provider's dashboard.",
    "Ces paiements ont commencé il y a un moment et le prestataire de paiement ne les a ni confirmés ni refusés. Vérifiez auprès de l'acheteur ou dans le tableau de bord du prestataire.",
);
pub const STUCK_STARTED: Tr = Tr("Started", "Commencé");
pub const STUCK_BOOKING: Tr = Tr("Booking", "Réservation");
pub const STUCK_BUYER: Tr = Tr("Buyer", "Acheteur");
pub const STUCK_METHOD: Tr = Tr("Method", "Moyen");
pub const STUCK_AMOUNT: Tr = Tr("Amount", "Montant");

// Invoices.
pub const INVOICES: Tr = Tr("Invoices", "Factures");
pub const INVOICE: Tr = Tr("Invoice", "Facture");
pub const CREDIT_NOTE: Tr = Tr("Credit note", "Avoir");
pub const FEE_INVOICE: Tr = Tr("Platform fee invoice", "Facture de frais de plateforme");
pub const ANY_KIND: Tr = Tr("All documents", "Tous les documents");
pub const NUMBER: Tr = Tr("Number", "Numéro");
pub const DOCUMENT: Tr = Tr("Document", "Document");
pub const CUSTOMER: Tr = Tr("Billed to", "Facturé à");
pub const DOWNLOAD_PDF: Tr = Tr("Download PDF", "Télécharger le PDF");
pub const DOWNLOAD_PDF_OF: Tr = Tr("Download {number} as PDF", "Télécharger {number} en PDF");
pub const NO_INVOICES: Tr = Tr("No invoices yet.", "Aucune facture pour l'instant.");
