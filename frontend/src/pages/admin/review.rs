//! What the admin Refunds and Withdrawals tabs share: the status filter's choices and the dialog
//! that approves, rejects (a note is required) or marks a bank transfer as paid (with its
//! reference).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{ErrSignal, FormDialog, TextAreaField, TextField};
use crate::i18n::{Tr, finance as fi};

/// What the admin decides in the dialog.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Decision {
    Approve,
    Reject,
    /// A bank transfer was made by hand (withdrawals only).
    Complete,
}

impl Decision {
    pub fn label(self) -> Tr {
        match self {
            Decision::Approve => fi::APPROVE,
            Decision::Reject => fi::REJECT,
            Decision::Complete => fi::MARK_PAID,
        }
    }
}

/// The status filter's options: "All statuses", then each status by its wire name.
pub fn status_options<S: Copy>(
    all: &[S],
    wire: fn(S) -> &'static str,
    text: fn(S) -> Tr,
    lang: common::Lang,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), fi::ANY_STATUS.get(lang).to_owned()))
        .chain(
            all.iter()
                .map(|s| (wire(*s).to_owned(), text(*s).get(lang).to_owned())),
        )
        .collect()
}

/// The note as typed (`None` when empty); required to reject.
pub fn checked_note(decision: Decision, note: &str) -> Result<Option<String>, ApiError> {
    let note = note.trim();
    if decision == Decision::Reject && note.is_empty() {
        Err(ApiError::invalid_field("note", "required"))
    } else if note.chars().count() > 1000 {
        Err(ApiError::invalid_field("note", "too_long"))
    } else {
        Ok((!note.is_empty()).then(|| note.to_owned()))
    }
}

/// The bank reference of a completed transfer, required.
pub fn checked_reference(reference: &str) -> Result<String, ApiError> {
    let reference = reference.trim();
    if reference.is_empty() {
        Err(ApiError::invalid_field("reference", "required"))
    } else {
        Ok(reference.to_owned())
    }
}

#[component]
pub fn ReviewDialog(
    id: &'static str,
    open: RwSignal<bool>,
    decision: RwSignal<Decision>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] message: Signal<String>,
    note: RwSignal<String>,
    reference: RwSignal<String>,
    pending: RwSignal<bool>,
    error: ErrSignal,
    on_submit: Callback<()>,
) -> impl IntoView {
    let note_id = format!("{id}-note");
    let reference_id = format!("{id}-reference");
    view! {
        <FormDialog
            id
            open
            title
            message
            submit_label=Signal::derive(move || decision.get().label())
            pending
            error
            danger=Signal::derive(move || decision.get() == Decision::Reject)
            on_submit
        >
            {move || match decision.get() {
                Decision::Complete => view! {
                    <TextField id=reference_id.clone() label=fi::BANK_REFERENCE value=reference field="reference" error required=true />
                }
                .into_any(),
                Decision::Reject => view! {
                    <TextAreaField id=note_id.clone() label=fi::DECISION_NOTE value=note field="note" error hint=fi::NOTE_REQUIRED_HINT rows=3 />
                }
                .into_any(),
                Decision::Approve => view! {
                    <TextAreaField id=note_id.clone() label=fi::DECISION_NOTE value=note field="note" error hint=fi::NOTE_OPTIONAL_HINT rows=3 />
                }
                .into_any(),
            }}
        </FormDialog>
    }
}
