//! Texts buyers read: discovery on the home page and the public event page.

use super::Tr;

pub const DISCOVER_TITLE: Tr = Tr("Upcoming events", "Événements à venir");
pub const SEARCH_EVENTS: Tr = Tr("Search events", "Rechercher des événements");
pub const FILTERS: Tr = Tr("Filters", "Filtres");
pub const CATEGORY: Tr = Tr("Category", "Catégorie");
pub const ANY_CATEGORY: Tr = Tr("All categories", "Toutes les catégories");
pub const CITY: Tr = Tr("City", "Ville");
pub const COUNTRY: Tr = Tr("Country", "Pays");
pub const ANY_COUNTRY: Tr = Tr("All countries", "Tous les pays");
pub const FROM: Tr = Tr("From", "Du");
pub const TO: Tr = Tr("To", "Au");
pub const PRICE: Tr = Tr("Price", "Prix");
pub const ANY_PRICE: Tr = Tr("Any price", "Tous les prix");
pub const FREE: Tr = Tr("Free", "Gratuit");
pub const PAID: Tr = Tr("Paid", "Payant");
pub const SORT: Tr = Tr("Sort by", "Trier par");
pub const SORT_DATE: Tr = Tr("Date", "Date");
pub const SORT_POPULARITY: Tr = Tr("Popularity", "Popularité");
pub const CLEAR_FILTERS: Tr = Tr("Clear filters", "Effacer les filtres");
pub const NO_MATCH: Tr = Tr(
    "No events match your search.",
    "Aucun événement ne correspond à votre recherche.",
);
pub const RESULTS: Tr = Tr("Events found", "Événements trouvés");
pub const FEATURED: Tr = Tr("Featured", "À la une");
pub const ONLINE: Tr = Tr("Online", "En ligne");
pub const FROM_PRICE: Tr = Tr("From {price}", "À partir de {price}");

pub const EVENT_TIME: Tr = Tr("Event time ({tz})", "Heure de l'événement ({tz})");
pub const YOUR_TIME: Tr = Tr("Your time ({tz})", "Votre heure ({tz})");
pub const WHEN: Tr = Tr("When", "Quand");
pub const WHERE: Tr = Tr("Where", "Où");
pub const ONLINE_EVENT: Tr = Tr(
    "Online event: the link comes with your tickets.",
    "Événement en ligne : le lien arrive avec vos billets.",
);
pub const VIEW_MAP: Tr = Tr("View on the map", "Voir sur la carte");
pub const NEW_TAB: Tr = Tr("(opens in a new tab)", "(s'ouvre dans un nouvel onglet)");
pub const ORGANIZED_BY: Tr = Tr("Organized by", "Organisé par");
pub const ABOUT: Tr = Tr("About this event", "À propos de cet événement");
pub const TICKETS: Tr = Tr("Tickets", "Billets");
pub const NO_TICKETS: Tr = Tr(
    "No tickets are offered yet.",
    "Aucun billet n'est encore proposé.",
);
pub const ON_SALE: Tr = Tr("On sale", "En vente");
pub const SOLD_OUT: Tr = Tr("Sold out", "Épuisé");
pub const NOT_YET_ON_SALE: Tr = Tr("Not yet on sale", "Bientôt en vente");
pub const SALES_ENDED: Tr = Tr("Sales ended", "Ventes terminées");
pub const ONLY_LEFT: Tr = Tr("Only {n} left", "Plus que {n}");
pub const SALE_OPENS: Tr = Tr("Sale opens {date}", "Ouverture des ventes : {date}");
pub const ACCESS_CODE: Tr = Tr("Access code", "Code d'accès");
pub const ACCESS_CODE_HINT: Tr = Tr(
    "Have a code from the organizer? It unlocks hidden tickets.",
    "Vous avez un code de l'organisateur ? Il débloque des billets masqués.",
);
pub const UNLOCK: Tr = Tr("Unlock", "Débloquer");
pub const UNLOCKED: Tr = Tr("{n} ticket type(s) unlocked", "{n} billet(s) débloqué(s)");
pub const BAD_CODE: Tr = Tr(
    "No tickets match this code.",
    "Aucun billet ne correspond à ce code.",
);
pub const UNLOCKED_BADGE: Tr = Tr("Unlocked", "Débloqué");
pub const SHARE: Tr = Tr("Share", "Partager");
pub const COPY_LINK: Tr = Tr("Copy link", "Copier le lien");
pub const LINK_COPIED: Tr = Tr("Link copied", "Lien copié");
pub const SHARE_WHATSAPP: Tr = Tr("Share on WhatsApp", "Partager sur WhatsApp");
pub const SHARE_X: Tr = Tr("Share on X (Twitter)", "Partager sur X (Twitter)");
pub const SHARE_FACEBOOK: Tr = Tr("Share on Facebook", "Partager sur Facebook");
pub const ADD_TO_CALENDAR: Tr = Tr("Add to calendar", "Ajouter au calendrier");
pub const CANCELLED_BANNER: Tr = Tr("This event is cancelled.", "Cet événement est annulé.");
pub const ENDED_BANNER: Tr = Tr("This event has ended.", "Cet événement est terminé.");
pub const COVER_ALT: Tr = Tr("Cover image of {event}", "Image de couverture de {event}");
pub const LOGO_ALT: Tr = Tr("Logo of {org}", "Logo de {org}");
