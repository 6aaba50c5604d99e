//! Texts of organization creation, dashboard and settings.

use super::Tr;

pub const NEW_ORG_TITLE: Tr = Tr("Create an organization", "Créer une organisation");
pub const NEW_ORG_INTRO: Tr = Tr(
    "An organization holds your events, your team and your payouts.",
    "Une organisation regroupe vos événements, votre équipe et vos versements.",
);
pub const ORG_NAME: Tr = Tr("Organization name", "Nom de l'organisation");
pub const WEB_ADDRESS: Tr = Tr("Web address", "Adresse web");
pub const WEB_ADDRESS_HINT: Tr = Tr(
    "Lowercase letters, digits and dashes. It cannot be changed later.",
    "Lettres minuscules, chiffres et tirets. Elle ne pourra plus être modifiée.",
);
pub const COUNTRY: Tr = Tr("Country", "Pays");
pub const CURRENCY: Tr = Tr("Currency", "Devise");
pub const CREATE_ORG: Tr = Tr("Create organization", "Créer l'organisation");

pub const ORG_NAV: Tr = Tr("Organization sections", "Sections de l'organisation");
pub const OVERVIEW: Tr = Tr("Overview", "Vue d'ensemble");
pub const MEMBERS: Tr = Tr("Members", "Membres");
pub const SETTINGS: Tr = Tr("Settings", "Paramètres");
pub const YOUR_ROLE: Tr = Tr("Your role", "Votre rôle");
pub const PLAN: Tr = Tr("Plan", "Formule");
pub const PENDING_INVITES: Tr = Tr("Pending invitations", "Invitations en attente");
pub const MANAGE_MEMBERS: Tr = Tr("Manage members", "Gérer les membres");
pub const SEE_MEMBERS: Tr = Tr("See members", "Voir les membres");
pub const EDIT_SETTINGS: Tr = Tr("Edit settings", "Modifier les paramètres");
pub const INVITE_SOMEONE: Tr = Tr("Invite someone", "Inviter quelqu'un");
pub const CREATED_ON: Tr = Tr("Created on {date}", "Créée le {date}");
pub const SUSPENDED_NOTICE: Tr = Tr(
    "This organization is suspended: sales are paused. Contact Reckot support.",
    "Cette organisation est suspendue : les ventes sont en pause. Contactez le support Reckot.",
);

pub const SETTINGS_TITLE: Tr = Tr("Organization settings", "Paramètres de l'organisation");
pub const SLUG_READONLY_HINT: Tr = Tr(
    "The web address never changes, so the links you shared keep working.",
    "L'adresse web ne change jamais : les liens que vous avez partagés restent valides.",
);
pub const LOGO: Tr = Tr("Logo", "Logo");
pub const LOGO_HINT: Tr = Tr(
    "PNG, JPEG or WebP, 1 MiB at most.",
    "PNG, JPEG ou WebP, 1 Mio maximum.",
);
pub const LOGO_ALT: Tr = Tr("Logo of {org}", "Logo de {org}");
pub const NO_LOGO: Tr = Tr("No logo yet", "Pas encore de logo");
pub const REMOVE_LOGO: Tr = Tr("Remove logo", "Supprimer le logo");
pub const UPLOADING: Tr = Tr("Uploading…", "Envoi en cours…");
pub const LOGO_UPDATED: Tr = Tr("Logo updated", "Logo mis à jour");
pub const LOGO_REMOVED: Tr = Tr("Logo removed", "Logo supprimé");
pub const NO_PERMISSION_SETTINGS: Tr = Tr(
    "Only owners and admins can change these settings.",
    "Seuls les propriétaires et les administrateurs peuvent modifier ces paramètres.",
);
