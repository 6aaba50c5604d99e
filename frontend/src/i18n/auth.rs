//! Texts of sign-up, email confirmation, sign-in, password reset and the account page.

use super::Tr;

pub const FULL_NAME: Tr = Tr("Full name", "Nom complet");
pub const EMAIL: Tr = Tr("Email", "E-mail");
pub const PASSWORD: Tr = Tr("Password", "Mot de passe");
pub const PASSWORD_HINT: Tr = Tr("At least 10 characters", "Au moins 10 caractères");
pub const NEW_PASSWORD: Tr = Tr("New password", "Nouveau mot de passe");

pub const SIGNUP_TITLE: Tr = Tr("Create your account", "Créez votre compte");
pub const CREATE_ACCOUNT: Tr = Tr("Create account", "Créer mon compte");
pub const HAVE_ACCOUNT: Tr = Tr("Already have an account?", "Vous avez déjà un compte ?");
pub const CHECK_EMAIL_TITLE: Tr = Tr("Check your email", "Consultez vos e-mails");
pub const CHECK_EMAIL_TEXT: Tr = Tr(
    "We sent a confirmation link to {email}. Open it to activate your account, then sign in.",
    "Nous avons envoyé un lien de confirmation à {email}. Ouvrez-le pour activer votre compte, puis connectez-vous.",
);

pub const LOGIN_TITLE: Tr = Tr("Sign in to Reckot", "Connexion à Reckot");
pub const SIGN_IN: Tr = Tr("Sign in", "Se connecter");
pub const FORGOT: Tr = Tr("Forgot your password?", "Mot de passe oublié ?");
pub const NO_ACCOUNT: Tr = Tr("New to Reckot?", "Nouveau sur Reckot ?");
pub const RESEND_EMAIL: Tr = Tr("Resend the email", "Renvoyer l'e-mail");
pub const RESENT: Tr = Tr(
    "If this address has an account waiting for confirmation, a new link is on its way.",
    "Si cette adresse a un compte en attente de confirmation, un nouveau lien est en route.",
);

pub const VERIFY_TITLE: Tr = Tr("Email confirmation", "Confirmation de l'e-mail");
pub const VERIFYING: Tr = Tr("Checking your link…", "Vérification du lien…");
pub const VERIFIED: Tr = Tr("Your email is confirmed", "Votre e-mail est confirmé");
pub const VERIFIED_TEXT: Tr = Tr(
    "You can now sign in.",
    "Vous pouvez maintenant vous connecter.",
);
pub const VERIFY_FAILED: Tr = Tr(
    "We could not confirm your email",
    "Nous n'avons pas pu confirmer votre e-mail",
);
pub const VERIFY_RESEND_INTRO: Tr = Tr(
    "Enter your email to get a new link.",
    "Saisissez votre e-mail pour recevoir un nouveau lien.",
);

pub const FORGOT_TITLE: Tr = Tr("Reset your password", "Réinitialiser votre mot de passe");
pub const FORGOT_INTRO: Tr = Tr(
    "Enter your email and we will send you a link to choose a new password.",
    "Saisissez votre e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.",
);
pub const SEND_RESET: Tr = Tr("Send reset link", "Envoyer le lien");
pub const RESET_SENT: Tr = Tr(
    "If this address has an account, a reset link is on its way.",
    "Si cette adresse a un compte, un lien de réinitialisation est en route.",
);
pub const RESET_TITLE: Tr = Tr(
    "Choose a new password",
    "Choisissez un nouveau mot de passe",
);
pub const SET_PASSWORD: Tr = Tr("Set new password", "Enregistrer le mot de passe");
pub const RESET_DONE: Tr = Tr(
    "Your password has been changed. Sign in with the new one.",
    "Votre mot de passe a été modifié. Connectez-vous avec le nouveau.",
);
pub const MISSING_TOKEN: Tr = Tr(
    "This link is incomplete. Open the link from your email again.",
    "Ce lien est incomplet. Rouvrez le lien reçu par e-mail.",
);

pub const ACCOUNT_TITLE: Tr = Tr("Your account", "Votre compte");
pub const PHONE: Tr = Tr("Phone", "Téléphone");
pub const PHONE_HINT: Tr = Tr(
    "International format (E.164), e.g. +237670000000",
    "Format international (E.164), ex. +237670000000",
);
pub const EMAIL_READONLY: Tr = Tr("Your sign-in email", "Votre e-mail de connexion");
