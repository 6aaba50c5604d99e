//! Texts of the organizer's event screens: list, form, theme, cover, publishing, ticket types and
//! capacity groups.

use super::Tr;

pub const EVENTS: Tr = Tr("Events", "Événements");
pub const CREATE_EVENT: Tr = Tr("Create event", "Créer un événement");
pub const NEW_EVENT_TITLE: Tr = Tr("New event", "Nouvel événement");
pub const NEW_EVENT_INTRO: Tr = Tr(
    "Start with the essentials; tickets, cover image and theme preview come once the draft is saved.",
    "Commencez par l'essentiel ; billets, image de couverture et aperçu du thème viennent une fois le brouillon enregistré.",
);
pub const EDIT_EVENT_TITLE: Tr = Tr("Edit event", "Modifier l'événement");
pub const BACK_TO_EVENTS: Tr = Tr("All events", "Tous les événements");
pub const NO_EVENTS: Tr = Tr("No events here yet.", "Aucun événement pour l'instant.");
pub const STATUS_FILTER: Tr = Tr("Filter by status", "Filtrer par statut");
pub const ALL: Tr = Tr("All", "Tous");
pub const DRAFT: Tr = Tr("Draft", "Brouillon");
pub const PUBLISHED: Tr = Tr("Published", "Publié");
pub const ENDED: Tr = Tr("Ended", "Terminé");
pub const CANCELLED: Tr = Tr("Cancelled", "Annulé");
pub const COL_EVENT: Tr = Tr("Event", "Événement");
pub const COL_DATE: Tr = Tr("Date", "Date");
pub const COL_STATUS: Tr = Tr("Status", "Statut");
pub const READ_ONLY_NOTICE: Tr = Tr(
    "Only owners, admins and managers can edit events.",
    "Seuls les propriétaires, administrateurs et gestionnaires peuvent modifier les événements.",
);

pub const SECTION_DETAILS: Tr = Tr("Details", "Détails");
pub const SECTION_WHEN: Tr = Tr("Date and time", "Date et heure");
pub const SECTION_WHERE: Tr = Tr("Location", "Lieu");
pub const SECTION_THEME: Tr = Tr("Theme", "Thème");
pub const SECTION_CHECKOUT: Tr = Tr("Checkout", "Commande");
pub const HOLD_MINUTES: Tr = Tr(
    "Reservation hold (minutes)",
    "Durée de réservation (minutes)",
);
pub const HOLD_MINUTES_HINT: Tr = Tr(
    "How long tickets stay reserved while a buyer pays: 1 to 60 minutes.",
    "Durée pendant laquelle les billets restent réservés pendant le paiement : 1 à 60 minutes.",
);
pub const SECTION_REFUNDS: Tr = Tr("Refund policy", "Politique de remboursement");
pub const REFUND_HOURS: Tr = Tr(
    "Buyers may request a refund until this many hours before the start",
    "Les acheteurs peuvent demander un remboursement jusqu'à ce nombre d'heures avant le début",
);
pub const REFUND_HOURS_HINT: Tr = Tr(
    "From 0 to 8760 hours, e.g. 48. Leave empty so that buyers cannot ask; you can still refund bookings yourself.",
    "De 0 à 8760 heures, ex. 48. Laissez vide pour que les acheteurs ne puissent pas demander ; vous pouvez toujours rembourser vous-même.",
);
pub const SECTIONS: Tr = Tr("Event sections", "Sections de l'événement");

