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
