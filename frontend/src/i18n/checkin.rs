//! Texts of the organizer's check-in screens: the event's Check-in, Live and Swag tabs (lists and
//! their form, scan log and conflicts, devices, the live dashboard, swag items, stock and
//! hand-outs). The door scanner's texts are in `scanner`.

use common::checkin::{ScanDirection, ScanOutcome};

use super::Tr;

// Event tabs.
pub const TAB_CHECKIN: Tr = Tr("Check-in", "Contrôle");
pub const TAB_LIVE: Tr = Tr("Live", "En direct");
pub const TAB_SWAG: Tr = Tr("Swag", "Goodies");

// Check-in page and its lists.
pub const CHECKIN: Tr = Tr("Check-in", "Contrôle des entrées");
pub const CHECKIN_OF: Tr = Tr("Check-in · {event}", "Contrôle des entrées · {event}");
pub const LISTS: Tr = Tr("Check-in lists", "Listes de contrôle");
pub const LISTS_HINT: Tr = Tr(
    "A list says which tickets a door admits, and when. Door staff pick one in the scanner.",
    "Une liste indique quels billets une entrée accepte, et quand. Le personnel la choisit dans le scanner.",
);
pub const NO_LISTS: Tr = Tr(
    "No check-in lists yet. Add one to start scanning.",
    "Aucune liste de contrôle pour l'instant. Ajoutez-en une pour commencer le contrôle.",
);
pub const NAME: Tr = Tr("Name", "Nom");
pub const ADMITS: Tr = Tr("Admits", "Accepte");
pub const ALL_TICKETS: Tr = Tr("All tickets", "Tous les billets");
pub const WINDOW: Tr = Tr("Open", "Ouverture");
pub const ANY_TIME: Tr = Tr("Any time", "À tout moment");
pub const FROM_TIME: Tr = Tr("From {at}", "À partir du {at}");
pub const UNTIL_TIME: Tr = Tr("Until {at}", "Jusqu'au {at}");
pub const REENTRY: Tr = Tr("Re-entry", "Réadmission");
pub const INSIDE: Tr = Tr("Inside", "Présents");
pub const INSIDE_OF: Tr = Tr("{n} of {total}", "{n} sur {total}");
pub const OPEN_SCANNER: Tr = Tr("Open scanner", "Ouvrir le scanner");
pub const OPEN_SCANNER_NAMED: Tr = Tr("Open the scanner on {name}", "Ouvrir le scanner sur {name}");
pub const SHOW_LOG_NAMED: Tr = Tr("Scan log of {name}", "Journal de {name}");
pub const SHOW_LOG: Tr = Tr("Scan log", "Journal");
pub const EDIT_LIST_NAMED: Tr = Tr("Edit list {name}", "Modifier la liste {name}");
pub const DELETE_LIST_NAMED: Tr = Tr("Delete list {name}", "Supprimer la liste {name}");
pub const DELETE_LIST_TITLE: Tr = Tr("Delete list {name}?", "Supprimer la liste {name} ?");
pub const DELETE_LIST_TEXT: Tr = Tr(
    "Its check-ins and its scan log are deleted with it. Tickets stay valid.",
    "Ses entrées et son journal sont supprimés avec elle. Les billets restent valables.",
);
pub const LIST_ADDED: Tr = Tr("List {name} added", "Liste {name} ajoutée");
pub const LIST_SAVED: Tr = Tr("List {name} saved", "Liste {name} enregistrée");
pub const LIST_DELETED: Tr = Tr("List {name} deleted", "Liste {name} supprimée");
pub const REFRESH: Tr = Tr("Refresh", "Actualiser");

// List form.
pub const ADD_LIST: Tr = Tr("Add list", "Ajouter une liste");
pub const EDIT_LIST: Tr = Tr("Edit list", "Modifier la liste");
pub const SAVE_LIST: Tr = Tr("Save list", "Enregistrer la liste");
pub const LIST_NAME: Tr = Tr("List name", "Nom de la liste");
pub const LIST_NAME_HINT: Tr = Tr(
    "What door staff see, e.g. \"Main entrance\" or \"VIP\".",
    "Ce que voit le personnel, ex. « Entrée principale » ou « VIP ».",
);
pub const TICKET_TYPES: Tr = Tr("Ticket types admitted", "Types de billets acceptés");
pub const TYPES_HINT: Tr = Tr(
    "None checked = every ticket type.",
    "Aucun coché = tous les types de billets.",
);
pub const OPENS_AT: Tr = Tr("Opens at (optional)", "Ouvre à (facultatif)");
pub const CLOSES_AT: Tr = Tr("Closes at (optional)", "Ferme à (facultatif)");
pub const EVENT_TIME: Tr = Tr("Event time ({tz})", "Heure de l'événement ({tz})");
pub const ALLOW_REENTRY: Tr = Tr("Allow re-entry", "Autoriser la réadmission");
pub const ALLOW_REENTRY_HINT: Tr = Tr(
    "Attendees scanned out may come back in. Without it, a ticket is used once.",
    "Les participants scannés à la sortie peuvent revenir. Sinon, un billet ne sert qu'une fois.",
);