pub const IN_ENGLISH: Tr = Tr("English", "Anglais");
pub const IN_FRENCH: Tr = Tr("French", "Français");
pub const LANGUAGES_OF: Tr = Tr("Languages of {field}", "Langues : {field}");
pub const TITLE: Tr = Tr("Title", "Titre");
pub const TITLE_EN: Tr = Tr("Title (English)", "Titre (anglais)");
pub const TITLE_FR: Tr = Tr("Title (French)", "Titre (français)");
pub const SUMMARY: Tr = Tr("Summary", "Résumé");
pub const SUMMARY_EN: Tr = Tr("Summary (English)", "Résumé (anglais)");
pub const SUMMARY_FR: Tr = Tr("Summary (French)", "Résumé (français)");
pub const SUMMARY_HINT: Tr = Tr(
    "One or two sentences shown on event cards.",
    "Une ou deux phrases affichées sur les cartes d'événement.",
);
pub const DESCRIPTION: Tr = Tr("Description", "Description");
pub const DESCRIPTION_EN: Tr = Tr("Description (English)", "Description (anglais)");
pub const DESCRIPTION_FR: Tr = Tr("Description (French)", "Description (français)");
pub const DESCRIPTION_HINT: Tr = Tr(
    "Markdown: **bold**, *italic*, - lists, [links](https://…), ## headings.",
    "Markdown : **gras**, *italique*, - listes, [liens](https://…), ## titres.",
);
pub const SAVED_PREVIEW: Tr = Tr("Preview (as saved)", "Aperçu (version enregistrée)");
pub const TITLE_HINT_BOTH: Tr = Tr(
    "Fill in at least one language; readers get theirs, else the other.",
    "Remplissez au moins une langue ; chacun lit la sienne, sinon l'autre.",
);
pub const CATEGORY: Tr = Tr("Category", "Catégorie");
pub const NO_CATEGORY: Tr = Tr("No category", "Aucune catégorie");
pub const STARTS: Tr = Tr("Starts", "Début");
pub const ENDS: Tr = Tr("Ends", "Fin");
pub const TIME_ZONE: Tr = Tr("Time zone", "Fuseau horaire");
pub const TIME_ZONE_HINT: Tr = Tr(
    "Start and end are read in this time zone.",
    "Le début et la fin sont lus dans ce fuseau horaire.",
);
pub const VENUE: Tr = Tr("Venue", "Lieu");
pub const ADDRESS: Tr = Tr("Address", "Adresse");
pub const CITY: Tr = Tr("City", "Ville");
pub const COUNTRY: Tr = Tr("Country", "Pays");
pub const NO_COUNTRY: Tr = Tr("—", "—");
pub const ONLINE_LINK: Tr = Tr("Online link", "Lien en ligne");
pub const ONLINE_LINK_HINT: Tr = Tr(
    "Optional. Starts with https://; buyers receive it with their tickets.",
    "Facultatif. Commence par https:// ; les acheteurs le reçoivent avec leurs billets.",
);
pub const VISIBILITY: Tr = Tr("Visibility", "Visibilité");
pub const PUBLIC: Tr = Tr(
    "Public: listed in discovery",
    "Public : visible dans la recherche",
);
pub const UNLISTED: Tr = Tr(
    "Unlisted: by link only",
    "Non répertorié : par lien uniquement",
);
pub const PUBLIC_ADDRESS: Tr = Tr("Public page", "Page publique");
pub const VIEW_PUBLIC_PAGE: Tr = Tr("View public page", "Voir la page publique");

pub const PRIMARY_COLOR: Tr = Tr("Primary color", "Couleur principale");
pub const ACCENT_COLOR: Tr = Tr("Accent color", "Couleur d'accent");
pub const DEFAULT_COLORS: Tr = Tr("Default colors", "Couleurs par défaut");
pub const COLORS_HINT: Tr = Tr(
    "Choose dark enough colors: white text is written on the primary color.",
    "Choisissez des couleurs assez foncées : le texte blanc s'écrit sur la couleur principale.",
);
pub const CUSTOM_CSS: Tr = Tr("Custom CSS", "CSS personnalisé");
pub const CUSTOM_CSS_HINT: Tr = Tr(
    "Applies to your event page only. No @import or outside links.",
    "S'applique uniquement à la page de votre événement. Ni @import ni liens externes.",
);
pub const PREVIEW: Tr = Tr("Preview", "Aperçu");
pub const PREVIEWING: Tr = Tr("Preparing preview…", "Préparation de l'aperçu…");
pub const PREVIEW_TITLE: Tr = Tr("Theme preview", "Aperçu du thème");
pub const PREVIEW_NEEDS_SAVE: Tr = Tr(
    "Custom CSS is previewed once the draft is saved; colors show right away.",
    "Le CSS personnalisé s'affiche une fois le brouillon enregistré ; les couleurs tout de suite.",
);

pub const COVER: Tr = Tr("Cover image", "Image de couverture");
pub const COVER_HINT: Tr = Tr(
    "PNG, JPEG or WebP, 5 MiB at most. Wide images (e.g. 1600 × 900) look best.",
    "PNG, JPEG ou WebP, 5 Mio maximum. Les images larges (ex. 1600 × 900) rendent le mieux.",
);
pub const NO_COVER: Tr = Tr("No cover yet", "Pas encore de couverture");
pub const REMOVE_COVER: Tr = Tr("Remove cover", "Supprimer la couverture");
pub const COVER_UPDATED: Tr = Tr("Cover updated", "Couverture mise à jour");
pub const COVER_REMOVED: Tr = Tr("Cover removed", "Couverture supprimée");

