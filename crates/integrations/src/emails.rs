//! The transactional emails Reckot sends about accounts, teams and orders, in English and French.
//! Each function returns a ready [`Email`] (subject, text and HTML) for a language and its
//! parameters; user-supplied values are cleaned of line breaks and HTML-escaped in the HTML part.

use common::Lang;

use crate::mailer::Email;

mod layout;
mod orders;
mod refunds;

pub use layout::escape_html;
use layout::{Block, Content, clean, greeting, render};
pub use orders::{OrderConfirmation, order_cancelled, order_confirmation};
pub use refunds::{RefundNews, RefundUpdate, refund_update};

/// Asks a new user to confirm their address by opening `link`.
pub fn verify_email(lang: Lang, to: &str, name: &str, link: &str) -> Email {
    let content = Content {
        subject: lang
            .pick("Confirm your email address for Reckot", "Confirmez votre adresse e-mail pour Reckot")
            .to_owned(),
        heading: lang
            .pick("Confirm your email address", "Confirmez votre adresse e-mail")
            .to_owned(),
        greeting: greeting(lang, name),
        blocks: vec![
            Block::Paragraph(
                lang.pick(
                    "Welcome to Reckot! To finish creating your account, please confirm that this email address is yours.",
                    "Bienvenue sur Reckot\u{a0}! Pour terminer la création de votre compte, confirmez que cette adresse e-mail est bien la vôtre.",
                )
                .to_owned(),
            ),
            Block::Button {
                label: lang.pick("Confirm my email", "Confirmer mon adresse e-mail").to_owned(),
                url: link.to_owned(),
            },
            Block::Note(
                lang.pick(
                    "If you didn't create a Reckot account, you can safely ignore this email.",
                    "Si vous n'avez pas créé de compte Reckot, vous pouvez ignorer cet e-mail.",
                )
                .to_owned(),
            ),
        ],
    };
    render(lang, to, content)
}

/// Sent instead of a verification email when someone signs up with an address that already has
/// an account, so the sign-up form never reveals which addresses are registered.
pub fn account_exists(
    lang: Lang,
    to: &str,
    name: &str,
    login_link: &str,
    reset_link: &str,
) -> Email {
    let content = Content {
        subject: lang
            .pick("You already have a Reckot account", "Vous avez déjà un compte Reckot")
            .to_owned(),
        heading: lang
            .pick("You already have an account", "Vous avez déjà un compte")
            .to_owned(),
        greeting: greeting(lang, name),
        blocks: vec![
            Block::Paragraph(
                lang.pick(
                    "Someone, probably you, just tried to sign up for Reckot with this email address. You already have an account, so no new one was created. You can sign in instead:",
                    "Quelqu'un, probablement vous, vient d'essayer de s'inscrire sur Reckot avec cette adresse e-mail. Vous avez déjà un compte, donc aucun nouveau compte n'a été créé. Vous pouvez vous connecter\u{a0}:",
                )
                .to_owned(),
            ),
            Block::Button {
                label: lang.pick("Sign in", "Me connecter").to_owned(),
                url: login_link.to_owned(),
            },
            Block::Paragraph(
                lang.pick(
                    "Forgot your password? You can choose a new one:",
                    "Mot de passe oublié\u{a0}? Vous pouvez en choisir un nouveau\u{a0}:",
                )
                .to_owned(),
            ),
            Block::Button {
                label: lang.pick("Reset my password", "Réinitialiser mon mot de passe").to_owned(),
                url: reset_link.to_owned(),
            },
            Block::Note(
                lang.pick(
                    "If this wasn't you, you can ignore this email: nothing has changed on your account.",
                    "Si ce n'était pas vous, ignorez simplement cet e-mail\u{a0}: votre compte n'a pas été modifié.",
                )
                .to_owned(),
            ),
        ],
    };
    render(lang, to, content)
}