// Scan log and conflicts.
pub const SCAN_LOG: Tr = Tr("Scan log", "Journal des scans");
pub const LOG_LIST: Tr = Tr("List", "Liste");
pub const LOG_VIEW: Tr = Tr("Show", "Afficher");
pub const ALL_SCANS: Tr = Tr("All scans", "Tous les scans");
pub const CONFLICTS: Tr = Tr("Offline conflicts", "Conflits hors ligne");
pub const CONFLICTS_HINT: Tr = Tr(
    "Tickets a scanner admitted while offline although they had already been admitted. The first admission stands; check these people with the door staff.",
    "Billets admis par un scanner hors ligne alors qu'ils l'avaient déjà été. La première entrée compte ; vérifiez ces cas avec le personnel.",
);
pub const NO_SCANS: Tr = Tr(
    "No scans on this list yet.",
    "Aucun scan sur cette liste pour l'instant.",
);
pub const NO_CONFLICTS: Tr = Tr(
    "No conflicts: no ticket was admitted twice.",
    "Aucun conflit : aucun billet n'a été admis deux fois.",
);
pub const SCANNED_AT: Tr = Tr("Scanned", "Scanné le");
pub const ADMITTED_OFFLINE_AT: Tr = Tr("Admitted offline", "Admis hors ligne le");
pub const RECORDED_AT: Tr = Tr("Synced", "Synchronisé le");
pub const TICKET: Tr = Tr("Ticket", "Billet");
pub const OUTCOME: Tr = Tr("Outcome", "Résultat");
pub const GATE: Tr = Tr("Gate", "Porte");
pub const BY: Tr = Tr("By", "Par");
pub const DEVICE: Tr = Tr("Device", "Appareil");
pub const NO_GATE: Tr = Tr("No gate", "Sans porte");
pub const OFFLINE_SHOWED: Tr = Tr(
    "Offline: showed {outcome}",
    "Hors ligne : affichait {outcome}",
);
pub const CONFLICT: Tr = Tr("Conflict", "Conflit");
pub const DIRECTION: Tr = Tr("Direction", "Sens");
pub const EXIT: Tr = Tr("Exit", "Sortie");
pub const ENTRY: Tr = Tr("Entry", "Entrée");
pub const UNKNOWN_TICKET: Tr = Tr("Unknown code", "Code inconnu");

// Devices.
pub const DEVICES: Tr = Tr("Scanning devices", "Appareils de contrôle");
pub const DEVICES_HINT: Tr = Tr(
    "Phones and tablets registered by door staff in this organization. Revoke a lost one: it can no longer scan or hand out swag.",
    "Téléphones et tablettes enregistrés par le personnel de l'organisation. Révoquez un appareil perdu : il ne peut plus scanner ni distribuer de goodies.",
);
pub const NO_DEVICES: Tr = Tr(
    "No devices registered yet. Scanners register themselves when staff open them.",
    "Aucun appareil enregistré. Les scanners s'enregistrent quand le personnel les ouvre.",
);
pub const REGISTERED_BY: Tr = Tr("Registered by", "Enregistré par");
pub const REGISTERED: Tr = Tr("Registered", "Enregistré le");
pub const LAST_SEEN: Tr = Tr("Last seen", "Vu pour la dernière fois");
pub const NEVER: Tr = Tr("Never", "Jamais");
pub const STATUS: Tr = Tr("Status", "Statut");
pub const ACTIVE: Tr = Tr("Active", "Actif");
pub const REVOKED_AT: Tr = Tr("Revoked {at}", "Révoqué le {at}");
pub const REVOKE: Tr = Tr("Revoke", "Révoquer");
pub const REVOKE_NAMED: Tr = Tr("Revoke device {name}", "Révoquer l'appareil {name}");
pub const REVOKE_TITLE: Tr = Tr("Revoke {name}?", "Révoquer {name} ?");
pub const REVOKE_TEXT: Tr = Tr(
    "It can no longer scan tickets or hand out swag, even offline once it syncs. Its past scans stay in the logs. This cannot be undone.",
    "Il ne pourra plus scanner de billets ni distribuer de goodies, même hors ligne dès sa synchronisation. Ses scans passés restent dans les journaux. C'est définitif.",
);
pub const DEVICE_REVOKED: Tr = Tr("Device {name} revoked", "Appareil {name} révoqué");