pub const CREATE_DRAFT: Tr = Tr("Save", "Enregistrer");
pub const PUBLISH: Tr = Tr("Publish", "Publier");
pub const PUBLISH_TITLE: Tr = Tr("Publish this event?", "Publier cet événement ?");
pub const PUBLISH_TEXT: Tr = Tr(
    "Its page becomes public and tickets go on sale as their sale windows allow.",
    "Sa page devient publique et les billets sont mis en vente selon leurs périodes de vente.",
);
pub const PUBLISHED_FLASH: Tr = Tr("The event is published", "L'événement est publié");
pub const UNPUBLISH: Tr = Tr("Unpublish", "Dépublier");
pub const UNPUBLISH_TITLE: Tr = Tr("Unpublish this event?", "Dépublier cet événement ?");
pub const UNPUBLISH_TEXT: Tr = Tr(
    "It goes back to draft: its page is hidden until you publish it again.",
    "Il redevient un brouillon : sa page est masquée jusqu'à une nouvelle publication.",
);
pub const UNPUBLISHED_FLASH: Tr = Tr(
    "The event is a draft again",
    "L'événement est de nouveau un brouillon",
);
pub const CANCEL_EVENT: Tr = Tr("Cancel event", "Annuler l'événement");
pub const CANCEL_TITLE: Tr = Tr("Cancel this event?", "Annuler cet événement ?");
pub const CANCEL_TEXT: Tr = Tr(
    "Sales stop for good and the page says the event is cancelled. This cannot be undone.",
    "Les ventes s'arrêtent définitivement et la page indique que l'événement est annulé. C'est irréversible.",
);
pub const CANCELLED_FLASH: Tr = Tr("The event is cancelled", "L'événement est annulé");
pub const KEEP_EVENT: Tr = Tr("Keep it", "Le garder");
pub const DELETE_DRAFT: Tr = Tr("Delete draft", "Supprimer le brouillon");
pub const DELETE_TITLE: Tr = Tr("Delete this draft?", "Supprimer ce brouillon ?");
pub const DELETE_TEXT: Tr = Tr(
    "The draft, its ticket types and capacity groups are deleted for good.",
    "Le brouillon, ses billets et ses jauges sont supprimés définitivement.",
);
pub const BEFORE_PUBLISHING: Tr = Tr("Before publishing:", "Avant de publier :");
pub const CANCELLED_NOTICE: Tr = Tr(
    "This event is cancelled: it can no longer be edited or published.",
    "Cet événement est annulé : il ne peut plus être modifié ni publié.",
);

