//! Organizer-authored content turned into something safe to serve: Markdown descriptions to
//! sanitized HTML, custom CSS scoped to the event page, `.ics` calendar files, social-preview
//! tags for the SPA's `index.html`, and theme colour checks. Pure functions, no I/O.

pub mod colors;
pub mod css;
pub mod ics;
pub mod markdown;
pub mod og;

pub use colors::is_hex_color;
pub use css::{CssIssue, scope_css};
pub use ics::{IcsEvent, event_ics, event_ics_stamped};
pub use markdown::render_markdown;
pub use og::{SocialMeta, with_social_meta};