// Live dashboard.
pub const LIVE: Tr = Tr("Live check-in", "Contrôle en direct");
pub const LIVE_OF: Tr = Tr("Live · {event}", "En direct · {event}");
pub const STATUS_LIVE: Tr = Tr("Live", "En direct");
pub const STATUS_CONNECTING: Tr = Tr("Connecting…", "Connexion…");
pub const STATUS_RECONNECTING: Tr = Tr("Reconnecting…", "Reconnexion…");
pub const STATUS_STOPPED: Tr = Tr("Not updating", "Mises à jour arrêtées");
pub const UPDATED_AT: Tr = Tr("Updated {at}", "Mis à jour à {at}");
pub const CHECKED_IN: Tr = Tr("Checked in", "Entrés");
pub const OF_EXPECTED: Tr = Tr("of {total} expected", "sur {total} attendus");
pub const PERCENT: Tr = Tr("{n} %", "{n} %");
pub const BY_TICKET_TYPE: Tr = Tr("By ticket type", "Par type de billet");
pub const BY_GATE: Tr = Tr("By gate", "Par porte");
pub const NO_GATES: Tr = Tr("No entries yet.", "Aucune entrée pour l'instant.");
pub const ENTRIES: Tr = Tr("{n} entries", "{n} entrées");
pub const ONE_ENTRY: Tr = Tr("1 entry", "1 entrée");
pub const ARRIVALS: Tr = Tr(
    "Arrivals per 5 minutes",
    "Arrivées par tranche de 5 minutes",
);
pub const NO_ARRIVALS: Tr = Tr("No arrivals yet.", "Aucune arrivée pour l'instant.");
pub const ARRIVALS_AT: Tr = Tr("{at}: {n} arrivals", "{at} : {n} arrivées");
pub const PEAK: Tr = Tr("Busiest: {n}", "Pic : {n}");
pub const TIME: Tr = Tr("Time", "Heure");
pub const COUNT: Tr = Tr("Arrivals", "Arrivées");
pub const SWAG_HANDED_OUT: Tr = Tr("Swag handed out", "Goodies distribués");
pub const NO_SWAG: Tr = Tr(
    "No swag for this event.",
    "Aucun goodie pour cet événement.",
);
pub const HANDED_OUT_OF: Tr = Tr("{n} of {total}", "{n} sur {total}");

// Swag page and items.
pub const SWAG: Tr = Tr("Swag", "Goodies");
pub const SWAG_OF: Tr = Tr("Swag · {event}", "Goodies · {event}");
pub const SWAG_HINT: Tr = Tr(
    "Items handed out at the door by scanning the ticket. Nobody gets more than the allowance, and stock never goes below zero.",
    "Articles remis à l'entrée en scannant le billet. Personne ne reçoit plus que sa part et le stock ne devient jamais négatif.",
);
pub const NO_ITEMS: Tr = Tr("No swag items yet.", "Aucun goodie pour l'instant.");
pub const ITEM: Tr = Tr("Item", "Article");
pub const ELIGIBLE: Tr = Tr("For", "Pour");
pub const PER_ATTENDEE: Tr = Tr("Per attendee", "Par participant");
pub const STOCK: Tr = Tr("Stock", "Stock");
pub const HANDED_OUT: Tr = Tr("Handed out", "Distribués");
pub const REMAINING: Tr = Tr("Remaining", "Restants");
pub const DOWNLOAD_REPORT: Tr = Tr("Download report (CSV)", "Télécharger le rapport (CSV)");
pub const DOWNLOADING: Tr = Tr("Downloading…", "Téléchargement…");
pub const DETAILS: Tr = Tr("Stock and hand-outs", "Stock et distributions");
pub const DETAILS_NAMED: Tr = Tr(
    "Stock and hand-outs of {name}",
    "Stock et distributions de {name}",
);
pub const EDIT_ITEM_NAMED: Tr = Tr("Edit {name}", "Modifier {name}");
pub const DELETE_ITEM_NAMED: Tr = Tr("Delete {name}", "Supprimer {name}");
pub const DELETE_ITEM_TITLE: Tr = Tr("Delete {name}?", "Supprimer {name} ?");
pub const DELETE_ITEM_TEXT: Tr = Tr(
    "Door staff can no longer hand it out. Its stock history and hand-out report go with it.",
    "Le personnel ne pourra plus le distribuer. Son historique de stock et ses distributions sont supprimés.",
);
pub const CANNOT_DELETE_HANDED_OUT: Tr = Tr(
    "Items already handed out cannot be deleted. Adjust their stock instead.",
    "Un article déjà distribué ne peut pas être supprimé. Ajustez plutôt son stock.",
);
pub const ITEM_ADDED: Tr = Tr("{name} added", "{name} ajouté");
pub const ITEM_SAVED: Tr = Tr("{name} saved", "{name} enregistré");
pub const ITEM_DELETED: Tr = Tr("{name} deleted", "{name} supprimé");

