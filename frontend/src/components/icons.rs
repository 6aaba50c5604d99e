//! The category icon set: names as the API stores them (`music`, `graduation-cap`), shown as
//! emoji (decorative: always next to the category's name, hidden from screen readers).

/// Every icon an administrator can pick, with its glyph.
pub const ICONS: [(&str, &str); 20] = [
    ("music", "🎵"),
    ("briefcase", "💼"),
    ("cpu", "💻"),
    ("palette", "🎨"),
    ("trophy", "🏆"),
    ("utensils", "🍽️"),
    ("graduation-cap", "🎓"),
    ("users", "👥"),
    ("mic", "🎤"),
    ("film", "🎬"),
    ("theater", "🎭"),
    ("party", "🎉"),
    ("heart", "❤️"),
    ("church", "⛪"),
    ("book", "📚"),
    ("camera", "📷"),
    ("shirt", "👕"),
    ("globe", "🌍"),
    ("baby", "👶"),
    ("ticket", "🎟️"),
];

/// The glyph of an icon name; a ticket for unknown names.
pub fn glyph(name: &str) -> &'static str {
    ICONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, g)| *g)
        .unwrap_or("🎟️")
}