/// Carries the link to choose a new password.
pub fn password_reset(lang: Lang, to: &str, name: &str, link: &str) -> Email {
    let content = Content {
        subject: lang
            .pick("Reset your Reckot password", "Réinitialisez votre mot de passe Reckot")
            .to_owned(),
        heading: lang
            .pick("Reset your password", "Réinitialisez votre mot de passe")
            .to_owned(),
        greeting: greeting(lang, name),
        blocks: vec![
            Block::Paragraph(
                lang.pick(
                    "We received a request to reset the password of your Reckot account. Use the button below to choose a new one.",
                    "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Reckot. Utilisez le bouton ci-dessous pour en choisir un nouveau.",
                )
                .to_owned(),
            ),
            Block::Button {
                label: lang.pick("Choose a new password", "Choisir un nouveau mot de passe").to_owned(),
                url: link.to_owned(),
            },
            Block::Note(
                lang.pick(
                    "For your security, this link expires soon. If you didn't ask to reset your password, you can ignore this email: your password stays the same.",
                    "Pour votre sécurité, ce lien expire rapidement. Si vous n'avez pas demandé à réinitialiser votre mot de passe, ignorez cet e-mail\u{a0}: votre mot de passe reste inchangé.",
                )
                .to_owned(),
            ),
        ],
    };
    render(lang, to, content)
}

/// Confirms a password change, so the owner notices one they did not make.
pub fn password_changed(lang: Lang, to: &str, name: &str) -> Email {
    let content = Content {
        subject: lang
            .pick("Your Reckot password was changed", "Votre mot de passe Reckot a été modifié")
            .to_owned(),
        heading: lang
            .pick("Your password was changed", "Votre mot de passe a été modifié")
            .to_owned(),
        greeting: greeting(lang, name),
        blocks: vec![
            Block::Paragraph(
                lang.pick(
                    "The password of your Reckot account was just changed. If you made this change, there is nothing else to do.",
                    "Le mot de passe de votre compte Reckot vient d'être modifié. Si vous êtes à l'origine de ce changement, vous n'avez rien d'autre à faire.",
                )
                .to_owned(),
            ),
            Block::Note(
                lang.pick(
                    "If you didn't, someone else may have access to your account. Reset your password right away with \"Forgot your password?\" on the sign-in page.",
                    "Sinon, quelqu'un d'autre a peut-être accès à votre compte. Réinitialisez immédiatement votre mot de passe avec «\u{a0}Mot de passe oublié\u{a0}?\u{a0}» sur la page de connexion.",
                )
                .to_owned(),
            ),
        ],
    };
    render(lang, to, content)
}

/// Invites someone to join an organization's team. `role_label` is the role's name already in
/// `lang` (e.g. "Manager" / "Gestionnaire").
pub fn invitation(
    lang: Lang,
    to: &str,
    org_name: &str,
    inviter_name: &str,
    role_label: &str,
    link: &str,
) -> Email {
    let org = clean(org_name);
    let inviter = clean(inviter_name);
    let role = clean(role_label);
    let content = Content {
        subject: match lang {
            Lang::En => format!("{inviter} invited you to join {org} on Reckot"),
            Lang::Fr => format!("{inviter} vous invite à rejoindre {org} sur Reckot"),
        },
        heading: match lang {
            Lang::En => format!("Join {org} on Reckot"),
            Lang::Fr => format!("Rejoignez {org} sur Reckot"),
        },
        greeting: greeting(lang, ""),
        blocks: vec![
            Block::Paragraph(match lang {
                Lang::En => format!(
                    "{inviter} has invited you to join the {org} team on Reckot as {role}. Reckot is where the team sells tickets and manages its events."
                ),
                Lang::Fr => format!(
                    "{inviter} vous invite à rejoindre l'équipe {org} sur Reckot en tant que {role}. C'est sur Reckot que l'équipe vend ses billets et gère ses événements."
                ),
            }),
            Block::Button {
                label: lang.pick("Accept the invitation", "Accepter l'invitation").to_owned(),
                url: link.to_owned(),
            },
            Block::Note(
                lang.pick(
                    "If you weren't expecting this invitation, you can ignore this email.",
                    "Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer cet e-mail.",
                )
                .to_owned(),
            ),
        ],
    };
    render(lang, to, content)
}

#[cfg(test)]
mod tests;
