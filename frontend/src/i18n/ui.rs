//! Texts of the app shell and of generic states (loading, not found, forbidden), and the home page.

use super::Tr;

pub const SKIP_TO_CONTENT: Tr = Tr("Skip to content", "Aller au contenu");
pub const MAIN_NAV: Tr = Tr("Main", "Principal");
pub const LANGUAGE: Tr = Tr("Language", "Langue");
pub const SIGN_IN: Tr = Tr("Sign in", "Se connecter");
pub const SIGN_UP: Tr = Tr("Sign up", "S'inscrire");
pub const SIGN_OUT: Tr = Tr("Sign out", "Se déconnecter");
pub const ACCOUNT: Tr = Tr("Account", "Mon compte");
pub const ADMIN_AREA: Tr = Tr("Admin area", "Administration");
pub const ORGANIZATION: Tr = Tr("Organization", "Organisation");
pub const NEW_ORGANIZATION: Tr = Tr("New organization", "Nouvelle organisation");
pub const FOOTER: Tr = Tr(
    "Event management and ticketing for Africa",
    "Gestion d'événements et billetterie pour l'Afrique",
);

pub const LOADING: Tr = Tr("Loading…", "Chargement…");
pub const SAVE: Tr = Tr("Save", "Enregistrer");
pub const SAVING: Tr = Tr("Saving…", "Enregistrement…");
pub const SAVED: Tr = Tr("Changes saved", "Modifications enregistrées");
pub const SENDING: Tr = Tr("Sending…", "Envoi…");
pub const CANCEL: Tr = Tr("Cancel", "Annuler");
pub const RETRY: Tr = Tr("Try again", "Réessayer");
pub const SEARCH: Tr = Tr("Search", "Rechercher");
pub const LOAD_MORE: Tr = Tr("Load more", "Charger plus");
pub const YES: Tr = Tr("Yes", "Oui");
pub const NO: Tr = Tr("No", "Non");
pub const CHOOSE: Tr = Tr("Choose…", "Choisir…");
pub const CLOSE: Tr = Tr("Close", "Fermer");
pub const NETWORK_ERROR: Tr = Tr(
    "Cannot reach Reckot. Check your connection and try again.",
    "Impossible de joindre Reckot. Vérifiez votre connexion et réessayez.",
);

pub const NOT_FOUND_TITLE: Tr = Tr("Page not found", "Page introuvable");
pub const NOT_FOUND_TEXT: Tr = Tr(
    "The page you are looking for does not exist or has moved.",
    "La page que vous cherchez n'existe pas ou a été déplacée.",
);
pub const BACK_HOME: Tr = Tr("Back to home", "Retour à l'accueil");
pub const FORBIDDEN_TITLE: Tr = Tr("Access denied", "Accès refusé");
pub const FORBIDDEN_TEXT: Tr = Tr(
    "You do not have permission to see this page.",
    "Vous n'avez pas l'autorisation de voir cette page.",
);

pub const HOME_TITLE: Tr = Tr(
    "Sell tickets for your events, across Africa",
    "Vendez les billets de vos événements, partout en Afrique",
);
pub const HOME_LEAD: Tr = Tr(
    "Reckot helps organizers run their events: a team with the right roles, ticketing, payments in local currencies and check-in at the door.",
    "Reckot aide les organisateurs à gérer leurs événements : une équipe avec les bons rôles, la billetterie, les paiements en monnaie locale et le contrôle à l'entrée.",
);
pub const HOME_CTA_SIGNUP: Tr = Tr("Get started free", "Commencer gratuitement");
pub const HOME_CTA_DASHBOARD: Tr = Tr("Go to my dashboard", "Aller à mon tableau de bord");
pub const HOME_CTA_CREATE_ORG: Tr = Tr("Create an organization", "Créer une organisation");
pub const HOME_POINT_TEAM: Tr = Tr(
    "Invite your team with roles",
    "Invitez votre équipe avec des rôles",
);
pub const HOME_POINT_MONEY: Tr = Tr(
    "Sell in XAF, XOF, NGN, KES and more",
    "Vendez en XAF, XOF, NGN, KES et plus",
);
pub const HOME_POINT_LANG: Tr = Tr("In English and in French", "En français et en anglais");
