//! Shared building blocks: form fields, buttons, alerts, dialogs, route guards, the app shell and
//! its navigation widgets, status badges, the event card, the quantity stepper, the price
//! breakdown and tabs.

pub mod alert;
pub mod badge;
pub mod bilingual;
pub mod breakdown;
pub mod button;
pub mod dialog;
pub mod event_card;
pub mod field;
pub mod guard;
pub mod icons;
pub mod image_upload;
pub mod lang_switch;
pub mod layout;
pub mod org_switcher;
pub mod paged;
pub mod status;
pub mod stepper;
pub mod tabs;
pub mod title;
pub mod user_menu;

pub use alert::{ErrorAlert, Flash, FlashMessage};
pub use button::SubmitButton;
pub use dialog::{ConfirmDialog, FormDialog};
pub use field::{CheckboxField, SelectField, TextAreaField, TextField};
pub use guard::{RequireAdmin, RequireAuth};
pub use image_upload::ImageUpload;
pub use status::{Forbidden, Loading, NotFound};
pub use title::PageTitle;

/// The error of a form or a load, shared by the form's alert and its fields.
pub type ErrSignal = leptos::prelude::RwSignal<Option<crate::api::ApiError>>;
