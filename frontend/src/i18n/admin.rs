//! Texts of the platform administrators' area; tier and fee-payer names.

use super::Tr;

pub const FREE: Tr = Tr("Free", "Gratuit");
pub const STARTER: Tr = Tr("Starter", "Essentiel");
pub const PRO: Tr = Tr("Pro", "Pro");
pub const ENTERPRISE: Tr = Tr("Enterprise", "Entreprise");

pub const TITLE: Tr = Tr("Platform administration", "Administration de la plateforme");
pub const SECTIONS: Tr = Tr("Administration sections", "Sections de l'administration");
pub const TAB_ORGS: Tr = Tr("Organizations", "Organisations");
pub const TAB_USERS: Tr = Tr("Users", "Utilisateurs");
pub const TAB_TIERS: Tr = Tr("Tiers", "Formules");
pub const SEARCH_ORGS: Tr = Tr("Search organizations", "Rechercher des organisations");
pub const SEARCH_USERS: Tr = Tr("Search users", "Rechercher des utilisateurs");
pub const NO_RESULTS: Tr = Tr("Nothing found.", "Aucun résultat.");
pub const STATUS: Tr = Tr("Status", "Statut");
pub const ACTIVE: Tr = Tr("Active", "Active");
pub const SUSPENDED: Tr = Tr("Suspended", "Suspendue");
pub const SUSPEND: Tr = Tr("Suspend", "Suspendre");
pub const UNSUSPEND: Tr = Tr("Unsuspend", "Réactiver");
pub const SUSPEND_TITLE: Tr = Tr("Suspend {org}?", "Suspendre {org} ?");
pub const SUSPEND_TEXT: Tr = Tr(
    "Its members keep access, but sales stop until you unsuspend it.",
    "Ses membres gardent l'accès, mais les ventes s'arrêtent jusqu'à sa réactivation.",
);
pub const UNSUSPEND_TITLE: Tr = Tr("Unsuspend {org}?", "Réactiver {org} ?");
pub const UNSUSPEND_TEXT: Tr = Tr("Its sales can resume.", "Ses ventes pourront reprendre.");
pub const TIER_OF: Tr = Tr("Plan of {org}", "Formule de {org}");
pub const EMAIL_CONFIRMED: Tr = Tr("Email confirmed", "E-mail confirmé");
pub const PLATFORM_ADMIN: Tr = Tr("Platform admin", "Admin plateforme");
pub const SIGNED_UP: Tr = Tr("Signed up", "Inscription");
pub const CREATED: Tr = Tr("Created", "Création");
pub const UPDATED: Tr = Tr("{org} updated", "{org} mise à jour");

pub const FEE_PERCENT: Tr = Tr("Fee (%)", "Commission (%)");
pub const FEE_PAYER: Tr = Tr("Fee paid by", "Commission payée par");
pub const BUYER: Tr = Tr("Buyer", "Acheteur");
pub const ORGANIZER: Tr = Tr("Organizer", "Organisateur");
pub const FIXED_FEES: Tr = Tr("Fixed fee per ticket", "Frais fixes par billet");
pub const FIXED_FEES_HINT: Tr = Tr(
    "Leave empty for no fixed fee in that currency.",
    "Laissez vide pour n'avoir aucun frais fixe dans cette devise.",
);
pub const TIER_SAVED: Tr = Tr("Plan {tier} saved", "Formule {tier} enregistrée");

pub const TAB_CATEGORIES: Tr = Tr("Categories", "Catégories");
pub const CATEGORY_SLUG: Tr = Tr("Slug", "Identifiant");
pub const CATEGORY_SLUG_HINT: Tr = Tr(
    "Used in discovery links (?category=music). It cannot be changed later.",
    "Utilisé dans les liens de recherche (?category=music). Il ne pourra plus être modifié.",
);
pub const CATEGORY_NAME_EN: Tr = Tr("Name (English)", "Nom (anglais)");
pub const CATEGORY_NAME_FR: Tr = Tr("Name (French)", "Nom (français)");
pub const CATEGORY_ICON: Tr = Tr("Icon", "Icône");
pub const CATEGORY_SORT: Tr = Tr("Sort order", "Ordre d'affichage");
pub const ADD_CATEGORY: Tr = Tr("Add category", "Ajouter une catégorie");
pub const EDIT_CATEGORY: Tr = Tr("Edit category", "Modifier la catégorie");
pub const SAVE_CATEGORY: Tr = Tr("Save category", "Enregistrer la catégorie");
pub const NO_CATEGORIES: Tr = Tr("No categories yet.", "Aucune catégorie pour l'instant.");
pub const CATEGORY_ADDED: Tr = Tr("Category {name} added", "Catégorie {name} ajoutée");
pub const CATEGORY_SAVED: Tr = Tr("Category {name} saved", "Catégorie {name} enregistrée");
pub const CATEGORY_DELETED: Tr = Tr("Category deleted", "Catégorie supprimée");
pub const DELETE_CATEGORY_TITLE: Tr = Tr(
    "Delete the category {name}?",
    "Supprimer la catégorie {name} ?",
);
pub const DELETE_CATEGORY_TEXT: Tr = Tr(
    "Events in it keep existing, without a category.",
    "Ses événements restent, sans catégorie.",
);

