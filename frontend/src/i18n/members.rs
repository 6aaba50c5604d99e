//! Texts of the members page, invitations and accepting an invitation; role names.

use super::Tr;

pub const OWNER: Tr = Tr("Owner", "Propriétaire");
pub const ADMIN: Tr = Tr("Admin", "Administrateur");
pub const MANAGER: Tr = Tr("Manager", "Gestionnaire");
pub const CHECKIN_STAFF: Tr = Tr("Check-in staff", "Agent d'accueil");
pub const VIEWER: Tr = Tr("Viewer", "Lecteur");

pub const MEMBERS_TITLE: Tr = Tr("Members", "Membres");
pub const NAME: Tr = Tr("Name", "Nom");
pub const ROLE: Tr = Tr("Role", "Rôle");
pub const JOINED: Tr = Tr("Joined", "Arrivée");
pub const ACTIONS: Tr = Tr("Actions", "Actions");
pub const YOU: Tr = Tr("(you)", "(vous)");
pub const REMOVE: Tr = Tr("Remove", "Retirer");
pub const LEAVE: Tr = Tr("Leave", "Quitter");
pub const ROLE_OF: Tr = Tr("Role of {name}", "Rôle de {name}");
pub const REMOVE_TITLE: Tr = Tr("Remove this member?", "Retirer ce membre ?");
pub const REMOVE_TEXT: Tr = Tr(
    "{name} will lose access to this organization.",
    "{name} perdra l'accès à cette organisation.",
);
pub const LEAVE_TITLE: Tr = Tr("Leave this organization?", "Quitter cette organisation ?");
pub const LEAVE_TEXT: Tr = Tr(
    "You will lose access to this organization until someone invites you again.",
    "Vous perdrez l'accès à cette organisation jusqu'à ce qu'on vous invite de nouveau.",
);
pub const ROLE_UPDATED: Tr = Tr("Role updated", "Rôle mis à jour");
pub const MEMBER_REMOVED: Tr = Tr("Member removed", "Membre retiré");

pub const INVITE_TITLE: Tr = Tr("Invite a colleague", "Inviter un collègue");
pub const SEND_INVITE: Tr = Tr("Send invitation", "Envoyer l'invitation");
pub const INVITE_SENT: Tr = Tr("Invitation sent to {email}", "Invitation envoyée à {email}");
pub const PENDING_TITLE: Tr = Tr("Pending invitations", "Invitations en attente");
pub const NO_PENDING: Tr = Tr("No pending invitations.", "Aucune invitation en attente.");
pub const REVOKE: Tr = Tr("Revoke", "Révoquer");
pub const REVOKE_LABEL: Tr = Tr(
    "Revoke the invitation of {email}",
    "Révoquer l'invitation de {email}",
);
pub const EXPIRES: Tr = Tr("Expires", "Expire le");
pub const INVITED_BY: Tr = Tr("Invited by", "Invité par");
pub const INVITATION_REVOKED: Tr = Tr("Invitation revoked", "Invitation révoquée");

pub const INVITED_HEADING: Tr = Tr(
    "You are invited to join {org}",
    "Vous êtes invité(e) à rejoindre {org}",
);
pub const SENT_TO: Tr = Tr("Sent to", "Envoyée à");
pub const ACCEPT: Tr = Tr("Accept invitation", "Accepter l'invitation");
pub const ACCEPTING: Tr = Tr("Joining…", "Adhésion…");
pub const ACCEPT_SIGNED_OUT: Tr = Tr(
    "Sign in, or create an account with {email}, to accept.",
    "Connectez-vous, ou créez un compte avec {email}, pour accepter.",
);
pub const CREATE_ACCOUNT: Tr = Tr("Create an account", "Créer un compte");
