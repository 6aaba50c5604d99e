//! Texts of the door scanner (`/orgs/:org_id/scan`): the setup (event, list or swag item, gate,
//! device), the scanner screen (result panel, camera, manual entry, name search, counts, log),
//! offline mode and sync, and every scan and hand-out outcome.

use common::checkin::{ScanDirection, ScanOutcome};
use common::swag::SwagOutcome;

use super::Tr;

pub const SCANNER: Tr = Tr("Scanner", "Scanner");

// Setup.
pub const SETUP_TITLE: Tr = Tr("Door scanner", "Contrôle à l'entrée");
pub const SETUP_LEAD: Tr = Tr(
    "Choose what this phone checks, then scan tickets with the camera, type their code or search by name.",
    "Choisissez ce que ce téléphone contrôle, puis scannez les billets avec la caméra, saisissez leur code ou cherchez par nom.",
);
pub const EVENT: Tr = Tr("Event", "Événement");
pub const NO_EVENTS: Tr = Tr(
    "No published event to check in yet.",
    "Aucun événement publié à contrôler pour l'instant.",
);
pub const SCAN_FOR: Tr = Tr("Scan for", "Scanner pour");
pub const SCAN_FOR_HINT: Tr = Tr(
    "A check-in list admits people at a door; a swag item hands something out to ticket holders.",
    "Une liste de contrôle fait entrer à une porte ; un article remet un cadeau aux détenteurs de billets.",
);
pub const CHECKIN_LISTS: Tr = Tr("Check-in lists", "Listes de contrôle");
pub const SWAG_ITEMS: Tr = Tr("Swag hand-out", "Remise de cadeaux");
pub const SWAG_OPTION: Tr = Tr("{name} ({remaining} left)", "{name} ({remaining} restants)");
pub const NO_LISTS: Tr = Tr(
    "This event has no check-in list or swag item yet. An organizer creates them on the event's check-in page.",
    "Cet événement n'a encore ni liste de contrôle ni article à remettre. Un organisateur les crée sur la page de contrôle de l'événement.",
);
pub const OPEN_CHECKIN_PAGE: Tr = Tr(
    "Open the event's check-in page",
    "Ouvrir la page de contrôle de l'événement",
);
pub const GATE: Tr = Tr("Gate name", "Nom de l'entrée");
pub const GATE_HINT: Tr = Tr(
    "Optional, shown in the scan log (\"North gate\").",
    "Facultatif, affiché dans le journal des scans (« Porte nord »).",
);
pub const DEVICE_NAME: Tr = Tr("Name of this device", "Nom de cet appareil");
pub const DEVICE_NAME_HINT: Tr = Tr(
    "Registered once; an organizer can revoke it if the phone is lost.",
    "Enregistré une fois ; un organisateur peut le révoquer si le téléphone est perdu.",
);
pub const DEVICE_DEFAULT: Tr = Tr("{name}'s phone", "Téléphone de {name}");
pub const DEVICE_REGISTERED: Tr = Tr(
    "This device is registered for scanning.",
    "Cet appareil est enregistré pour le contrôle.",
);
pub const START: Tr = Tr("Start scanning", "Commencer le contrôle");
pub const STARTING: Tr = Tr("Starting…", "Démarrage…");
pub const CHANGE_SETUP: Tr = Tr("Change event or list", "Changer d'événement ou de liste");