pub const TICKETS: Tr = Tr("Tickets", "Billets");
pub const NO_TICKET_TYPES: Tr = Tr(
    "No ticket types yet. Add one to publish the event.",
    "Aucun billet pour l'instant. Ajoutez-en un pour publier l'événement.",
);
pub const ADD_TICKET_TYPE: Tr = Tr("Add ticket type", "Ajouter un billet");
pub const EDIT_TICKET_TYPE: Tr = Tr("Edit ticket type", "Modifier le billet");
pub const SAVE_TICKET_TYPE: Tr = Tr("Save ticket type", "Enregistrer le billet");
pub const NAME_EN: Tr = Tr("Name (English)", "Nom (anglais)");
pub const NAME_FR: Tr = Tr("Name (French)", "Nom (français)");
pub const NAME: Tr = Tr("Name", "Nom");
pub const PRICE: Tr = Tr("Price", "Prix");
pub const PRICE_HINT_WHOLE: Tr = Tr(
    "In {currency}, whole amounts. 0 for a free ticket.",
    "En {currency}, sans décimales. 0 pour un billet gratuit.",
);
pub const PRICE_HINT_DECIMAL: Tr = Tr(
    "In {currency}, e.g. 12.50. 0 for a free ticket.",
    "En {currency}, ex. 12,50. 0 pour un billet gratuit.",
);
pub const QUANTITY: Tr = Tr("Quantity", "Quantité");
pub const SALE_STARTS: Tr = Tr("Sale starts", "Début des ventes");
pub const SALE_ENDS: Tr = Tr("Sale ends", "Fin des ventes");
pub const SALE_WINDOW_HINT: Tr = Tr(
    "Optional, in the event's time zone ({tz}).",
    "Facultatif, dans le fuseau de l'événement ({tz}).",
);
pub const MIN_PER_ORDER: Tr = Tr("Min per order", "Minimum par commande");
pub const MAX_PER_ORDER: Tr = Tr("Max per order", "Maximum par commande");
pub const ACCESS_CODE: Tr = Tr("Access code", "Code d'accès");
pub const ACCESS_CODE_HINT: Tr = Tr(
    "Optional. The ticket stays hidden until a buyer enters this code.",
    "Facultatif. Le billet reste masqué tant qu'un acheteur n'a pas saisi ce code.",
);
pub const CAPACITY_GROUP: Tr = Tr("Capacity group", "Jauge partagée");
pub const NO_GROUP: Tr = Tr("None", "Aucune");
pub const ACTIVE: Tr = Tr("Active", "Actif");
pub const ACTIVE_HINT: Tr = Tr(
    "Inactive tickets are not offered to buyers.",
    "Les billets inactifs ne sont pas proposés aux acheteurs.",
);
pub const FREE: Tr = Tr("Free", "Gratuit");
pub const OPTIONS: Tr = Tr("Options", "Options");
pub const HIDDEN: Tr = Tr("Hidden (code)", "Masqué (code)");
pub const INACTIVE: Tr = Tr("Inactive", "Inactif");
pub const SOLD_OF: Tr = Tr("{sold} sold of {total}", "{sold} vendus sur {total}");
pub const EDIT: Tr = Tr("Edit", "Modifier");
pub const DELETE: Tr = Tr("Delete", "Supprimer");
pub const EDIT_NAMED: Tr = Tr("Edit {name}", "Modifier {name}");
pub const DELETE_NAMED: Tr = Tr("Delete {name}", "Supprimer {name}");
pub const DELETE_TICKET_TITLE: Tr = Tr(
    "Delete the ticket type {name}?",
    "Supprimer le billet {name} ?",
);
pub const DELETE_TICKET_TEXT: Tr = Tr(
    "Buyers will no longer see it. Types with sales cannot be deleted: deactivate them instead.",
    "Les acheteurs ne le verront plus. Un billet déjà vendu ne peut pas être supprimé : désactivez-le.",
);
pub const TICKET_ADDED: Tr = Tr("Ticket type {name} added", "Billet {name} ajouté");
pub const TICKET_SAVED: Tr = Tr("Ticket type {name} saved", "Billet {name} enregistré");
pub const TICKET_DELETED: Tr = Tr("Ticket type deleted", "Billet supprimé");

pub const CAPACITY: Tr = Tr("Capacity", "Jauges");
pub const CAPACITY_INTRO: Tr = Tr(
    "A capacity group caps several ticket types together (e.g. a room of 300 seats shared by Standard and VIP).",
    "Une jauge partagée limite plusieurs billets ensemble (ex. une salle de 300 places pour Standard et VIP).",
);
pub const GROUP_NAME: Tr = Tr("Group name", "Nom de la jauge");
pub const GROUP_CAPACITY: Tr = Tr("Capacity", "Capacité");
pub const ADD_GROUP: Tr = Tr("Add group", "Ajouter une jauge");
pub const SAVE_GROUP: Tr = Tr("Save group", "Enregistrer la jauge");
pub const GROUP_ADDED: Tr = Tr("Group {name} added", "Jauge {name} ajoutée");
pub const GROUP_SAVED: Tr = Tr("Group {name} saved", "Jauge {name} enregistrée");
pub const GROUP_DELETED: Tr = Tr("Group deleted", "Jauge supprimée");
pub const DELETE_GROUP_TITLE: Tr = Tr("Delete the group {name}?", "Supprimer la jauge {name} ?");
pub const DELETE_GROUP_TEXT: Tr = Tr(
    "Its ticket types keep their own quantities and no longer share a limit.",
    "Ses billets gardent leur propre quantité et ne partagent plus de limite.",
);
pub const NO_GROUPS: Tr = Tr("No capacity groups.", "Aucune jauge partagée.");
pub const GROUP_TYPES: Tr = Tr("Ticket types in this group", "Billets de cette jauge");
pub const NO_TYPES_IN_GROUP: Tr = Tr(
    "No ticket type uses this group yet: choose it in a ticket type's form.",
    "Aucun billet n'utilise encore cette jauge : choisissez-la dans le formulaire d'un billet.",
);
pub const UNGROUPED: Tr = Tr(
    "Ticket types with their own quantity",
    "Billets à quantité propre",
);
pub const SOLD_LABEL: Tr = Tr("Sold: {name}", "Vendus : {name}");