// Swag item form.
pub const ADD_ITEM: Tr = Tr("Add swag item", "Ajouter un goodie");
pub const EDIT_ITEM: Tr = Tr("Edit swag item", "Modifier le goodie");
pub const SAVE_ITEM: Tr = Tr("Save item", "Enregistrer le goodie");
pub const ITEM_NAME: Tr = Tr("Item name", "Nom de l'article");
pub const ITEM_NAME_HINT: Tr = Tr(
    "E.g. \"T-shirt\" or \"Drink voucher\".",
    "Ex. « T-shirt » ou « Bon boisson ».",
);
pub const INITIAL_STOCK: Tr = Tr("Stock", "Stock");
pub const INITIAL_STOCK_HINT: Tr = Tr(
    "Units you have now, 0 to 1,000,000.",
    "Unités dont vous disposez, de 0 à 1 000 000.",
);
pub const STOCK_FIXED_HINT: Tr = Tr(
    "Change the stock with an adjustment below.",
    "Modifiez le stock par un ajustement ci-dessous.",
);
pub const ALLOWANCE: Tr = Tr("Allowance per attendee", "Quantité par participant");
pub const ALLOWANCE_HINT: Tr = Tr(
    "Units one ticket may receive, 1 to 100.",
    "Unités qu'un billet peut recevoir, de 1 à 100.",
);
pub const ELIGIBLE_TYPES: Tr = Tr("Eligible ticket types", "Types de billets concernés");

// Stock adjustments.
pub const STOCK_OF: Tr = Tr("Stock of {name}", "Stock de {name}");
pub const CLOSE_DETAILS: Tr = Tr("Close", "Fermer");
pub const ADJUST_STOCK: Tr = Tr("Adjust stock", "Ajuster le stock");
pub const DELTA: Tr = Tr("Change", "Variation");
pub const DELTA_HINT: Tr = Tr(
    "Not zero: +20 for a delivery, −3 for breakage or loss.",
    "Non nulle : +20 pour une livraison, −3 pour de la casse ou une perte.",
);
pub const REASON: Tr = Tr("Reason", "Motif");
pub const REASON_HINT: Tr = Tr("E.g. \"Second delivery\".", "Ex. « Deuxième livraison ».");
pub const RECORD_ADJUSTMENT: Tr = Tr("Record adjustment", "Enregistrer l'ajustement");
pub const ADJUSTED: Tr = Tr(
    "Stock of {name} adjusted by {delta}",
    "Stock de {name} ajusté de {delta}",
);
pub const STOCK_BELOW_HANDED_OUT: Tr = Tr(
    "The stock cannot go below what was already handed out.",
    "Le stock ne peut pas descendre sous ce qui a déjà été distribué.",
);
pub const ADJUSTMENTS: Tr = Tr("Stock history", "Historique du stock");
pub const NO_ADJUSTMENTS: Tr = Tr(
    "No adjustments yet: the stock is the one set at creation.",
    "Aucun ajustement : le stock est celui de la création.",
);
pub const WHEN: Tr = Tr("When", "Date");

// Hand-outs.
pub const HANDOUTS: Tr = Tr("Hand-outs", "Distributions");
pub const NO_HANDOUTS: Tr = Tr("Nothing handed out yet.", "Rien n'a encore été distribué.");
pub const ATTENDEE: Tr = Tr("Attendee", "Participant");
pub const TICKET_TYPE: Tr = Tr("Ticket type", "Type de billet");
pub const QUANTITY: Tr = Tr("Quantity", "Quantité");

/// A scan's outcome as the log shows it.
pub fn outcome_text(o: ScanOutcome) -> Tr {
    match o {
        ScanOutcome::Ok => Tr("Admitted", "Admis"),
        ScanOutcome::AlreadyCheckedIn => Tr("Already checked in", "Déjà entré"),
        ScanOutcome::NotCheckedIn => Tr("Not inside", "Pas entré"),
        ScanOutcome::NotPaid => Tr("Not paid", "Non payé"),
        ScanOutcome::Refunded => Tr("Refunded", "Remboursé"),
        ScanOutcome::Cancelled => Tr("Cancelled", "Annulé"),
        ScanOutcome::WrongEvent => Tr("Other event", "Autre événement"),
        ScanOutcome::NotOnThisList => Tr("Not on this list", "Pas sur cette liste"),
        ScanOutcome::OutsideWindow => Tr("Outside opening hours", "Hors horaires"),
        ScanOutcome::UnknownCode => Tr("Unknown code", "Code inconnu"),
        ScanOutcome::InvalidSignature => Tr("Forged QR code", "QR code falsifié"),
    }
}

/// `Entry` or `Exit`.
pub fn direction_text(d: ScanDirection) -> Tr {
    match d {
        ScanDirection::Entry => ENTRY,
        ScanDirection::Exit => EXIT,
    }
}