// Scanner screen.
pub const SCANNING_AT: Tr = Tr("Scanning · {list}", "Contrôle · {list}");
pub const HANDING_OUT: Tr = Tr("Handing out · {item}", "Remise · {item}");
pub const GATE_LABEL: Tr = Tr("Gate: {gate}", "Entrée : {gate}");
pub const DIRECTION: Tr = Tr("Direction", "Sens");
pub const ENTRY: Tr = Tr("Entry", "Entrée");
pub const EXIT: Tr = Tr("Exit", "Sortie");
pub const READY: Tr = Tr("Ready to scan", "Prêt à scanner");
pub const READY_HINT: Tr = Tr(
    "Hold the ticket's QR code in front of the camera, or type its code.",
    "Présentez le QR code du billet à la caméra, ou saisissez son code.",
);
pub const CHECKING: Tr = Tr("Checking…", "Vérification…");
pub const RESULT: Tr = Tr("Scan result", "Résultat du scan");
pub const SCANNED_AT: Tr = Tr("Scanned at {time}", "Scanné à {time}");
pub const OFFLINE_DECISION: Tr = Tr(
    "Decided offline, will sync",
    "Décidé hors ligne, sera synchronisé",
);
pub const PREVIOUS_ENTRY: Tr = Tr("Entered at {time}", "Entré à {time}");
pub const PREVIOUS_GATE: Tr = Tr("at {gate}", "par {gate}");
pub const PREVIOUS_BY: Tr = Tr("scanned by {name}", "scanné par {name}");
pub const RECEIVED: Tr = Tr(
    "Received {received} of {allowance}",
    "Reçu {received} sur {allowance}",
);
pub const REMAINING: Tr = Tr("{n} left in stock", "{n} restants en stock");
pub const UNNAMED: Tr = Tr("Ticket {code}", "Billet {code}");

// Camera.
pub const CAMERA: Tr = Tr("Camera", "Caméra");
pub const CAMERA_START: Tr = Tr("Start camera", "Allumer la caméra");
pub const CAMERA_STOP: Tr = Tr("Stop camera", "Éteindre la caméra");
pub const CAMERA_STARTING: Tr = Tr("Starting the camera…", "Démarrage de la caméra…");
pub const CAMERA_ON: Tr = Tr(
    "Camera on: point it at a ticket's QR code.",
    "Caméra allumée : visez le QR code d'un billet.",
);
pub const CAMERA_OFF: Tr = Tr("Camera off.", "Caméra éteinte.");
pub const CAMERA_DENIED: Tr = Tr(
    "The camera is not allowed. Allow it in the browser's site settings, or type codes below.",
    "La caméra n'est pas autorisée. Autorisez-la dans les réglages du site, ou saisissez les codes ci-dessous.",
);
pub const CAMERA_MISSING: Tr = Tr(
    "No camera found on this device. Type codes below.",
    "Aucune caméra sur cet appareil. Saisissez les codes ci-dessous.",
);
pub const CAMERA_FAILED: Tr = Tr(
    "The camera could not start. Type codes below.",
    "La caméra n'a pas pu démarrer. Saisissez les codes ci-dessous.",
);
pub const CAMERA_VIEW: Tr = Tr("Camera view", "Image de la caméra");

// Manual entry and search.
pub const MANUAL: Tr = Tr("Type a code", "Saisir un code");
pub const CODE: Tr = Tr("Ticket code", "Code du billet");
pub const CODE_HINT: Tr = Tr(
    "16 characters, as printed under the QR code; dashes optional.",
    "16 caractères, imprimés sous le QR code ; tirets facultatifs.",
);
pub const CHECK: Tr = Tr("Check", "Vérifier");
pub const HAND_OUT: Tr = Tr("Hand out", "Remettre");
pub const SEARCH: Tr = Tr("Find by name", "Chercher par nom");
pub const SEARCH_LABEL: Tr = Tr(
    "Attendee name, email or code",
    "Nom, e-mail ou code du participant",
);
pub const SEARCH_BUTTON: Tr = Tr("Search", "Rechercher");
pub const SEARCH_SHORT: Tr = Tr(
    "Type at least 2 characters.",
    "Saisissez au moins 2 caractères.",
);
pub const NO_MATCH: Tr = Tr("Nobody matches.", "Personne ne correspond.");
pub const MATCHES: Tr = Tr("{n} match(es)", "{n} résultat(s)");
pub const CHECK_IN_NAMED: Tr = Tr("Check in {name}", "Faire entrer {name}");
pub const CHECK_OUT_NAMED: Tr = Tr("Check out {name}", "Faire sortir {name}");
pub const CHECK_IN: Tr = Tr("Check in", "Faire entrer");
pub const CHECK_OUT: Tr = Tr("Check out", "Faire sortir");
pub const INSIDE: Tr = Tr("Inside", "Entré");
pub const LEFT: Tr = Tr("Left", "Sorti");
pub const NOT_YET: Tr = Tr("Not yet in", "Pas encore entré");
pub const SEARCHED_OFFLINE: Tr = Tr(
    "Searched in the offline copy.",
    "Recherche dans la copie hors ligne.",
);