// Payment gateways.
pub const TAB_GATEWAYS: Tr = Tr("Payment gateways", "Passerelles de paiement");
pub const GATEWAYS_INTRO: Tr = Tr(
    "Which gateways buyers can pay through (and organizers be paid through), the currencies each serves and its credentials. A configuration saved here replaces the server's environment for that gateway and applies at once.",
    "Les passerelles par lesquelles les acheteurs peuvent payer (et les organisateurs être payés), les devises que chacune sert et ses identifiants. Une configuration enregistrée ici remplace celle de l'environnement du serveur pour cette passerelle et s'applique aussitôt.",
);
pub const GATEWAY_ACTIVE: Tr = Tr("Active", "Active");
pub const GATEWAY_INACTIVE: Tr = Tr("Inactive", "Inactive");
pub const SOURCE: Tr = Tr("Configured by", "Configurée par");
pub const SOURCE_ENVIRONMENT: Tr = Tr("Environment", "Environnement");
pub const SOURCE_ADMIN: Tr = Tr("Admin", "Admin");
pub const SOURCE_NONE: Tr = Tr("Not configured", "Non configurée");
pub const CURRENCIES: Tr = Tr("Currencies", "Devises");
pub const ALL_SUPPORTED: Tr = Tr(
    "All it supports ({list})",
    "Toutes celles qu'elle prend en charge ({list})",
);
pub const CREDENTIALS: Tr = Tr("Credentials", "Identifiants");
pub const CREDENTIALS_SET: Tr = Tr("Set: {list}", "Renseignés : {list}");
pub const CREDENTIALS_NONE: Tr = Tr("None set here", "Aucun renseigné ici");
pub const CREDENTIALS_FROM_ENV: Tr = Tr(
    "From the server's environment",
    "Dans l'environnement du serveur",
);
pub const VALUES_NEVER_SHOWN: Tr = Tr(
    "Credential values are never shown, only which ones are set.",
    "Les valeurs des identifiants ne sont jamais affichées, seulement lesquels sont renseignés.",
);
pub const SWITCHED_OFF: Tr = Tr(
    "Switched off by an admin.",
    "Désactivée par un administrateur.",
);
pub const GATEWAY_UPDATED: Tr = Tr("Changed {when}", "Modifiée le {when}");
pub const TEST_READ_ONLY: Tr = Tr(
    "Read-only: the test gateway is switched on or off by the server's environment (TEST_GATEWAY), never in production.",
    "En lecture seule : la passerelle de test est activée ou non par l'environnement du serveur (TEST_GATEWAY), jamais en production.",
);
pub const CONFIGURE: Tr = Tr("Configure", "Configurer");
pub const CONFIGURE_GATEWAY: Tr = Tr("Configure {gateway}", "Configurer {gateway}");
pub const GATEWAY_ENABLED: Tr = Tr("Enabled", "Activée");
pub const GATEWAY_ENABLED_HINT: Tr = Tr(
    "Off: buyers cannot pay through it and no payout goes through it, whatever the environment says.",
    "Désactivée : personne ne peut payer ni être payé par elle, quel que soit l'environnement.",
);
pub const CURRENCIES_SERVED: Tr = Tr("Currencies served", "Devises servies");
pub const CURRENCIES_HINT: Tr = Tr(
    "None ticked: every currency it supports.",
    "Aucune cochée : toutes les devises qu'elle prend en charge.",
);
pub const CREDENTIALS_HINT: Tr = Tr(
    "Values are never shown. Leave a field empty to keep its stored value.",
    "Les valeurs ne sont jamais affichées. Laissez un champ vide pour garder sa valeur enregistrée.",
);
pub const REPLACES_ENVIRONMENT: Tr = Tr(
    "Saving replaces the environment's configuration of this gateway: enter every credential it needs.",
    "L'enregistrement remplace la configuration de cette passerelle dans l'environnement : saisissez tous les identifiants nécessaires.",
);
pub const CREDENTIAL_IS_SET: Tr = Tr(
    "Set. Leave empty to keep it.",
    "Renseigné. Laissez vide pour le garder.",
);
pub const CREDENTIAL_NOT_SET: Tr = Tr("Not set.", "Non renseigné.");
pub const REMOVE_CREDENTIAL: Tr = Tr("Remove {name}", "Supprimer {name}");
pub const GATEWAY_SAVED: Tr = Tr("{gateway} saved", "{gateway} enregistrée");
pub const NO_CREDENTIALS_KEY: Tr = Tr(
    "The server cannot store gateway credentials: GATEWAY_CREDENTIALS_KEY is not set.",
    "Le serveur ne peut pas enregistrer d'identifiants : GATEWAY_CREDENTIALS_KEY n'est pas défini.",
);

// Credential fields, by the API's names.
pub const CRED_BASE_URL: Tr = Tr("Base URL", "URL de base");
pub const CRED_TOKEN: Tr = Tr("Token", "Jeton");
pub const CRED_USERNAME: Tr = Tr("Username", "Nom d'utilisateur");
pub const CRED_PASSWORD: Tr = Tr("Password", "Mot de passe");
pub const CRED_WEBHOOK_KEY: Tr = Tr("Webhook key", "Clé du webhook");
pub const CRED_API_TOKEN: Tr = Tr("API token", "Jeton d'API");
pub const CRED_CALLBACK_URL: Tr = Tr("Callback URL", "URL de rappel");
pub const CRED_SECRET_KEY: Tr = Tr("Secret key", "Clé secrète");
pub const CRED_SECRET_HASH: Tr = Tr("Secret hash", "Hash secret");
pub const CRED_OTHER: Tr = Tr("Other credential", "Autre identifiant");