// Counts and log.
pub const COUNTS: Tr = Tr("Counts", "Compteurs");
pub const CHECKED_IN_OF: Tr = Tr("{n} of {total} checked in", "{n} sur {total} entrés");
pub const BY_TYPE: Tr = Tr("By ticket type", "Par type de billet");
pub const THIS_DEVICE: Tr = Tr(
    "This device: {ok} admitted, {refused} refused",
    "Cet appareil : {ok} admis, {refused} refusés",
);
pub const HANDED_OUT_HERE: Tr = Tr("This device: {ok} handed out", "Cet appareil : {ok} remis");
pub const STOCK: Tr = Tr(
    "{remaining} of {stock} left",
    "{remaining} sur {stock} restants",
);
pub const LOG: Tr = Tr("Last scans", "Derniers scans");
pub const LOG_EMPTY: Tr = Tr("No scan yet.", "Aucun scan pour l'instant.");
pub const QUEUED_MARK: Tr = Tr("offline", "hors ligne");

// Network, offline copy and sync.
pub const ONLINE: Tr = Tr("Online", "En ligne");
pub const OFFLINE: Tr = Tr("Offline", "Hors ligne");
pub const QUEUED: Tr = Tr("{n} scan(s) to sync", "{n} scan(s) à synchroniser");
pub const ALL_SYNCED: Tr = Tr("All scans synced", "Tous les scans sont synchronisés");
pub const SYNC_NOW: Tr = Tr("Sync now", "Synchroniser");
pub const SYNCING: Tr = Tr("Syncing…", "Synchronisation…");
pub const OFFLINE_BANNER: Tr = Tr(
    "No network: scans are decided on this phone from the offline copy and synced when the network is back.",
    "Pas de réseau : les scans sont décidés sur ce téléphone avec la copie hors ligne, puis synchronisés au retour du réseau.",
);
pub const COPY_READY: Tr = Tr(
    "Offline copy: {n} tickets, updated {time}",
    "Copie hors ligne : {n} billets, mise à jour à {time}",
);
pub const COPY_LOADING: Tr = Tr(
    "Downloading the offline copy…",
    "Téléchargement de la copie hors ligne…",
);
pub const COPY_MISSING: Tr = Tr(
    "No offline copy: scanning needs the network.",
    "Pas de copie hors ligne : le contrôle a besoin du réseau.",
);
pub const COPY_REFRESH: Tr = Tr("Update offline copy", "Mettre à jour la copie");
pub const NO_COPY_OFFLINE: Tr = Tr(
    "Offline and no offline copy of this list: this ticket cannot be checked. Reconnect, then scan again.",
    "Hors ligne et sans copie de cette liste : ce billet ne peut pas être vérifié. Reconnectez-vous puis scannez à nouveau.",
);
pub const SWAG_NEEDS_NETWORK: Tr = Tr(
    "Handing out swag needs the network: nothing was handed out. Reconnect, then scan again.",
    "La remise de cadeaux a besoin du réseau : rien n'a été remis. Reconnectez-vous puis scannez à nouveau.",
);
pub const SYNC_DONE: Tr = Tr(
    "{n} offline scan(s) synced.",
    "{n} scan(s) hors ligne synchronisé(s).",
);
pub const SYNC_CONFLICTS: Tr = Tr(
    "{n} conflict(s): these tickets had already been admitted elsewhere. The first scan stands.",
    "{n} conflit(s) : ces billets avaient déjà été admis ailleurs. Le premier scan fait foi.",
);
pub const SYNC_DIFFERENT: Tr = Tr(
    "The server answered differently for these scans:",
    "Le serveur a répondu autrement pour ces scans :",
);
pub const SYNC_LINE: Tr = Tr(
    "{who}: shown {shown}, server says {server}",
    "{who} : affiché {shown}, le serveur dit {server}",
);
pub const CONFLICT_LINE: Tr = Tr(
    "{who}: already admitted {when}",
    "{who} : déjà admis {when}",
);
pub const DISMISS: Tr = Tr("Dismiss", "Masquer");
pub const SYNC_REPORT: Tr = Tr("Sync report", "Rapport de synchronisation");
pub const NO_DEVICE: Tr = Tr(
    "This device is not registered yet: scans sync once it is (needs the network).",
    "Cet appareil n'est pas encore enregistré : les scans seront synchronisés ensuite (réseau nécessaire).",
);
pub const REVOKED_TITLE: Tr = Tr("This device was revoked", "Cet appareil a été révoqué");
pub const REVOKED_TEXT: Tr = Tr(
    "An organizer revoked this device: it can no longer scan, and its offline copy was deleted. Ask an organizer if this is a mistake.",
    "Un organisateur a révoqué cet appareil : il ne peut plus contrôler, et sa copie hors ligne a été effacée. Adressez-vous à un organisateur en cas d'erreur.",
);

/// The big headline of a check-in answer.
pub fn scan_outcome(outcome: ScanOutcome, direction: ScanDirection) -> Tr {
    match (outcome, direction) {
        (ScanOutcome::Ok, ScanDirection::Entry) => Tr("Welcome in", "Bienvenue"),
        (ScanOutcome::Ok, ScanDirection::Exit) => Tr("Exit recorded", "Sortie enregistrée"),
        (ScanOutcome::AlreadyCheckedIn, _) => Tr("Already checked in", "Déjà entré"),
        (ScanOutcome::NotCheckedIn, _) => Tr("Not checked in", "Pas encore entré"),
        (ScanOutcome::NotPaid, _) => Tr("Order not paid", "Commande non payée"),
        (ScanOutcome::Refunded, _) => Tr("Ticket refunded", "Billet remboursé"),
        (ScanOutcome::Cancelled, _) => Tr("Ticket cancelled", "Billet annulé"),
        (ScanOutcome::WrongEvent, _) => {
            Tr("Ticket for another event", "Billet d'un autre événement")
        }
        (ScanOutcome::NotOnThisList, _) => Tr(
            "Ticket type not admitted here",
            "Type de billet non admis ici",
        ),
        (ScanOutcome::OutsideWindow, _) => {
            Tr("Outside the check-in hours", "Hors des heures de contrôle")
        }
        (ScanOutcome::UnknownCode, _) => Tr("Unknown ticket", "Billet inconnu"),
        (ScanOutcome::InvalidSignature, _) => Tr("Forged or altered QR code", "QR code falsifié"),
    }
}

/// The big headline of a swag hand-out answer.
pub fn swag_outcome(outcome: SwagOutcome) -> Tr {
    match outcome {
        SwagOutcome::Ok => Tr("Hand it over", "À remettre"),
        SwagOutcome::OutOfStock => Tr("Out of stock", "Stock épuisé"),
        SwagOutcome::AllowanceReached => Tr("Already received", "Déjà reçu"),
        SwagOutcome::NotEligible => Tr("Not eligible", "Non éligible"),
        SwagOutcome::TicketNotValid => Tr("Ticket not valid", "Billet non valable"),
        SwagOutcome::WrongEvent => Tr("Ticket for another event", "Billet d'un autre événement"),
        SwagOutcome::UnknownCode => Tr("Unknown ticket", "Billet inconnu"),
        SwagOutcome::InvalidSignature => Tr("Forged or altered QR code", "QR code falsifié"),
    }
}
